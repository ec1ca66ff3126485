package io.github.servicetitan4j.sample;

import io.github.servicetitan4j.test.ServiceTitanSimulatorTestConfiguration;

import org.springframework.boot.SpringApplication;

/**
 * Runs the sample app against an in-process ServiceTitan simulator serving two tenants, {@code acme} and
 * {@code globex}, when no credentials are configured: {@code ./mvnw -pl sample-app spring-boot:test-run}. With
 * credentials set ({@code SERVICETITAN_CLIENT_ID} and the others for one tenant, or {@code servicetitan.tenants.*}),
 * the same command talks to ServiceTitan itself.
 */
public final class TestSampleApplication {

	/** The simulated tenants, unless {@code -Dservicetitan.simulator.tenants} names others. */
	static final String TENANTS = "acme,globex";

	private TestSampleApplication() {
	}

	public static void main(String[] args) {
		if (System.getProperty("servicetitan.simulator.tenants") == null) {
			System.setProperty("servicetitan.simulator.tenants", TENANTS);
		}
		SpringApplication.from(SampleApplication::main).with(ServiceTitanSimulatorTestConfiguration.class).run(args);
	}

}
