package io.github.servicetitan4j.test;

import java.util.Map;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceTitanSimulatorExtensionTests {

	@Nested
	@ExtendWith(ServiceTitanSimulatorExtension.class)
	@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
	class WhenExtendedWith {

		private final ServiceTitanSimulator fromConstructor;

		WhenExtendedWith(ServiceTitanSimulator simulator) {
			this.fromConstructor = simulator;
		}

		@Test
		@Order(1)
		void whenATestAsksForTheSimulatorThenItGetsTheRunningOne(ServiceTitanSimulator simulator) {
			assertThat(simulator.isRunning()).isTrue();
			assertThat(simulator).isSameAs(this.fromConstructor);
			assertThat(simulator.tenant().customers()).hasSize(250);
		}

		@Test
		@Order(2)
		void whenATestChangesDataThenTheChangeIsVisibleWithinTheTest(ServiceTitanSimulator simulator) {
			SimulatorHttp http = new SimulatorHttp(simulator);
			long id = SimulatorHttp.id(simulator.tenant().customers().get(0));

			http.sendJson("DELETE", http.path("crm", "customers/" + id), null);

			assertThat(simulator.tenant().customers()).hasSize(249);
		}

		@Test
		@Order(3)
		void whenTheNextTestStartsThenDataJournalAndFaultsAreReset(ServiceTitanSimulator simulator) {
			assertThat(simulator.tenant().customers()).hasSize(250);
			assertThat(simulator.requests().all()).isEmpty();
			assertThat(simulator.tokenRequests()).isZero();
		}

	}

	@Nested
	class WhenRegisteredWithSettings {

		@RegisterExtension
		final ServiceTitanSimulatorExtension extension = new ServiceTitanSimulatorExtension(
				ServiceTitanSimulator.builder().customers(7).locations(7).jobs(9).appointments(0).invoices(0));

		@Test
		void whenTheTestRunsThenTheSimulatorHasThoseSettings() {
			ServiceTitanSimulator simulator = this.extension.simulator();

			assertThat(simulator.tenant().customers()).hasSize(7);
			assertThat(simulator.tenant().jobs()).hasSize(9);
			assertThat(new SimulatorHttp(simulator).getJson(new SimulatorHttp(simulator).path("crm", "customers")
					+ "?active=Any&includeTotal=true")).containsEntry("totalCount", 7L);
		}

		@Test
		void whenTheTestAsksForPropertiesThenTheyNameTheSimulatorsPort(ServiceTitanSimulator simulator) {
			Map<String, String> properties = simulator.properties();

			assertThat(properties.get("servicetitan.api-url")).endsWith(":" + simulator.port());
			assertThat(simulator).isSameAs(this.extension.simulator());
		}

	}

}
