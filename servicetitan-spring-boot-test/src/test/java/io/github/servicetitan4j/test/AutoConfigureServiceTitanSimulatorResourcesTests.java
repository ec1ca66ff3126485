package io.github.servicetitan4j.test;

import java.util.List;
import java.util.Map;

import io.github.servicetitan4j.EndpointFactory;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.support.GenericApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link AutoConfigureServiceTitanSimulator#resources()} declares resources of one's own from JSON files, as the
 * standalone program's {@code --resources} does, without giving up the annotation for a hand-started simulator.
 */
@SpringBootTest(classes = AutoConfigureServiceTitanSimulatorResourcesTests.App.class)
@AutoConfigureServiceTitanSimulator(customers = 5, locations = 5, jobs = 5, appointments = 5, invoices = 5,
		resources = { "settings/technicians=simulator/technicians.json", "crm/bookings:crud=simulator/bookings-page.json" })
class AutoConfigureServiceTitanSimulatorResourcesTests {

	@Autowired
	ServiceTitanSimulator simulator;

	@Autowired
	EndpointFactory serviceTitan;

	@Test
	void whenResourcesAreDeclaredThenTheStarterReadsTheirRecordsOverHttp() {
		List<JsonNode> technicians = this.serviceTitan.endpoint("settings", "technicians").getAll(Map.of());

		assertThat(technicians).extracting((technician) -> technician.path("name").asString())
			.contains("Ava Brooks", "Ben Chen");
		assertThat(this.simulator.requests().count("GET", "/settings/v2/tenant/\\d+/technicians")).isPositive();
	}

	@Test
	void whenADeclarationSaysCrudThenRecordsCanBeCreated() {
		this.simulator.reset();
		JsonNode created = this.serviceTitan.endpoint("crm", "bookings").create(Map.of("name", "Noisy boiler"));

		assertThat(created.path("id").asLong()).isPositive();
		assertThat(this.simulator.tenant().records("crm", "bookings")).extracting((booking) -> booking.get("name"))
			.contains("Leaking faucet", "Noisy boiler");
	}

	@Test
	void whenADeclarationIsMalformedThenTheContextFailsNamingIt() {
		ServiceTitanSimulatorContextCustomizer customizer = new ServiceTitanSimulatorContextCustomizer(
				Malformed.class.getAnnotation(AutoConfigureServiceTitanSimulator.class));

		try (GenericApplicationContext context = new GenericApplicationContext()) {
			assertThatIllegalArgumentException().isThrownBy(() -> customizer.customizeContext(context, null))
				.withMessageContaining("folder/name[:crud][=records.json]")
				.withMessageContaining("technicians.json");
		}
	}

	@Test
	void whenADeclaredFileIsMissingThenTheContextFailsNamingIt() {
		ServiceTitanSimulatorContextCustomizer customizer = new ServiceTitanSimulatorContextCustomizer(
				Missing.class.getAnnotation(AutoConfigureServiceTitanSimulator.class));

		try (GenericApplicationContext context = new GenericApplicationContext()) {
			assertThatIllegalArgumentException().isThrownBy(() -> customizer.customizeContext(context, null))
				.withMessageContaining("simulator/no-such-file.json");
		}
	}

	@AutoConfigureServiceTitanSimulator(resources = "technicians.json")
	static class Malformed {

	}

	@AutoConfigureServiceTitanSimulator(resources = "settings/technicians=simulator/no-such-file.json")
	static class Missing {

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

	}

}
