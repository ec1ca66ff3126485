package io.github.servicetitan4j.test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * A resource the simulator does not know by itself, declared from a JSON file on the test class path
 * ({@code simulator/technicians.json}: five technicians, one inactive, one without an id), gets every rule of the
 * built-in ones; another, declared writable, gets create, update and delete.
 */
class DeclaredResourceTests {

	private static ServiceTitanSimulator simulator;

	private static SimulatorHttp http;

	@BeforeAll
	static void start() {
		simulator = ServiceTitanSimulator.builder()
			.customers(2)
			.locations(2)
			.jobs(5)
			.appointments(0)
			.invoices(0)
			.exportBatchSize(2)
			.resource(SimulatedResource.of("settings", "technicians").fromJson("simulator/technicians.json"))
			.resource(SimulatedResource.of("crm", "bookings").fromJson("simulator/bookings-page.json").writable())
			.resource(SimulatedResource.of("telecom", "calls").record(Map.of("id", 7, "direction", "Inbound")))
			.start();
		http = new SimulatorHttp(simulator);
	}

	@BeforeEach
	void reset() {
		simulator.reset();
	}

	@AfterAll
	static void stop() {
		simulator.close();
	}

	private static String technicians(String query) {
		return http.path("settings", "technicians") + query;
	}

	private static List<Long> ids(Map<String, @Nullable Object> page) {
		List<Long> ids = new ArrayList<>();
		for (Map<String, @Nullable Object> record : SimulatorHttp.data(page)) {
			ids.add(SimulatorHttp.id(record));
		}
		return ids;
	}

	@Test
	void whenADeclaredResourceIsCalledUnderAnotherVersionThenItAnswersAndBuiltInResourcesStayV2Only() {
		String v3 = "/telecom/v3/tenant/" + simulator.tenantId() + "/calls";

		assertThat(ids(http.getJson(v3))).containsExactly(7L);
		assertThat(http.getJson(v3 + "/7")).containsEntry("direction", "Inbound");
		assertThat(http.get("/jpm/v3/tenant/" + simulator.tenantId() + "/jobs").statusCode()).isEqualTo(404);
		assertThat(simulator.requests().count("GET", v3)).isOne();
	}

	@Test
	void whenListedThenActiveRecordsComeInIdOrderAndARecordWithoutIdGotTheFirstId() {
		Map<String, @Nullable Object> page = http.getJson(technicians(""));

		assertThat(ids(page)).containsExactly(101L, 102L, 104L, 90_000_001L);
		assertThat(page).containsEntry("page", 1L).containsEntry("pageSize", 50L).containsEntry("hasMore", false)
			.containsEntry("totalCount", null);
	}

	@Test
	void whenActiveIsAnyOrFalseThenInactiveRecordsComeToo() {
		assertThat(ids(http.getJson(technicians("?active=Any")))).containsExactly(101L, 102L, 103L, 104L, 90_000_001L);
		assertThat(ids(http.getJson(technicians("?active=False")))).containsExactly(103L);
	}

	@Test
	void whenPagedThenPagesAreCutAndTotalIsCountedOnRequest() {
		Map<String, @Nullable Object> second = http.getJson(technicians("?active=Any&pageSize=2&page=2&includeTotal=true"));

		assertThat(ids(second)).containsExactly(103L, 104L);
		assertThat(second).containsEntry("hasMore", true).containsEntry("totalCount", 5L);
		assertThat(ids(http.getJson(technicians("?active=Any&pageSize=2&page=3")))).containsExactly(90_000_001L);
	}

	@Test
	void whenPageSizeIsOutOfRangeThen400ProblemNamesTheField() {
		HttpResponse<String> response = http.get(technicians("?pageSize=5001"));

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(SimulatorHttp.json(response).get("errors").toString()).contains("PageSize");
	}

	@Test
	void whenSortedThenOrderFollowsTheField() {
		assertThat(ids(http.getJson(technicians("?sort=-CreatedOn")))).containsExactly(90_000_001L, 104L, 102L, 101L);
		assertThat(ids(http.getJson(technicians("?sort=%2BModifiedOn")))).containsExactly(102L, 101L, 104L, 90_000_001L);
	}

	@Test
	void whenIdsAreGivenThenOnlyThoseComeBack() {
		assertThat(ids(http.getJson(technicians("?ids=101,104,103")))).containsExactly(101L, 104L);
	}

	@Test
	void whenDateFiltersAreGivenThenOnlyRecordsInTheRangeComeBack() {
		assertThat(ids(http.getJson(technicians("?active=Any&createdOnOrAfter=2024-03-10T08:00:00Z"))))
			.containsExactly(103L, 104L, 90_000_001L);
		assertThat(ids(http.getJson(technicians("?createdBefore=2024-02-10T08:00:00Z")))).containsExactly(101L);
		assertThat(ids(http.getJson(technicians("?modifiedOnOrAfter=2024-04-01&modifiedBefore=2024-05-01"))))
			.containsExactly(104L);
	}

	@Test
	void whenAQueryParameterNamesAFieldThenItFiltersByEqualityIgnoringCaseOfStrings() {
		assertThat(ids(http.getJson(technicians("?team=hvac")))).containsExactly(101L, 90_000_001L);
		assertThat(ids(http.getJson(technicians("?team=HVAC&active=Any")))).containsExactly(101L, 103L, 90_000_001L);
		assertThat(ids(http.getJson(technicians("?isManagedTechnician=true")))).containsExactly(102L, 90_000_001L);
		assertThat(ids(http.getJson(technicians("?dailyGoal=1200.50")))).containsExactly(101L);
		assertThat(ids(http.getJson(technicians("?TEAM=Plumbing")))).containsExactly(102L);
		assertThat(ids(http.getJson(technicians("?team=Nonsense")))).isEmpty();
	}

	@Test
	void whenAQueryParameterNamesNoFieldThenItIsIgnored() {
		assertThat(ids(http.getJson(technicians("?colour=blue")))).containsExactly(101L, 102L, 104L, 90_000_001L);
	}

	@Test
	void whenOneRecordIsAskedForThenItComesOrA404Problem() {
		assertThat(http.getJson(technicians("/102"))).containsEntry("name", "Ben Chen").containsEntry("team", "Plumbing");

		HttpResponse<String> missing = http.get(technicians("/999"));
		assertThat(missing.statusCode()).isEqualTo(404);
		assertThat(SimulatorHttp.json(missing)).containsEntry("title", "Technician with id 999 not found")
			.containsKeys("type", "status", "traceId", "errors", "data");
		assertThat(http.get(technicians("/abc")).statusCode()).isEqualTo(404);
	}

	@Test
	void whenExportedThenEveryRecordComesOnceInOrderOfLastChangeAcrossBatches() {
		List<Long> exported = new ArrayList<>();
		String from = "";
		boolean hasMore = true;
		int calls = 0;
		while (hasMore) {
			Map<String, @Nullable Object> batch = http
				.getJson(http.path("settings", "export/technicians") + "?from=" + from);
			exported.addAll(ids(batch));
			hasMore = (Boolean) batch.get("hasMore");
			from = (String) batch.get("continueFrom");
			calls++;
		}

		assertThat(exported).containsExactly(102L, 101L, 103L, 104L, 90_000_001L);
		assertThat(calls).isEqualTo(3);
	}

	@Test
	void whenResourceIsReadOnlyThenWritesAnswer405() {
		HttpResponse<String> response = http.sendJson("POST", technicians(""), Map.of("name", "New"));

		assertThat(response.statusCode()).isEqualTo(405);
		assertThat(http.sendJson("DELETE", technicians("/101"), null).statusCode()).isEqualTo(405);
		assertThat(simulator.tenant().records("settings", "technicians")).hasSize(5);
	}

	@Test
	void whenResourceIsWritableThenCreateUpdateAndDeleteChangeWhatReadsAndExportsReturn() {
		String bookings = http.path("crm", "bookings");
		Map<String, @Nullable Object> created = SimulatorHttp
			.json(http.sendJson("POST", bookings, Map.of("name", "No heat", "source", "Phone")));
		long id = SimulatorHttp.id(created);
		assertThat(id).isEqualTo(90_000_001L);
		assertThat(created).containsEntry("active", true).containsKey("createdOn");

		http.sendJson("PATCH", bookings + "/" + id, Map.of("source", "Web"));
		assertThat(http.getJson(bookings + "/" + id)).containsEntry("name", "No heat").containsEntry("source", "Web");

		http.sendJson("PUT", bookings + "/" + id, Map.of("name", "No heat at all"));
		assertThat(http.getJson(bookings + "/" + id)).containsEntry("name", "No heat at all")
			.containsEntry("source", null);

		assertThat(http.sendJson("DELETE", bookings + "/1", null).statusCode()).isEqualTo(200);
		assertThat(http.get(bookings + "/1").statusCode()).isEqualTo(404);
		assertThat(ids(http.getJson(bookings + "?active=Any"))).containsExactly(id);
		List<Map<String, @Nullable Object>> exported = SimulatorHttp
			.data(http.getJson(http.path("crm", "export/bookings")));
		assertThat(exported).anySatisfy((record) -> assertThat(record).containsEntry("id", 1L)
			.containsEntry("deleted", true)
			.containsEntry("active", false));
	}

	@Test
	void whenResetThenDeclaredRecordsComeBack() {
		http.sendJson("DELETE", http.path("crm", "bookings") + "/1", null);

		simulator.reset();

		assertThat(simulator.tenant().record("crm", "bookings", 1)).isPresent();
	}

	@Test
	void whenJsonFileIsMissingOrHoldsNoRecordsThenDeclaringFailsNamingIt() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SimulatedResource.of("settings", "employees").fromJson("simulator/missing.json"))
			.withMessageContaining("simulator/missing.json");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SimulatedResource.of("settings", "employees").fromJson("simulator/not-records.json"))
			.withMessageContaining("simulator/not-records.json")
			.withMessageContaining("JSON array");
	}

	@Test
	void whenResourceIsDeclaredFromCodeThenItsRecordsAreServed() {
		try (ServiceTitanSimulator own = ServiceTitanSimulator.builder()
			.customers(0)
			.resource(SimulatedResource.of("memberships", "memberships")
				.record(Map.of("id", 5, "status", "Active"))
				.record(Map.of("id", 6, "status", "Expired"))
				.withoutExport())
			.start()) {
			SimulatorHttp ownHttp = new SimulatorHttp(own);

			assertThat(ids(ownHttp.getJson(ownHttp.path("memberships", "memberships?status=active"))))
				.containsExactly(5L);
			assertThat(ownHttp.get(ownHttp.path("memberships", "export/memberships")).statusCode()).isEqualTo(404);
		}
	}

}
