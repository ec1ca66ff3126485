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

/**
 * Tenants declared on the annotation: the environment configures each under {@code servicetitan.tenants.<name>}
 * with the shared app key, and each tenant's properties alone reach that tenant's data.
 */
@ExtendWith(SpringExtension.class)
@ContextConfiguration(classes = AutoConfigureServiceTitanSimulatorTenantsTests.TestConfig.class)
@AutoConfigureServiceTitanSimulator(customers = 4, locations = 4, jobs = 6, appointments = 0, invoices = 0,
		tenants = { "acme", "globex" })
class AutoConfigureServiceTitanSimulatorTenantsTests {

	@Autowired
	private Environment environment;

	@Autowired
	private ServiceTitanSimulator simulator;

	@Test
	void whenTenantsAreDeclaredThenEachIsConfiguredUnderServicetitanTenants() {
		assertThat(this.environment.getProperty("servicetitan.app-key")).isEqualTo(ServiceTitanSimulator.DEFAULT_APP_KEY);
		assertThat(this.environment.getProperty("servicetitan.api-url")).isEqualTo(this.simulator.apiUrl().toString());
		for (String tenant : new String[] { "acme", "globex" }) {
			String prefix = "servicetitan.tenants." + tenant + ".";
			assertThat(this.environment.getProperty(prefix + "tenant-id")).isEqualTo(this.simulator.tenantId(tenant));
			assertThat(this.environment.getProperty(prefix + "client-id")).isEqualTo(this.simulator.clientId(tenant));
			assertThat(this.environment.getProperty(prefix + "client-secret"))
				.isEqualTo(this.simulator.clientSecret(tenant));
		}
		assertThat(this.environment.containsProperty("servicetitan.client-id")).isFalse();
		assertThat(this.environment.containsProperty("servicetitan.tenant-id")).isFalse();
	}

	@Test
	void whenATenantsPropertiesAreUsedThenTheyReachThatTenantsDataOnly() {
		SimulatorHttp acme = new SimulatorHttp(URI.create(this.environment.getRequiredProperty("servicetitan.api-url")),
				this.environment.getRequiredProperty("servicetitan.tenants.acme.tenant-id"),
				this.environment.getRequiredProperty("servicetitan.tenants.acme.client-id"),
				this.environment.getRequiredProperty("servicetitan.tenants.acme.client-secret"),
				this.environment.getRequiredProperty("servicetitan.app-key"));

		assertThat(SimulatorHttp.data(acme.getJson(acme.path("crm", "customers") + "?active=Any")))
			.isEqualTo(this.simulator.tenant("acme").customers());
		String globexPath = "/crm/v2/tenant/" + this.environment.getRequiredProperty("servicetitan.tenants.globex.tenant-id")
				+ "/customers";
		assertThat(acme.get(globexPath).statusCode()).isEqualTo(403);
	}

	@Configuration(proxyBeanMethods = false)
	static class TestConfig {

	}

}
