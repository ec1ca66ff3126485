package io.github.servicetitan4j.test;

import io.github.servicetitan4j.autoconfigure.ServiceTitanConnectionDetails;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

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
 * {@code SERVICETITAN_CLIENT_ID}), it defines nothing and the application talks to ServiceTitan itself.
 */
@TestConfiguration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "servicetitan.client-id", havingValue = "__none__", matchIfMissing = true)
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

}
