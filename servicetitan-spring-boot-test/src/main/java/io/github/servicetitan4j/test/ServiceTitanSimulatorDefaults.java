package io.github.servicetitan4j.test;

import io.github.servicetitan4j.test.internal.SimulatorSettings;

/**
 * Constants an annotation default can refer to.
 */
final class ServiceTitanSimulatorDefaults {

	static final long SEED = SimulatorSettings.DEFAULT_SEED;

	private ServiceTitanSimulatorDefaults() {
	}

}
