package io.github.servicetitan4j.test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ServiceTitan's backend (ASP.NET) binds query names in any case, and its own pagination guide writes {@code Page}
 * and {@code PageSize}: the simulator reads every query parameter it knows the same way, instead of ignoring the
 * spellings that differ from the specs'.
 */
class QueryNameCaseTests {

	private static ServiceTitanSimulator simulator;

	private static SimulatorHttp http;

	@BeforeAll
	static void start() {
		simulator = ServiceTitanSimulator.builder()
			.customers(40)
			.locations(40)
			.jobs(120)
			.appointments(40)
			.invoices(40)
			.exportBatchSize(50)
			.rateLimit(0)
			.start();
		http = new SimulatorHttp(simulator);
	}

	@AfterAll
	static void stop() {
		simulator.close();
	}

	private static String jobs(String query) {
		return http.path("jpm", "jobs") + query;
	}

	@Test
	void whenPageSizeIsWrittenPageSizeAndAbove5000ThenBadRequest() {
		HttpResponse<String> response = http.get(jobs("?PageSize=5001"));

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("PageSize");
	}

	@Test
	void whenPageAndPageSizeAreCapitalizedThenTheyPage() {
		Map<String, @Nullable Object> page = http.getJson(jobs("?Page=2&PageSize=7&IncludeTotal=True"));

		assertThat(page).containsEntry("page", 2L).containsEntry("pageSize", 7L);
		assertThat(page.get("totalCount")).isNotNull();
		assertThat(SimulatorHttp.data(page)).hasSize(7);
	}

	@Test
	void whenActiveIsWrittenActiveAnyThenInactiveRecordsToo() {
		Map<String, @Nullable Object> page = http.getJson(jobs("?Active=Any&includeTotal=true&pageSize=1"));

		assertThat(page).containsEntry("totalCount", (long) simulator.tenant().jobs().size());
	}

	@Test
	void whenIdsAndSortAreCapitalizedThenTheyFilterAndOrder() {
		Map<String, @Nullable Object> page = http.getJson(jobs("?IDS=3000001,3000002,3000003&Sort=-Id&active=any"));

		assertThat(SimulatorHttp.data(page)).extracting(SimulatorHttp::id).containsExactly(3000003L, 3000002L, 3000001L);
	}

	@Test
	void whenADateBoundIsCapitalizedThenItFilters() {
		Map<String, @Nullable Object> page = http.getJson(jobs("?ModifiedOnOrAfter=2024-07-01&pageSize=5000&active=any"));

		long expected = simulator.tenant()
			.jobs()
			.stream()
			.filter((job) -> String.valueOf(job.get("modifiedOn")).compareTo("2024-07-01") >= 0)
			.count();
		assertThat(expected).isPositive().isLessThan(simulator.tenant().jobs().size());
		assertThat(SimulatorHttp.data(page)).hasSize((int) expected);
	}

	@Test
	void whenFromIsCapitalizedThenTheExportContinuesFromIt() {
		Map<String, @Nullable Object> first = http.getJson(http.path("jpm", "export/jobs"));
		String token = (String) first.get("continueFrom");

		Map<String, @Nullable Object> second = http.getJson(http.path("jpm", "export/jobs") + "?From=" + token
				+ "&IncludeRecentChanges=true");

		List<Long> firstIds = SimulatorHttp.data(first).stream().map(SimulatorHttp::id).toList();
		List<Long> secondIds = SimulatorHttp.data(second).stream().map(SimulatorHttp::id).toList();
		assertThat(secondIds).as("the second batch, starting with up to 10 repeated records").hasSize(50);
		assertThat(secondIds.subList(0, 10)).isEqualTo(firstIds.subList(40, 50));
		assertThat(secondIds.subList(10, 50)).doesNotContainAnyElementsOf(firstIds);
	}

	@Test
	void whenFromIsCapitalizedAndNotATokenThenBadRequest() {
		assertThat(http.get(http.path("jpm", "export/jobs") + "?From=not-a-token!").statusCode()).isEqualTo(400);
	}

}
