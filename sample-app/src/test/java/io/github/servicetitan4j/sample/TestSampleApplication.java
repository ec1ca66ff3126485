package io.github.servicetitan4j.sample;

import java.net.URI;

import io.github.servicetitan4j.autoconfigure.ServiceTitanConnectionDetails;
import io.github.servicetitan4j.test.ServiceTitanSimulator;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Runs the sample app against an in-process ServiceTitan simulator when no credentials are configured:
 * {@code ./mvnw -pl sample-app spring-boot:test-run}. With {@code SERVICETITAN_CLIENT_ID} and the other credentials set,
 * the same command talks to ServiceTitan itself.
 */
public final class TestSampleApplication {

	private TestSampleApplication() {
	}

	public static void main(String[] args) {
		SpringApplication.from(SampleApplication::main).with(SimulatorWithoutCredentials.class).run(args);
	}

	/**
	 * A simulated tenant standing in for ServiceTitan when the app has no credentials of its own.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "servicetitan.client-id", havingValue = "__none__", matchIfMissing = true)
	static class SimulatorWithoutCredentials {

		@Bean(destroyMethod = "close")
		ServiceTitanSimulator serviceTitanSimulator() {
			return ServiceTitanSimulator.builder().customers(500).jobs(3000).start();
		}

		@Bean
		ServiceTitanConnectionDetails serviceTitanConnectionDetails(ServiceTitanSimulator simulator) {
			return new SimulatorConnectionDetails(simulator);
		}

	}

	/**
	 * Connects the starter to a simulator.
	 */
	record SimulatorConnectionDetails(ServiceTitanSimulator simulator) implements ServiceTitanConnectionDetails {

		@Override
		public URI apiUrl() {
			return this.simulator.apiUrl();
		}

		@Override
		public URI authUrl() {
			return this.simulator.authUrl();
		}

		@Override
		public String tenantId() {
			return this.simulator.tenantId();
		}

		@Override
		public String appKey() {
			return this.simulator.appKey();
		}

		@Override
		public String clientId() {
			return this.simulator.clientId();
		}

		@Override
		public String clientSecret() {
			return this.simulator.clientSecret();
		}

	}

}
