package io.github.servicetitan4j.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;

import io.github.servicetitan4j.test.ServiceTitanSimulator;
import io.github.servicetitan4j.test.SimulatorContainerSupport;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.wiremock.integrations.testcontainers.WireMockContainer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The full sync against the simulator running as an extension of the official WireMock container. Skipped where no
 * Docker engine runs (as on the CI machines here); {@link SampleSyncTests} makes the same checks in this JVM.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(properties = { "sample.run-on-startup=false",
		"spring.datasource.url=jdbc:h2:mem:sample-container-tests;DB_CLOSE_DELAY=-1" })
class SampleSyncContainerTests {

	@Container
	static final WireMockContainer serviceTitan = new WireMockContainer("wiremock/wiremock:3.13.2")
		.withMappingFromJSON("servicetitan-simulator", SimulatorContainerSupport.mappingJson())
		.withExtensions("servicetitan-simulator", List.of(SimulatorContainerSupport.extensionClassName()),
				List.of(extensionJar()))
		.withEnv("JAVA_OPTS", "-Dservicetitan.simulator.customers=120 -Dservicetitan.simulator.jobs=700");

	@DynamicPropertySource
	static void serviceTitanProperties(DynamicPropertyRegistry registry) {
		registry.add("servicetitan.api-url", serviceTitan::getBaseUrl);
		registry.add("servicetitan.auth-url", serviceTitan::getBaseUrl);
		registry.add("servicetitan.tenant-id", () -> ServiceTitanSimulator.DEFAULT_TENANT_ID);
		registry.add("servicetitan.client-id", () -> ServiceTitanSimulator.DEFAULT_CLIENT_ID);
		registry.add("servicetitan.client-secret", () -> ServiceTitanSimulator.DEFAULT_CLIENT_SECRET);
		registry.add("servicetitan.app-key", () -> ServiceTitanSimulator.DEFAULT_APP_KEY);
	}

	@Autowired
	ExportSync sync;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aFullSyncStoresEveryCustomerAndJobOnce() {
		ExportSync.SyncReport report = this.sync.syncAll();

		assertThat(report.records()).containsEntry("crm/customers", 120L).containsEntry("jpm/jobs", 700L);
		assertThat(this.jdbc.sql("SELECT COUNT(DISTINCT id) FROM jobs").query(Long.class).single()).isEqualTo(700L);
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM customers").query(Long.class).single()).isEqualTo(120L);
	}

	private static java.io.File extensionJar() {
		try {
			return SimulatorContainerSupport.writeExtensionJar(Files.createTempDirectory("servicetitan-simulator")).toFile();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
