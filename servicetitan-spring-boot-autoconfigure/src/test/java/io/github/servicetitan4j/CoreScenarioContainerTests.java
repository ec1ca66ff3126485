package io.github.servicetitan4j;

import java.net.URI;

import com.github.tomakehurst.wiremock.client.WireMock;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.wiremock.integrations.testcontainers.WireMockContainer;

/**
 * {@link CoreScenario} against the official WireMock container. Skipped where no Docker engine runs (as on the CI
 * machines here); {@link CoreScenarioTests} makes the same checks against WireMock in this JVM.
 */
@Testcontainers(disabledWithoutDocker = true)
class CoreScenarioContainerTests {

	@Container
	static final WireMockContainer wireMock = new WireMockContainer("wiremock/wiremock:3.13.2");

	@Test
	void theCoreScenarioPassesAgainstTheWireMockContainer() {
		URI baseUrl = URI.create(wireMock.getBaseUrl());
		CoreScenario.run(new WireMock(baseUrl.getHost(), baseUrl.getPort()), baseUrl);
	}

}
