package io.github.servicetitan4j.test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SeedDataTests {

	@Test
	void whenStartedWithDefaultsThenTheDocumentedCounts() {
		try (ServiceTitanSimulator simulator = ServiceTitanSimulator.start()) {
			SimulatedTenant tenant = simulator.tenant();

			assertThat(tenant.customers()).hasSize(250);
			assertThat(tenant.locations()).hasSize(250);
			assertThat(tenant.jobs()).hasSize(1000);
			assertThat(tenant.appointments()).hasSize(1500);
			assertThat(tenant.invoices()).hasSize(800);
			assertThat(tenant.imagePaths()).hasSize(3);
			assertThat(tenant.jobs().stream().mapToInt((job) -> tenant.attachments(SimulatorHttp.id(job)).size()).sum())
				.isEqualTo(5);
		}
	}

	@Test
	void whenTheSeedIsTheSameThenTheDataIsTheSame() {
		try (ServiceTitanSimulator first = small(7).start(); ServiceTitanSimulator second = small(7).start()) {
			assertThat(second.tenant().customers()).isEqualTo(first.tenant().customers());
			assertThat(second.tenant().jobs()).isEqualTo(first.tenant().jobs());
			assertThat(second.tenant().invoices()).isEqualTo(first.tenant().invoices());
		}
	}

	@Test
	void whenTheSeedDiffersThenTheDataDiffers() {
		try (ServiceTitanSimulator first = small(7).start(); ServiceTitanSimulator second = small(8).start()) {
			assertThat(second.tenant().customers()).isNotEqualTo(first.tenant().customers());
		}
	}

	@Test
	void whenRecordsReferToOthersThenTheOthersExist() {
		try (ServiceTitanSimulator simulator = small(3).start()) {
			SimulatedTenant tenant = simulator.tenant();
			Set<Object> customerIds = ids(tenant.customers());
			Set<Object> locationIds = ids(tenant.locations());
			Set<Object> jobIds = ids(tenant.jobs());

			assertThat(tenant.locations()).allSatisfy((location) -> assertThat(customerIds).contains(location.get("customerId")));
			assertThat(tenant.jobs()).allSatisfy((job) -> {
				assertThat(customerIds).contains(job.get("customerId"));
				assertThat(locationIds).contains(job.get("locationId"));
				assertThat(job).containsKeys("jobNumber", "businessUnitId", "jobTypeId", "priority", "summary",
						"jobStatus", "createdOn", "modifiedOn", "active");
			});
			assertThat(tenant.appointments()).allSatisfy((appointment) -> assertThat(jobIds).contains(appointment.get("jobId")));
			assertThat(tenant.customers()).allSatisfy((customer) -> assertThat(customer).containsKeys("name", "type",
					"address", "balance", "active", "createdOn", "modifiedOn"));
		}
	}

	@Test
	void whenDataWasChangedThenResetRestoresTheSeededData() {
		try (ServiceTitanSimulator simulator = small(5).start()) {
			List<Map<String, @Nullable Object>> seeded = simulator.tenant().jobs();
			SimulatorHttp http = new SimulatorHttp(simulator);
			http.sendJson("DELETE", http.path("jpm", "jobs/" + SimulatorHttp.id(seeded.get(0))), null);
			assertThat(simulator.tenant().jobs()).hasSize(seeded.size() - 1);

			simulator.reset();

			assertThat(simulator.tenant().jobs()).isEqualTo(seeded);
			assertThat(simulator.tokenRequests()).isZero();
		}
	}

	@Test
	void whenCountsAreZeroThenTheTenantIsEmptyButServes() {
		try (ServiceTitanSimulator simulator = ServiceTitanSimulator.builder().customers(0).start()) {
			SimulatorHttp http = new SimulatorHttp(simulator);

			assertThat(simulator.tenant().jobs()).isEmpty();
			assertThat(SimulatorHttp.data(http.getJson(http.path("jpm", "jobs")))).isEmpty();
		}
	}

	@Test
	void whenSettingsAreOutOfRangeThenStartFails() {
		assertThatIllegalArgumentException().isThrownBy(() -> ServiceTitanSimulator.builder().jobs(-1).start());
		assertThatIllegalArgumentException().isThrownBy(() -> ServiceTitanSimulator.builder().exportBatchSize(5001).start());
		assertThatIllegalArgumentException().isThrownBy(() -> ServiceTitanSimulator.builder().rateLimit(-1).start());
	}

	@Test
	void whenPropertiesAreAskedForThenTheyPointTheStarterAtTheSimulator() {
		try (ServiceTitanSimulator simulator = small(1).credentials("cid.mine", "cs1.mine").tenantId("42").start()) {
			assertThat(simulator.properties()).containsExactly(
					Map.entry("servicetitan.api-url", "http://127.0.0.1:" + simulator.port()),
					Map.entry("servicetitan.auth-url", "http://127.0.0.1:" + simulator.port()),
					Map.entry("servicetitan.client-id", "cid.mine"), Map.entry("servicetitan.client-secret", "cs1.mine"),
					Map.entry("servicetitan.app-key", ServiceTitanSimulator.DEFAULT_APP_KEY),
					Map.entry("servicetitan.tenant-id", "42"));
		}
	}

	private static ServiceTitanSimulator.Builder small(long seed) {
		return ServiceTitanSimulator.builder().seed(seed).customers(30).locations(40).jobs(60).appointments(80).invoices(40);
	}

	private static Set<Object> ids(List<Map<String, @Nullable Object>> records) {
		return records.stream().map((record) -> record.get("id")).collect(Collectors.toSet());
	}

}
