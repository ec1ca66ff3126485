package io.github.servicetitan4j.autoconfigure.webhook;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.actuate.autoconfigure.context.properties.ConfigurationPropertiesReportEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.env.EnvironmentEndpointAutoConfiguration;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;

import io.github.servicetitan4j.autoconfigure.actuate.ServiceTitanSanitizingAutoConfiguration;

import static io.github.servicetitan4j.autoconfigure.webhook.WebhookApp.KEY;
import static io.github.servicetitan4j.autoconfigure.webhook.WebhookApp.OLD_KEY;
import static org.assertj.core.api.Assertions.assertThat;

class ServiceTitanWebhookAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ServiceTitanWebhookAutoConfiguration.class));

	@Test
	void whenWebhooksAreNotEnabledThenNoEndpoint() {
		this.contextRunner.withPropertyValues("servicetitan.webhooks.secrets=" + KEY)
			.run((context) -> assertThat(context).doesNotHaveBean(WebhookEndpoint.class));
	}

	@Test
	void whenTheApplicationIsNotAServletWebApplicationThenNoEndpoint() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ServiceTitanWebhookAutoConfiguration.class))
			.withPropertyValues("servicetitan.webhooks.enabled=true", "servicetitan.webhooks.secrets=" + KEY)
			.run((context) -> assertThat(context).doesNotHaveBean(WebhookEndpoint.class));
	}

	@Test
	void whenEnabledWithAKeyThenTheEndpointIsMappedAtThePathAndBelowIt() {
		this.contextRunner
			.withPropertyValues("servicetitan.webhooks.enabled=true", "servicetitan.webhooks.secrets=" + KEY,
					"servicetitan.webhooks.path=/hooks/st")
			.run((context) -> assertThat(context.getBean("serviceTitanWebhookHandlerMapping", SimpleUrlHandlerMapping.class)
				.getUrlMap()).containsOnlyKeys("/hooks/st", "/hooks/st/*"));
	}

	@Test
	void whenEnabledWithoutAKeyAndWithoutAllowingUnsignedDeliveriesThenStartupFailsNamingTheProperties() {
		this.contextRunner.withPropertyValues("servicetitan.webhooks.enabled=true")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("servicetitan.webhooks.secrets is empty")
				.hasMessageContaining("servicetitan.webhooks.allow-unsigned"));
	}

	@Test
	void whenAKeyIsTooShortThenStartupFailsWithoutShowingIt() {
		this.contextRunner.withPropertyValues("servicetitan.webhooks.enabled=true",
				"servicetitan.webhooks.secrets[0]=" + KEY, "servicetitan.webhooks.secrets[1]=short-s3cret")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("servicetitan.webhooks.secrets[1] has 12 characters")
				.message()
				.doesNotContain("short-s3cret"));
	}

	@Test
	void whenTheJdbcStoreIsAskedForWithoutADataSourceThenStartupFailsSayingSo() {
		this.contextRunner.withPropertyValues("servicetitan.webhooks.enabled=true", "servicetitan.webhooks.secrets=" + KEY,
				"servicetitan.webhooks.dedup.store=jdbc")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("servicetitan.webhooks.dedup.store is 'jdbc' but the application has no DataSource"));
	}

	@Test
	void whenTheRedisStoreIsAskedForWithoutSpringDataRedisThenStartupFailsSayingSo() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.data.redis"))
			.withPropertyValues("servicetitan.webhooks.enabled=true", "servicetitan.webhooks.secrets=" + KEY,
					"servicetitan.webhooks.dedup.store=redis")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("'redis' but the application has no spring-data-redis"));
	}

	@Test
	void whenValuesAreShownThenConfigpropsAndEnvMaskEveryWebhookKey() {
		JsonMapper json = JsonMapper.builder().build();
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(ServiceTitanSanitizingAutoConfiguration.class,
					ConfigurationPropertiesReportEndpointAutoConfiguration.class,
					EnvironmentEndpointAutoConfiguration.class))
			.withPropertyValues("servicetitan.webhooks.enabled=true", "servicetitan.webhooks.secrets[0]=" + KEY,
					"servicetitan.webhooks.secrets[1]=" + OLD_KEY, "servicetitan.webhooks.header=X-Sig",
					"management.endpoints.web.exposure.include=configprops,env",
					"management.endpoint.configprops.show-values=always", "management.endpoint.env.show-values=always")
			.run((context) -> {
				String report = json.writeValueAsString(
						context.getBean(ConfigurationPropertiesReportEndpoint.class).configurationProperties());
				String env = json.writeValueAsString(context.getBean(EnvironmentEndpoint.class).environment(null));
				assertThat(report).contains("X-Sig").doesNotContain(KEY, OLD_KEY);
				assertThat(env).contains("servicetitan.webhooks.secrets[1]").doesNotContain(KEY, OLD_KEY);
			});
	}

}
