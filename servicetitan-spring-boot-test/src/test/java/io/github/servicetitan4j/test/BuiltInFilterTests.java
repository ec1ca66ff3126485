package io.github.servicetitan4j.test;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import io.github.servicetitan4j.ServiceTitanClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built-in resources filter by their fields as declared ones do: code that relies on a server-side filter
 * such as {@code jobStatus=Completed} gets only what it asked for, and fails its tests when it asks wrongly.
 */
class BuiltInFilterTests {

	@RegisterExtension
	static final ServiceTitanSimulatorExtension extension = new ServiceTitanSimulatorExtension(
			ServiceTitanSimulator.builder().customers(20).locations(20).jobs(200).appointments(100).invoices(50));

	@Test
	void whenJobsAreFilteredByStatusThenOnlyJobsOfThatStatusComeBack(ServiceTitanSimulator simulator) {
		try (ServiceTitanClient client = simulator.clientBuilder().build()) {
			List<JsonNode> completed = client.endpoint("jpm", "jobs").getAll(Map.of("jobStatus", "Completed"));

			long expected = simulator.tenant()
				.jobs()
				.stream()
				.filter((job) -> Boolean.TRUE.equals(job.get("active")) && "Completed".equals(job.get("jobStatus")))
				.count();
			assertThat(completed).hasSize((int) expected).isNotEmpty();
			assertThat(completed).allSatisfy((job) -> assertThat(job.get("jobStatus").asString()).isEqualTo("Completed"));
			assertThat(expected).isLessThan(simulator.tenant().jobs().size());
		}
	}

	@Test
	void whenAFilterMatchesNothingThenNothingComesBack(ServiceTitanSimulator simulator) {
		SimulatorHttp http = new SimulatorHttp(simulator);

		assertThat(SimulatorHttp.data(http.getJson(http.path("jpm", "jobs") + "?jobStatus=Nonsense&active=Any"))).isEmpty();
	}

	@Test
	void whenFiltersAreCombinedThenRecordsMatchAllOfThem(ServiceTitanSimulator simulator) {
		SimulatorHttp http = new SimulatorHttp(simulator);
		Map<String, @Nullable Object> someJob = simulator.tenant().jobs().get(0);
		Object customerId = someJob.get("customerId");

		List<Map<String, @Nullable Object>> jobs = SimulatorHttp.data(http.getJson(http.path("jpm", "jobs")
				+ "?active=Any&pageSize=500&customerId=" + customerId + "&priority=" + someJob.get("priority")));

		assertThat(jobs).isNotEmpty()
			.allSatisfy((job) -> assertThat(job).containsEntry("customerId", customerId)
				.containsEntry("priority", someJob.get("priority")));
		assertThat(jobs).anySatisfy((job) -> assertThat(job.get("id")).isEqualTo(someJob.get("id")));
	}

	@Test
	void whenOtherResourcesAreFilteredByAFieldThenTheFilterApplies(ServiceTitanSimulator simulator) {
		SimulatorHttp http = new SimulatorHttp(simulator);

		List<Map<String, @Nullable Object>> done = SimulatorHttp
			.data(http.getJson(http.path("jpm", "appointments") + "?status=done&active=Any&pageSize=500"));
		List<Map<String, @Nullable Object>> commercial = SimulatorHttp
			.data(http.getJson(http.path("crm", "customers") + "?type=Commercial&active=Any"));

		assertThat(done).isNotEmpty().allSatisfy((appointment) -> assertThat(appointment).containsEntry("status", "Done"));
		assertThat(commercial).allSatisfy((customer) -> assertThat(customer).containsEntry("type", "Commercial"));
		assertThat(commercial).hasSizeLessThan(simulator.tenant().customers().size());
	}

	@Test
	void whenAParameterNamesNoFieldThenItIsIgnoredAsServiceTitanDoes(ServiceTitanSimulator simulator) {
		SimulatorHttp http = new SimulatorHttp(simulator);

		Map<String, @Nullable Object> page = http.getJson(http.path("jpm", "jobs") + "?includeTotal=true&status=Completed");

		assertThat(page.get("totalCount")).isEqualTo(
				simulator.tenant().jobs().stream().filter((job) -> Boolean.TRUE.equals(job.get("active"))).count());
	}

	@Test
	void whenRecordsAreSeededThenTheyCarryTheFieldsATypicalSyncReads(ServiceTitanSimulator simulator) {
		Map<String, @Nullable Object> customer = simulator.tenant().customers().get(0);
		Map<String, @Nullable Object> job = simulator.tenant().jobs().get(0);
		Map<String, @Nullable Object> invoice = simulator.tenant().invoices().get(0);

		assertThat(customer).containsKeys("address", "contacts", "customFields", "balance", "createdById");
		assertThat((List<?>) customer.get("contacts")).hasSize(2);
		assertThat(simulator.tenant().locations().get(0)).containsKeys("address", "contacts", "customFields", "zoneId");
		assertThat(job).containsKeys("jobStatus", "completedOn", "total", "customFields", "tagTypeIds", "leadSource");
		assertThat(invoice).containsKeys("subTotal", "salesTax", "total", "balance", "items", "dueDate");
		assertThat((List<?>) invoice.get("items")).isNotEmpty();
		assertThat(simulator.tenant().appointments().get(0)).containsKeys("technicianIds", "locationId");
	}

	@Test
	void whenSeededTwiceWithTheSameSeedThenRecordsAreEqual() {
		try (ServiceTitanSimulator first = ServiceTitanSimulator.builder().customers(10).locations(10).jobs(30).start();
				ServiceTitanSimulator second = ServiceTitanSimulator.builder().customers(10).locations(10).jobs(30).start()) {
			assertThat(first.tenant().customers()).isEqualTo(second.tenant().customers());
			assertThat(first.tenant().jobs()).isEqualTo(second.tenant().jobs());
			assertThat(first.tenant().invoices()).isEqualTo(second.tenant().invoices());
		}
	}

}
