package io.github.servicetitan4j.autoconfigure.actuate;

import java.net.URI;
import java.util.Map;

import io.github.servicetitan4j.ServiceTitanWireMock;
import io.github.servicetitan4j.autoconfigure.ServiceTitanAutoConfiguration;
import io.github.servicetitan4j.autoconfigure.ServiceTitanConnectionDetails;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.actuate.autoconfigure.context.properties.ConfigurationPropertiesReportEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.env.EnvironmentEndpointAutoConfiguration;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client secret and app key stay masked in {@code /actuator/configprops} and {@code /actuator/env}, even when the
 * application shows values there.
 */
class ServiceTitanSanitizingAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ServiceTitanAutoConfiguration.class,
				ServiceTitanSanitizingAutoConfiguration.class,
				ConfigurationPropertiesReportEndpointAutoConfiguration.class, EnvironmentEndpointAutoConfiguration.class))
		.withInitializer((context) -> context.getEnvironment()
			.getPropertySources()
			.addLast(new SystemEnvironmentPropertySource("systemEnvironment-test",
					Map.of("SERVICETITAN_CLIENT_SECRET", "env-" + ServiceTitanWireMock.CLIENT_SECRET,
							"SERVICETITAN_APPKEY", "env-" + ServiceTitanWireMock.APP_KEY))))
		.withPropertyValues("servicetitan.client-id=" + ServiceTitanWireMock.CLIENT_ID,
				"servicetitan.client-secret=" + ServiceTitanWireMock.CLIENT_SECRET,
				"servicetitan.app-key=" + ServiceTitanWireMock.APP_KEY,
				"servicetitan.tenant-id=" + ServiceTitanWireMock.TENANT,
				"management.endpoints.web.exposure.include=configprops,env",
				"management.endpoint.configprops.show-values=always", "management.endpoint.env.show-values=always");

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void whenValuesAreShownThenConfigpropsStillMasksTheSecretAndAppKey() {
		this.contextRunner.run((context) -> {
			String report = this.json
				.writeValueAsString(context.getBean(ConfigurationPropertiesReportEndpoint.class).configurationProperties());

			assertThat(report).contains("\"clientId\":\"" + ServiceTitanWireMock.CLIENT_ID + "\"")
				.contains("\"clientSecret\":\"******\"")
				.contains("\"appKey\":\"******\"")
				.doesNotContain(ServiceTitanWireMock.CLIENT_SECRET, ServiceTitanWireMock.APP_KEY);
		});
	}

	@Test
	void whenValuesAreShownThenEnvStillMasksTheSecretAndAppKeyUnderAnySpelling() {
		this.contextRunner.run((context) -> {
			String env = this.json.writeValueAsString(context.getBean(EnvironmentEndpoint.class).environment(null));

			assertThat(env).contains(ServiceTitanWireMock.CLIENT_ID)
				.contains("servicetitan.client-secret", "SERVICETITAN_CLIENT_SECRET", "SERVICETITAN_APPKEY")
				.doesNotContain(ServiceTitanWireMock.CLIENT_SECRET, ServiceTitanWireMock.APP_KEY);
		});
	}

	@Test
	void whenValuesAreShownThenEachTenantsSecretIsMaskedToo() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ServiceTitanAutoConfiguration.class,
					ServiceTitanSanitizingAutoConfiguration.class,
					ConfigurationPropertiesReportEndpointAutoConfiguration.class,
					EnvironmentEndpointAutoConfiguration.class))
			.withPropertyValues("servicetitan.app-key=" + ServiceTitanWireMock.APP_KEY,
					"servicetitan.tenants.acme.tenant-id=1111", "servicetitan.tenants.acme.client-id=acme-client",
					"servicetitan.tenants.acme.client-secret=acme-s3cr3t",
					"management.endpoints.web.exposure.include=configprops,env",
					"management.endpoint.configprops.show-values=always", "management.endpoint.env.show-values=always")
			.run((context) -> {
				String report = this.json.writeValueAsString(
						context.getBean(ConfigurationPropertiesReportEndpoint.class).configurationProperties());
				String env = this.json.writeValueAsString(context.getBean(EnvironmentEndpoint.class).environment(null));
				assertThat(report).contains("acme-client").doesNotContain("acme-s3cr3t", ServiceTitanWireMock.APP_KEY);
				assertThat(env).contains("servicetitan.tenants.acme.client-secret")
					.doesNotContain("acme-s3cr3t", ServiceTitanWireMock.APP_KEY);
			});
	}

	@Test
	void whenATenantsSecretIsAPlaceholderForAnEnvironmentVariableThenNeitherEndpointShowsTheResolvedSecret() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ServiceTitanAutoConfiguration.class,
					ServiceTitanSanitizingAutoConfiguration.class,
					ConfigurationPropertiesReportEndpointAutoConfiguration.class,
					EnvironmentEndpointAutoConfiguration.class))
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addLast(new SystemEnvironmentPropertySource("systemEnvironment-test",
						Map.of("ACME_CLIENT_SECRET", "acme-env-s3cr3t"))))
			.withPropertyValues("servicetitan.app-key=" + ServiceTitanWireMock.APP_KEY,
					"servicetitan.tenants.acme.tenant-id=1111", "servicetitan.tenants.acme.client-id=acme-client",
					"servicetitan.tenants.acme.client-secret=${ACME_CLIENT_SECRET}",
					"management.endpoints.web.exposure.include=configprops,env",
					"management.endpoint.configprops.show-values=always", "management.endpoint.env.show-values=always")
			.run((context) -> {
				String report = this.json.writeValueAsString(
						context.getBean(ConfigurationPropertiesReportEndpoint.class).configurationProperties());
				String env = this.json.writeValueAsString(context.getBean(EnvironmentEndpoint.class).environment(null));
				assertThat(report).contains("acme-client").doesNotContain("acme-env-s3cr3t");
				assertThat(env).contains("\"ACME_CLIENT_SECRET\":{\"value\":\"******\"")
					.doesNotContain("acme-env-s3cr3t");
			});
	}

	@Test
	void whenASecretWasPassedOnTheCommandLineThenEnvMasksItInsideTheJavaCommandAndEveryOtherValue() {
		String command = "app.jar --servicetitan.client-secret=" + ServiceTitanWireMock.CLIENT_SECRET
				+ " --servicetitan.app-key=" + ServiceTitanWireMock.APP_KEY + " --server.port=8080";
		this.contextRunner
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addLast(new MapPropertySource("systemProperties-test", Map.of("sun.java.command", command,
						"app.copied-url", "https://x.test/?key=" + ServiceTitanWireMock.APP_KEY))))
			.run((context) -> {
				String env = this.json.writeValueAsString(context.getBean(EnvironmentEndpoint.class).environment(null));

				assertThat(env).contains("app.jar --servicetitan.client-secret=****** --servicetitan.app-key=****** "
						+ "--server.port=8080")
					.contains("https://x.test/?key=******")
					.doesNotContain(ServiceTitanWireMock.CLIENT_SECRET, ServiceTitanWireMock.APP_KEY);
			});
	}

	@Test
	void whenConnectionDetailsSupplyTheSecretThenEnvMasksItInsideValuesToo() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ServiceTitanSanitizingAutoConfiguration.class,
					EnvironmentEndpointAutoConfiguration.class))
			.withBean(ServiceTitanConnectionDetails.class, VaultConnectionDetails::new)
			.withPropertyValues("management.endpoints.web.exposure.include=env",
					"management.endpoint.env.show-values=always", "app.debug-dump=secret is vault-secret-42, key vault-key-42")
			.run((context) -> {
				String env = this.json.writeValueAsString(context.getBean(EnvironmentEndpoint.class).environment(null));

				assertThat(env).contains("secret is ******, key ******").doesNotContain("vault-secret-42", "vault-key-42");
			});
	}

	static final class VaultConnectionDetails implements ServiceTitanConnectionDetails {

		@Override
		public URI apiUrl() {
			return URI.create("http://127.0.0.1:1");
		}

		@Override
		public URI authUrl() {
			return URI.create("http://127.0.0.1:1");
		}

		@Override
		public String tenantId() {
			return "42";
		}

		@Override
		public String appKey() {
			return "vault-key-42";
		}

		@Override
		public String clientId() {
			return "vault-client";
		}

		@Override
		public String clientSecret() {
			return "vault-secret-42";
		}

	}

	@Test
	void whenActuatorIsMissingThenNoSanitizingFunction() {
		new ApplicationContextRunner().withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate"))
			.withConfiguration(AutoConfigurations.of(ServiceTitanSanitizingAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean("serviceTitanSanitizingFunction"));
	}

	@Test
	void whenKeysAreSpelledAnyWayThenTheyAreRecognised() {
		assertThat(ServiceTitanSanitizingFunction.isSecret("servicetitan.client-secret")).isTrue();
		assertThat(ServiceTitanSanitizingFunction.isSecret("servicetitan.clientSecret")).isTrue();
		assertThat(ServiceTitanSanitizingFunction.isSecret("SERVICETITAN_APP_KEY")).isTrue();
		assertThat(ServiceTitanSanitizingFunction.isSecret("servicetitan.client-id")).isFalse();
		assertThat(ServiceTitanSanitizingFunction.isSecret("other.app-key")).isFalse();
		assertThat(ServiceTitanSanitizingFunction.isSecret("servicetitan.tenants.acme.client-secret")).isTrue();
		assertThat(ServiceTitanSanitizingFunction.isSecret("SERVICETITAN_TENANTS_ACME_CLIENTSECRET")).isTrue();
		assertThat(ServiceTitanSanitizingFunction.isSecret("servicetitan.tenants.acme.client-id")).isFalse();
	}

}
