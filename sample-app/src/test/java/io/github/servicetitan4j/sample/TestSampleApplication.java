package io.github.servicetitan4j.sample;

import io.github.servicetitan4j.test.ServiceTitanSimulatorTestConfiguration;

import org.springframework.boot.SpringApplication;

/**
 * Runs the sample app against an in-process ServiceTitan simulator when no credentials are configured:
 * {@code ./mvnw -pl sample-app spring-boot:test-run}. With {@code SERVICETITAN_CLIENT_ID} and the other credentials set,
 * the same command talks to ServiceTitan itself.
 */
public final class TestSampleApplication {

	private TestSampleApplication() {
	}

	public static void main(String[] args) {
		SpringApplication.from(SampleApplication::main).with(ServiceTitanSimulatorTestConfiguration.class).run(args);
	}

}
