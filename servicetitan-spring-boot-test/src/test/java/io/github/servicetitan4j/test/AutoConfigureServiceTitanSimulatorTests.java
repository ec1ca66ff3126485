package io.github.servicetitan4j.test;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.junit.jupiter.SpringExtension;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(SpringExtension.class)
@ContextConfiguration(classes = AutoConfigureServiceTitanSimulatorTests.TestConfig.class)
@AutoConfigureServiceTitanSimulator(customers = 12, locations = 12, jobs = 30, appointments = 10, invoices = 5)
class AutoConfigureServiceTitanSimulatorTests {

	@Autowired
	private Environment environment;

	@Autowired
	private ServiceTitanSimulator simulator;

	@Test
	void whenAnnotatedThenTheEnvironmentPointsTheStarterAtTheSimulator() {
		assertThat(this.environment.getProperty("servicetitan.api-url")).isEqualTo(this.simulator.apiUrl().toString());
		assertThat(this.environment.getProperty("servicetitan.auth-url")).isEqualTo(this.simulator.authUrl().toString());
		assertThat(this.environment.getProperty("servicetitan.client-id")).isEqualTo(ServiceTitanSimulator.DEFAULT_CLIENT_ID);
		assertThat(this.environment.getProperty("servicetitan.client-secret"))
			.isEqualTo(ServiceTitanSimulator.DEFAULT_CLIENT_SECRET);
		assertThat(this.environment.getProperty("servicetitan.app-key")).isEqualTo(ServiceTitanSimulator.DEFAULT_APP_KEY);
		assertThat(this.environment.getProperty("servicetitan.tenant-id")).isEqualTo(ServiceTitanSimulator.DEFAULT_TENANT_ID);
	}

	@Test
	void whenAnnotatedThenTheSimulatorHasTheAnnotationsSettings() {
		assertThat(this.simulator.isRunning()).isTrue();
		assertThat(this.simulator.tenant().customers()).hasSize(12);
		assertThat(this.simulator.tenant().jobs()).hasSize(30);
	}

	@Test
	void whenAClientUsesOnlyTheEnvironmentThenItCanCallTheApi() {
		SimulatorHttp http = new SimulatorHttp(URI.create(this.environment.getRequiredProperty("servicetitan.api-url")),
				this.environment.getRequiredProperty("servicetitan.tenant-id"),
				this.environment.getRequiredProperty("servicetitan.client-id"),
				this.environment.getRequiredProperty("servicetitan.client-secret"),
				this.environment.getRequiredProperty("servicetitan.app-key"));

		assertThat(SimulatorHttp.data(http.getJson(http.path("jpm", "jobs") + "?active=Any&pageSize=100"))).hasSize(30);
	}

	@Configuration(proxyBeanMethods = false)
	static class TestConfig {

	}

}
