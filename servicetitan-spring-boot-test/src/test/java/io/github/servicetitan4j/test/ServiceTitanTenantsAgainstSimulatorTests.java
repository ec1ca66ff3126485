package io.github.servicetitan4j.test;

import java.util.List;
import java.util.Map;

import io.github.servicetitan4j.ServiceTitanTenants;
import io.github.servicetitan4j.autoconfigure.ServiceTitanAutoConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's {@code servicetitan.tenants} against a simulator serving two named tenants, configured by nothing but
 * the simulator's own properties: each tenant gets its own token and its own data.
 */
class ServiceTitanTenantsAgainstSimulatorTests {

	private static ServiceTitanSimulator simulator;

	@BeforeAll
	static void start() {
		simulator = ServiceTitanSimulator.builder()
			.customers(5)
			.locations(5)
			.jobs(5)
			.tenant("acme")
			.tenant("globex")
			.start();
	}

	@AfterAll
	static void stop() {
		simulator.close();
	}

	@Test
	void whenTheSimulatorsTenantPropertiesConfigureTheStarterThenEachTenantReadsItsOwnDataWithItsOwnToken() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ServiceTitanAutoConfiguration.class))
			.withPropertyValues(simulator.properties()
				.entrySet()
				.stream()
				.map((entry) -> entry.getKey() + "=" + entry.getValue())
				.toArray(String[]::new))
			.run((context) -> {
				ServiceTitanTenants tenants = context.getBean(ServiceTitanTenants.class);
				assertThat(tenants.names()).containsExactly("acme", "globex");
				for (String name : List.of("acme", "globex")) {
					List<JsonNode> customers = tenants.tenant(name)
						.endpoint("crm", "customers")
						.getAll(Map.of("active", "Any"));
					assertThat(customers).extracting((customer) -> customer.path("id").asLong())
						.as(name)
						.containsExactlyElementsOf(simulator.tenant(name)
							.customers()
							.stream()
							.map((customer) -> ((Number) customer.get("id")).longValue())
							.toList());
					assertThat(simulator.tokenRequests(name)).as(name).isEqualTo(1);
				}
			});
	}

}
