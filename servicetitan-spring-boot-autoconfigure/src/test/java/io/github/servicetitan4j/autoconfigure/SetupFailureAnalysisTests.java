package io.github.servicetitan4j.autoconfigure;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a user reads when startup fails on the servicetitan.* properties: a heading and an action that fit the
 * problem, not the credentials' advice for everything.
 */
class SetupFailureAnalysisTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ServiceTitanAutoConfiguration.class, RestClientAutoConfiguration.class,
				HttpClientAutoConfiguration.class, JacksonAutoConfiguration.class));

	private static final String[] CONNECTION = { "servicetitan.client-id=cid", "servicetitan.client-secret=s3cr3t-value",
			"servicetitan.app-key=key", "servicetitan.tenant-id=42" };

	private ApplicationContextRunner withRawValues(Map<String, Object> values) {
		return this.contextRunner.withInitializer((context) -> {
			context.getEnvironment().getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
			context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("raw", values));
		});
	}

	private static FailureAnalysis analysis(Throwable failure) {
		FailureAnalysis analysis = new InvalidServiceTitanPropertiesFailureAnalyzer().analyze(failure);
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain("s3cr3t-value");
		return analysis;
	}

	@Test
	void whenTheRateLimitStoreIsRedisWithoutItsDependenciesThenTheAnalysisNamesTheStoreAndWhatToAdd() {
		this.contextRunner.withPropertyValues(CONNECTION)
			.withPropertyValues("servicetitan.rate-limit.store=redis")
			.run((context) -> {
				FailureAnalysis analysis = analysis(context.getStartupFailure());

				assertThat(analysis.getDescription()).startsWith(ServiceTitanSetupHelp.STORE_HEADING)
					.contains("servicetitan.rate-limit.store is 'redis' but the application has no Lettuce")
					.doesNotContain("configured, but not completely");
				assertThat(analysis.getAction()).contains("<artifactId>spring-boot-starter-data-redis</artifactId>",
						"<artifactId>bucket4j_jdk17-lettuce</artifactId>", "spring.data.redis",
						"servicetitan-spring-boot-dependencies", "servicetitan.rate-limit.store to local")
					.doesNotContain("client-id", "SERVICETITAN_CLIENT_ID");
			});
	}

	@Test
	void whenTheRateLimitStoreIsJdbcWithoutADataSourceThenTheActionNamesTheJdbcDependencies() {
		this.contextRunner.withPropertyValues(CONNECTION)
			.withPropertyValues("servicetitan.rate-limit.store=jdbc")
			.run((context) -> {
				FailureAnalysis analysis = analysis(context.getStartupFailure());

				assertThat(analysis.getDescription()).startsWith(ServiceTitanSetupHelp.STORE_HEADING);
				assertThat(analysis.getAction()).contains("spring-boot-starter-jdbc", "bucket4j_jdk17-postgresql",
						"spring.datasource").doesNotContain("SERVICETITAN_CLIENT_ID");
			});
	}

	@Test
	void whenTheCheckpointStoreIsJdbcWithoutADataSourceThenTheActionSaysWhatToAddOrToUseMemory() {
		this.contextRunner.withPropertyValues(CONNECTION)
			.withPropertyValues("servicetitan.export.checkpoints=jdbc")
			.run((context) -> {
				FailureAnalysis analysis = analysis(context.getStartupFailure());

				assertThat(analysis.getDescription()).startsWith(ServiceTitanSetupHelp.STORE_HEADING)
					.contains("servicetitan.export.checkpoints is 'jdbc' but the application has no DataSource bean");
				assertThat(analysis.getAction()).contains("spring-boot-starter-jdbc",
						"servicetitan.export.checkpoints to memory");
			});
	}

	@Test
	void whenATenantsCredentialIsAnUnresolvedPlaceholderThenTheMultiTenantYamlComesFirst() {
		Map<String, Object> values = new HashMap<>();
		values.put("servicetitan.app-key", "key");
		values.put("servicetitan.tenants.acme.tenant-id", "42");
		values.put("servicetitan.tenants.acme.client-id", "${ACME_CLIENT_ID}");
		values.put("servicetitan.tenants.acme.client-secret", "${ACME_CLIENT_SECRET}");

		withRawValues(values).run((context) -> {
			FailureAnalysis analysis = analysis(context.getStartupFailure());

			assertThat(analysis.getDescription()).startsWith(ServiceTitanSetupHelp.CONNECTION_HEADING)
				.contains("servicetitan.tenants.acme.client-id is the unresolved placeholder ${ACME_CLIENT_ID}");
			assertThat(analysis.getAction()).contains("tenants:", "acme:", "${ACME_CLIENT_ID}", "ACME_CLIENT_SECRET");
			assertThat(analysis.getAction().indexOf("tenants:")).as("the multi-tenant YAML comes first")
				.isLessThan(analysis.getAction().indexOf("servicetitan.client-id"));
			assertThat(analysis.getAction()).doesNotContain("client-id: <the tenant's client id>");
		});
	}

	@Test
	void whenTheSingleTenantsCredentialIsMissingThenTheSingleTenantYamlComesFirst() {
		this.contextRunner.withPropertyValues("servicetitan.client-secret=s3cr3t-value").run((context) -> {
			FailureAnalysis analysis = analysis(context.getStartupFailure());

			assertThat(analysis.getDescription()).startsWith(ServiceTitanSetupHelp.CONNECTION_HEADING);
			assertThat(analysis.getAction()).startsWith("Set the ServiceTitan connection properties")
				.contains("client-id: <the tenant's client id>");
		});
	}

	@Test
	void whenOnlyAValueIsOutOfRangeThenTheAnalysisSaysSoWithoutCredentialAdvice() {
		this.contextRunner.withPropertyValues(CONNECTION)
			.withPropertyValues("servicetitan.page-size=5001")
			.run((context) -> {
				FailureAnalysis analysis = analysis(context.getStartupFailure());

				assertThat(analysis.getDescription()).startsWith(ServiceTitanSetupHelp.SETTINGS_HEADING)
					.contains("servicetitan.page-size must be between 1 and 5000, not 5001");
				assertThat(analysis.getAction()).isEqualTo(ServiceTitanSetupHelp.SETTINGS_ACTION);
			});
	}

}
