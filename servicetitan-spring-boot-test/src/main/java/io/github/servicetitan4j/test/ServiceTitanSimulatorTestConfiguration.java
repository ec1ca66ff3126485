package io.github.servicetitan4j.test;

import io.github.servicetitan4j.autoconfigure.ServiceTitanConnectionDetails;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Runs your own application against a simulator in the same JVM when it has no ServiceTitan credentials of its own,
 * for {@code ./mvnw spring-boot:test-run} (or your IDE). Add one class to {@code src/test/java}:
 * <pre>
 * public class TestMyApplication {
 *     public static void main(String[] args) {
 *         SpringApplication.from(MyApplication::main).with(ServiceTitanSimulatorTestConfiguration.class).run(args);
 *     }
 * }
 * </pre>
 * It defines the {@code serviceTitanSimulator} bean (started with the default seed data, stopped with the context)
 * and a {@link ServiceTitanConnectionDetails} bean pointing the starter at it, and it clears the starter's checkpoint
 * store on each {@link ServiceTitanSimulator#reset()}. When {@code servicetitan.client-id} is set (for example by
 * {@code SERVICETITAN_CLIENT_ID}), it defines nothing and the application talks to ServiceTitan itself; a client id that
 * is still an unresolved placeholder ({@code ${SERVICETITAN_CLIENT_ID}} in application.yml, the variable unset) counts
 * as not set.
 */
@TestConfiguration(proxyBeanMethods = false)
@Conditional(ServiceTitanSimulatorTestConfiguration.NoClientId.class)
public class ServiceTitanSimulatorTestConfiguration {

	@Bean(destroyMethod = "close")
	ServiceTitanSimulator serviceTitanSimulator(ConfigurableApplicationContext context) {
		ServiceTitanSimulator simulator = ServiceTitanSimulator.start();
		SimulatorCheckpointReset.register(simulator, context);
		return simulator;
	}

	@Bean
	ServiceTitanConnectionDetails serviceTitanConnectionDetails(ServiceTitanSimulator serviceTitanSimulator) {
		return new SimulatorConnectionDetails(serviceTitanSimulator);
	}

	/**
	 * Matches when {@code servicetitan.client-id} is missing, blank or an unresolved {@code ${...}} placeholder.
	 */
	static class NoClientId extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			String clientId = Binder.get(context.getEnvironment()).bind("servicetitan.client-id", String.class).orElse("");
			if (clientId.isBlank() || clientId.contains("${")) {
				return ConditionOutcome.match("servicetitan.client-id is not set");
			}
			return ConditionOutcome.noMatch("servicetitan.client-id is set: the application talks to ServiceTitan");
		}

	}

}
