package io.github.servicetitan4j.autoconfigure;

import java.io.IOException;
import java.util.Arrays;

import io.github.servicetitan4j.Page;
import io.github.servicetitan4j.Reports;
import io.github.servicetitan4j.autoconfigure.webhook.ServiceTitanWebhookProperties;
import io.github.servicetitan4j.export.ExportCheckpointStore;
import io.github.servicetitan4j.ratelimit.RateLimiterFactory;
import io.github.servicetitan4j.webhook.WebhookEvent;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runtime hints a native image of an application using the starter needs, checked as GraalVM's agent-free build
 * would use them: registered through {@code META-INF/spring/aot.factories}, and covering every script, bound properties
 * class, failure analyzer and serialized record of the starter.
 */
class ServiceTitanRuntimeHintsTests {

	private final RuntimeHints hints = registered();

	private static RuntimeHints registered() {
		RuntimeHints hints = new RuntimeHints();
		SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class)
			.forEach((registrar) -> registrar.registerHints(hints, ServiceTitanRuntimeHintsTests.class.getClassLoader()));
		return hints;
	}

	@Test
	void whenSpringLoadsTheAotFactoriesThenTheStartersRegistrarIsAmongThem() {
		assertThat(SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class)).hasAtLeastOneElementOfType(ServiceTitanRuntimeHints.class);
	}

	@Test
	void everySqlScriptOfTheStarterIsARegisteredResource() throws IOException {
		Resource[] scripts = new PathMatchingResourcePatternResolver()
			.getResources("classpath*:io/github/servicetitan4j/**/*.sql");
		assertThat(scripts).hasSize(ServiceTitanRuntimeHints.SCRIPTS.length + 1);
		for (Resource script : scripts) {
			String path = script.getURL().toString().replaceFirst("^.*?(io/github/servicetitan4j/)", "$1");
			assertThat(RuntimeHintsPredicates.resource().forResource(path)).as(path).accepts(this.hints);
		}
		for (String location : new String[] { ExportCheckpointStore.JDBC_SCHEMA_LOCATION,
				RateLimiterFactory.POSTGRESQL_SCHEMA_LOCATION }) {
			assertThat(RuntimeHintsPredicates.resource().forResource(location.substring("classpath:".length())))
				.as(location)
				.accepts(this.hints);
		}
		assertThat(RuntimeHintsPredicates.resource().forResource("io/github/servicetitan4j/other.sql"))
			.rejects(this.hints);
	}

	@Test
	void thePropertiesThatTheBeansBindAtRunTimeCanBeBoundInANativeImage() {
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(ServiceTitanProperties.class, "setClientId"))
			.accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onMethodInvocation(ServiceTitanProperties.Tenant.class, "setClientSecret")).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(ServiceTitanWebhookProperties.class, "setSecrets"))
			.accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(ServiceTitanProperties.Tenant.class, "getTenantId"))
			.accepts(this.hints);
	}

	@Test
	void theFailureAnalyzersThatExplainAMissingConfigurationCanBeInstantiated() {
		assertThat(RuntimeHintsPredicates.reflection().onType(MissingServiceTitanConfigurationFailureAnalyzer.class)
			.withMemberCategory(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS)).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(InvalidServiceTitanPropertiesFailureAnalyzer.class)
			.withMemberCategory(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS)).accepts(this.hints);
	}

	@Test
	void theRecordsApplicationsSerializeCanBeWrittenByJacksonWithTheTypesTheyReferTo() {
		assertThat(Arrays.asList(ServiceTitanRuntimeHints.SERIALIZED)).contains(Page.class, WebhookEvent.class,
				Reports.Description.class);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(WebhookEvent.class, "type"))
			.accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Page.class, "hasMore")).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Reports.Description.class, "name"))
			.accepts(this.hints);
		// Reached through Description's components, not listed.
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Reports.Description.Field.class, "label"))
			.accepts(this.hints);
	}

}
