package io.github.servicetitan4j.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.wiremock.integrations.testcontainers.WireMockContainer;

/**
 * Runs the simulator's extension inside the official WireMock image, as a user of the Testcontainers WireMock module
 * would. Skipped where no Docker engine is available; {@link SimulatorExtensionJarTests} runs the same
 * {@link SimulatorScenario} against the same jar in the JVM.
 */
@Testcontainers(disabledWithoutDocker = true)
class SimulatorContainerTests {

	@Container
	static final WireMockContainer wiremock = new WireMockContainer("wiremock/wiremock:3.13.2")
		.withMappingFromJSON("servicetitan-simulator", SimulatorContainerSupport.mappingJson())
		.withExtensions("servicetitan-simulator", List.of(SimulatorContainerSupport.extensionClassName()),
				List.of(SimulatorContainerSupport.writeExtensionJar(tempDirectory()).toFile()));

	private static Path tempDirectory() {
		try {
			return Files.createTempDirectory("servicetitan-simulator");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Test
	void whenRunInTheWireMockContainerThenTheSimulatorBehavesAsInTheJvm() {
		SimulatorScenario.verify(URI.create(wiremock.getBaseUrl()));
	}

}
