package io.github.servicetitan4j.test;

import java.net.URI;

import io.github.servicetitan4j.autoconfigure.ServiceTitanConnectionDetails;

/**
 * Connects the starter to a running simulator: its URLs and its fixed, public test credentials.
 *
 * @param simulator the simulator
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

	@Override
	public String toString() {
		return "SimulatorConnectionDetails[" + this.simulator.apiUrl() + ", tenant " + this.simulator.tenantId() + "]";
	}

}
