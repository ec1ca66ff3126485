package io.github.servicetitan4j.test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.github.servicetitan4j.test.internal.UrlCodec;

import static org.assertj.core.api.Assertions.assertThat;

class ExportFeedTests {

	private static final int BATCH = 100;

	private static ServiceTitanSimulator simulator;

	private static SimulatorHttp http;

	@BeforeAll
	static void start() {
		simulator = ServiceTitanSimulator.builder()
			.customers(150)
			.locations(160)
			.jobs(450)
			.appointments(500)
			.invoices(220)
			.exportBatchSize(BATCH)
			.rateLimit(0)
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

	/** Walks an export from {@code from} to hasMore=false; returns every record in the order received. */
	private static Walk walk(String folder, String resource, @Nullable String from, boolean recentChanges) {
		Walk walk = new Walk();
		String token = from;
		while (true) {
			StringBuilder query = new StringBuilder("?includeRecentChanges=" + recentChanges);
			if (token != null) {
				query.append("&from=").append(UrlCodec.encode(token));
			}
			Map<String, @Nullable Object> body = http.getJson(http.path(folder, "export/" + resource) + query);
			assertThat(body).containsOnlyKeys("hasMore", "continueFrom", "data");
			List<Map<String, @Nullable Object>> data = SimulatorHttp.data(body);
			assertThat(data).hasSizeLessThanOrEqualTo(BATCH);
			walk.batches++;
			walk.records.addAll(data);
			token = (String) body.get("continueFrom");
			walk.continueFrom = token;
			if (!Boolean.TRUE.equals(body.get("hasMore"))) {
				return walk;
			}
		}
	}

	@ParameterizedTest
	@CsvSource({ "jpm, jobs, 450", "jpm, appointments, 500", "crm, customers, 150", "crm, locations, 160",
			"accounting, invoices, 220" })
	void whenWalkingAnExportToTheEndThenEverySeededRecordExactlyOnce(String folder, String resource, int count) {
		Walk walk = walk(folder, resource, null, false);

		assertThat(walk.ids()).hasSize(count).doesNotHaveDuplicates();
		assertThat(walk.batches).isEqualTo((count + BATCH - 1) / BATCH);
		assertThat(walk.records).anySatisfy((record) -> assertThat(record).containsEntry("active", false));
		assertThat(walk.records).allSatisfy((record) -> assertThat(record).containsKeys("id", "modifiedOn", "active"));
	}

	@Test
	void whenRecordsAreCreatedAndUpdatedAfterAWalkThenTheyComeFromTheCheckpoint() {
		Walk first = walk("jpm", "jobs", null, false);
		Map<String, @Nullable Object> job = simulator.tenant().jobs().get(0);
		long updatedId = SimulatorHttp.id(job);
		HttpResponse<String> patched = http.sendJson("PATCH", http.path("jpm", "jobs/" + updatedId),
				Map.of("summary", "Changed during the test"));
		assertThat(patched.statusCode()).isEqualTo(200);
		Map<String, Object> create = new LinkedHashMap<>();
		create.put("customerId", job.get("customerId"));
		create.put("locationId", job.get("locationId"));
		create.put("businessUnitId", 200);
		create.put("jobTypeId", 300);
		long createdId = SimulatorHttp.id(SimulatorHttp.json(http.sendJson("POST", http.path("jpm", "jobs"), create)));

		Walk next = walk("jpm", "jobs", first.continueFrom, false);

		assertThat(next.ids()).containsExactly(updatedId, createdId);
		assertThat(next.records.get(0)).containsEntry("summary", "Changed during the test");
	}

	@Test
	void whenARecordIsUpdatedThenItMovesToTheFeedsEnd() {
		long id = SimulatorHttp.id(simulator.tenant().customers().get(0));
		http.sendJson("PATCH", http.path("crm", "customers/" + id), Map.of("name", "Moved To The End"));

		Walk walk = walk("crm", "customers", null, false);

		assertThat(walk.ids()).hasSize(150).doesNotHaveDuplicates();
		assertThat(walk.records.get(walk.records.size() - 1)).containsEntry("id", id)
			.containsEntry("name", "Moved To The End");
	}

	@Test
	void whenARecordIsDeletedThenTheFeedDeliversItAsInactiveAndDeleted() {
		Walk first = walk("crm", "customers", null, false);
		long id = SimulatorHttp.id(simulator.tenant().customers().get(3));
		assertThat(http.sendJson("DELETE", http.path("crm", "customers/" + id), null).statusCode()).isEqualTo(200);

		Walk next = walk("crm", "customers", first.continueFrom, false);

		assertThat(next.records).singleElement()
			.satisfies((record) -> assertThat(record).containsEntry("id", id)
				.containsEntry("active", false)
				.containsEntry("deleted", true));
	}

	@Test
	void whenNothingChangedSinceTheCheckpointThenEmptyDataAndSameToken() {
		Walk first = walk("jpm", "jobs", null, false);

		Walk again = walk("jpm", "jobs", first.continueFrom, false);

		assertThat(again.records).isEmpty();
		assertThat(again.continueFrom).isEqualTo(first.continueFrom);
	}

	@Test
	void whenIncludeRecentChangesThenRecordsMayRepeatButNoneIsMissed() {
		Walk walk = walk("jpm", "jobs", null, true);

		assertThat(walk.ids()).hasSizeGreaterThan(450);
		assertThat(walk.ids().stream().distinct()).hasSize(450);
	}

	@Test
	void whenFromIsADateThenRecordsModifiedSinceThatDate() {
		Walk all = walk("jpm", "jobs", null, false);
		long since = all.records.stream()
			.filter((record) -> ((String) record.get("modifiedOn")).compareTo("2024-07-01") >= 0)
			.count();

		Walk fromDate = walk("jpm", "jobs", "2024-07-01", false);

		assertThat(fromDate.ids()).hasSize((int) since);
		assertThat(fromDate.records).allSatisfy(
				(record) -> assertThat((String) record.get("modifiedOn")).isGreaterThanOrEqualTo("2024-07-01"));
	}

	@Test
	void whenContinueFromIsGarbageThenBadRequest() {
		HttpResponse<String> response = http.get(http.path("jpm", "export/jobs") + "?from=not-a-token!");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("From");
	}

	@Test
	void whenContinueFromBelongsToAnotherExportThenBadRequest() {
		String customersToken = walk("crm", "customers", null, false).continueFrom;

		HttpResponse<String> response = http.get(http.path("jpm", "export/jobs") + "?from=" + customersToken);

		assertThat(response.statusCode()).isEqualTo(400);
	}

	@Test
	void whenExportResourceIsUnknownThen404() {
		assertThat(http.get(http.path("jpm", "export/unicorns")).statusCode()).isEqualTo(404);
	}

	private static final class Walk {

		final List<Map<String, @Nullable Object>> records = new ArrayList<>();

		int batches;

		@Nullable String continueFrom;

		List<Long> ids() {
			return this.records.stream().map(SimulatorHttp::id).toList();
		}

	}

}
