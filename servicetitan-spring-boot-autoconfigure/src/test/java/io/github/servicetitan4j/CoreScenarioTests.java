package io.github.servicetitan4j;

import org.junit.jupiter.api.Test;

/**
 * {@link CoreScenario} against WireMock in this JVM: the same checks as {@link CoreScenarioContainerTests}, on every
 * machine.
 */
class CoreScenarioTests {

	@Test
	void theCoreScenarioPassesAgainstInJvmWireMock() {
		try (ServiceTitanWireMock wireMock = new ServiceTitanWireMock()) {
			CoreScenario.run(wireMock.wireMock(), wireMock.url());
		}
	}

}
