package io.github.servicetitan4j.test;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PagedListTests {

	private static ServiceTitanSimulator simulator;

	private static SimulatorHttp http;

	@BeforeAll
	static void start() {
		simulator = ServiceTitanSimulator.builder()
			.customers(120)
			.locations(120)
			.jobs(300)
			.appointments(300)
			.invoices(50)
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

	private static List<Map<String, @Nullable Object>> activeJobs() {
		return simulator.tenant().jobs().stream().filter((job) -> Boolean.TRUE.equals(job.get("active"))).toList();
	}

	@Test
	void whenNoPagingIsGivenThenFirstPageOfFiftyActiveRecords() {
		Map<String, @Nullable Object> page = http.getJson(jobs(""));

		assertThat(page).containsEntry("page", 1L).containsEntry("pageSize", 50L).containsEntry("hasMore", true);
		assertThat(page).containsKey("totalCount");
		assertThat(page.get("totalCount")).isNull();
		assertThat(SimulatorHttp.data(page)).hasSize(50)
			.allSatisfy((job) -> assertThat(job).containsEntry("active", true));
	}

	@Test
	void whenIncludeTotalThenTotalCountOfMatchingRecords() {
		Map<String, @Nullable Object> page = http.getJson(jobs("?includeTotal=true&pageSize=10"));

		assertThat(page).containsEntry("totalCount", (long) activeJobs().size());
	}

	@Test
	void whenWalkingPagesThenEveryActiveRecordOnceAndHasMoreFalseAtTheEnd() {
		List<Long> ids = new ArrayList<>();
		int page = 1;
		while (true) {
			Map<String, @Nullable Object> body = http.getJson(jobs("?pageSize=40&page=" + page));
			assertThat(SimulatorHttp.data(body)).hasSizeLessThanOrEqualTo(40);
			SimulatorHttp.data(body).forEach((job) -> ids.add(SimulatorHttp.id(job)));
			if (!Boolean.TRUE.equals(body.get("hasMore"))) {
				break;
			}
			page++;
		}

		assertThat(ids).doesNotHaveDuplicates()
			.containsExactlyInAnyOrderElementsOf(activeJobs().stream().map(SimulatorHttp::id).toList());
	}

	@Test
	void whenPageIsPastTheEndThenEmptyData() {
		Map<String, @Nullable Object> page = http.getJson(jobs("?pageSize=5000&page=2"));

		assertThat(SimulatorHttp.data(page)).isEmpty();
		assertThat(page).containsEntry("hasMore", false);
	}

	@Test
	void whenPageSizeIs5000ThenAccepted() {
		Map<String, @Nullable Object> page = http.getJson(jobs("?pageSize=5000"));

		assertThat(SimulatorHttp.data(page)).hasSize(activeJobs().size());
		assertThat(page).containsEntry("hasMore", false);
	}

	@Test
	void whenPageSizeIsAbove5000ThenBadRequestProblem() {
		assertPageSizeProblem(http.get(jobs("?pageSize=5001")));
	}

	@Test
	void whenPageSizeIsZeroThenBadRequestProblem() {
		assertPageSizeProblem(http.get(jobs("?pageSize=0")));
	}

	@SuppressWarnings("unchecked")
	private static void assertPageSizeProblem(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/problem+json"));
		Map<String, @Nullable Object> problem = SimulatorHttp.json(response);
		assertThat(problem).containsKeys("type", "title", "traceId").containsEntry("status", 400L);
		assertThat((Map<String, Object>) problem.get("errors")).containsKey("PageSize");
	}

	@Test
	void whenActiveIsAnyThenInactiveRecordsToo() {
		Map<String, @Nullable Object> any = http.getJson(jobs("?active=Any&includeTotal=true&pageSize=1"));
		Map<String, @Nullable Object> inactive = http.getJson(jobs("?active=False&pageSize=5000"));

		assertThat(any).containsEntry("totalCount", (long) simulator.tenant().jobs().size());
		assertThat(SimulatorHttp.data(inactive)).isNotEmpty()
			.allSatisfy((job) -> assertThat(job).containsEntry("active", false));
	}

	@Test
	void whenActiveIsNotTrueAnyOrFalseThenBadRequest() {
		assertThat(http.get(jobs("?active=Maybe")).statusCode()).isEqualTo(400);
	}

	@Test
	void whenIdsAreGivenThenOnlyThoseRecords() {
		List<Long> wanted = activeJobs().stream().limit(3).map(SimulatorHttp::id).toList();
		String ids = wanted.stream().map(String::valueOf).collect(Collectors.joining(","));

		Map<String, @Nullable Object> page = http.getJson(jobs("?ids=" + ids));

		assertThat(SimulatorHttp.data(page)).extracting(SimulatorHttp::id).containsExactlyInAnyOrderElementsOf(wanted);
	}

	@Test
	void whenMoreThanFiftyIdsAreGivenThenBadRequest() {
		String ids = simulator.tenant().jobs().stream().limit(51).map((job) -> String.valueOf(SimulatorHttp.id(job)))
			.collect(Collectors.joining(","));

		assertThat(http.get(jobs("?ids=" + ids)).statusCode()).isEqualTo(400);
	}

	@Test
	void whenSortIsDescendingIdThenIdsDescend() {
		Map<String, @Nullable Object> page = http.getJson(jobs("?sort=-Id&pageSize=20"));

		List<Long> ids = SimulatorHttp.data(page).stream().map(SimulatorHttp::id).toList();
		assertThat(ids).isSortedAccordingTo((a, b) -> Long.compare(b, a));
		assertThat(ids.get(0)).isEqualTo(SimulatorHttp.id(activeJobs().get(activeJobs().size() - 1)));
	}

	@Test
	void whenSortIsAscendingModifiedOnThenModifiedOnAscends() {
		Map<String, @Nullable Object> page = http.getJson(jobs("?sort=%2BModifiedOn&pageSize=100"));

		List<Instant> modified = SimulatorHttp.data(page).stream()
			.map((job) -> Instant.parse((String) job.get("modifiedOn")))
			.toList();
		assertThat(modified).isSorted();
	}

	@Test
	void whenSortFieldIsUnknownThenBadRequest() {
		assertThat(http.get(jobs("?sort=-Colour")).statusCode()).isEqualTo(400);
	}

	@Test
	void whenModifiedOnOrAfterIsGivenThenOnlyRecordsModifiedSince() {
		Instant since = Instant.parse("2024-06-01T00:00:00Z");
		long expected = activeJobs().stream()
			.filter((job) -> !Instant.parse((String) job.get("modifiedOn")).isBefore(since))
			.count();

		Map<String, @Nullable Object> page = http.getJson(jobs("?modifiedOnOrAfter=2024-06-01T00:00:00Z&pageSize=5000"));

		assertThat(SimulatorHttp.data(page)).hasSize((int) expected)
			.allSatisfy((job) -> assertThat(Instant.parse((String) job.get("modifiedOn"))).isAfterOrEqualTo(since));
		assertThat(expected).isPositive().isLessThan(activeJobs().size());
	}

	@Test
	void whenModifiedOnOrAfterIsNoDateThenBadRequest() {
		assertThat(http.get(jobs("?modifiedOnOrAfter=yesterday")).statusCode()).isEqualTo(400);
	}

	@Test
	void whenParameterIsUnknownThenIgnoredLikeServiceTitanDoes() {
		Map<String, @Nullable Object> page = http.getJson(jobs("?colour=blue"));

		assertThat(SimulatorHttp.data(page)).hasSize(50);
	}

	@Test
	void whenListingOtherResourcesThenTheirRecords() {
		for (String[] resource : new String[][] { { "crm", "customers" }, { "crm", "locations" },
				{ "jpm", "appointments" }, { "accounting", "invoices" } }) {
			Map<String, @Nullable Object> page = http.getJson(http.path(resource[0], resource[1]) + "?pageSize=3");

			assertThat(SimulatorHttp.data(page)).as(resource[1]).hasSize(3);
			long id = SimulatorHttp.id(SimulatorHttp.data(page).get(0));
			assertThat(http.getJson(http.path(resource[0], resource[1] + "/" + id))).as(resource[1])
				.containsEntry("id", id);
		}
	}

}
