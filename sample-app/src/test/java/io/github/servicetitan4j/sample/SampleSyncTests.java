package io.github.servicetitan4j.sample;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.github.servicetitan4j.EndpointFactory;
import io.github.servicetitan4j.test.AutoConfigureServiceTitanSimulator;
import io.github.servicetitan4j.test.RecordedRequest;
import io.github.servicetitan4j.test.ServiceTitanSimulator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample app's full sync against the simulator in this JVM, through its HTTP API.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sample.run-on-startup=false", "spring.datasource.url=jdbc:h2:mem:sample-sync-tests;DB_CLOSE_DELAY=-1",
				"spring.security.user.password=" + SampleSyncTests.PASSWORD })
@AutoConfigureServiceTitanSimulator(customers = 120, locations = 120, jobs = 700, exportBatchSize = 100)
class SampleSyncTests {

	static final String PASSWORD = "sample-sync-tests-password";

	@Autowired
	ServiceTitanSimulator simulator;

	@Autowired
	ExportSync sync;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	EndpointFactory serviceTitan;

	@LocalServerPort
	int port;

	RestClient http;

	@BeforeEach
	void cleanSlate() {
		this.simulator.reset(); // also clears the export checkpoints (servicetitan_export_checkpoint)
		this.jdbc.sql("DELETE FROM jobs").update();
		this.jdbc.sql("DELETE FROM customers").update();
		this.http = RestClient.builder()
			.baseUrl("http://127.0.0.1:" + this.port)
			.defaultHeaders((headers) -> headers.setBasicAuth("operator", PASSWORD))
			.build();
	}

	@Test
	void aFullSyncStoresEveryCustomerAndJobOnce() {
		ExportSync.SyncReport report = this.sync.syncAll();

		assertThat(ids("jobs")).containsExactlyElementsOf(simulatorIds(this.simulator.tenant().jobs()));
		assertThat(ids("customers")).containsExactlyElementsOf(simulatorIds(this.simulator.tenant().customers()));
		assertThat(report.jobsInDatabase()).isEqualTo(700);
		assertThat(report.records()).containsEntry("crm/customers", 120L).containsEntry("jpm/jobs", 700L);
		assertThat(this.simulator.tokenRequests()).as("one token, cached across syncs").isLessThanOrEqualTo(1);
		assertThat(this.sync.checkpoints()).containsOnlyKeys("crm/customers", "jpm/jobs");
	}

	@Test
	void aJobCreatedThroughTheApiComesBackWithTheNextSync() {
		this.sync.syncAll();
		Map<String, Object> customer = this.simulator.tenant().customers().get(0);
		Map<String, Object> location = this.simulator.tenant()
			.locations()
			.stream()
			.filter((candidate) -> candidate.get("customerId").equals(customer.get("id")))
			.findFirst()
			.orElseThrow();

		JsonNode created = this.http.post()
			.uri("/api/jobs")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("customerId", customer.get("id"), "locationId", location.get("id"), "businessUnitId", 1,
					"jobTypeId", 1, "priority", "Normal", "summary", "Created by the sample app test"))
			.retrieve()
			.body(JsonNode.class);
		ExportSync.SyncReport second = this.sync.syncAll();

		long id = created.path("id").asLong();
		assertThat(ids("jobs")).contains(id).hasSize(701);
		assertThat(second.records().get("jpm/jobs")).as("the re-sync reads only the feed's new end").isLessThan(50L);
		List<RecordedRequest> exportCalls = this.simulator.requests().find("GET", ".*/export/jobs");
		assertThat(exportCalls.get(exportCalls.size() - 1).queryParam("from")).isNotBlank();
		JsonNode summary = this.http.get().uri("/api/summary").retrieve().body(JsonNode.class);
		assertThat(summary.path("jobs").asLong()).isEqualTo(701);
	}

	@Test
	void actuatorShowsServiceTitanHealthAndPrometheusMetrics() {
		this.sync.syncAll();

		JsonNode health = this.http.get().uri("/actuator/health/servicetitan").retrieve().body(JsonNode.class);
		String prometheus = this.http.get().uri("/actuator/prometheus").retrieve().body(String.class);

		assertThat(health.path("status").asString()).isEqualTo("UP");
		assertThat(health.toString()).doesNotContain(this.simulator.clientSecret(), this.simulator.appKey());
		assertThat(prometheus).contains("servicetitan_client_operation_seconds_count", "servicetitan_client_records_total");
	}

	@Test
	void theMonthlyReportAddsUpLastMonthsRevenueFromTheReportingApi() {
		Clock midNovember = Clock.fixed(Instant.parse("2026-11-15T12:00:00Z"), ZoneOffset.UTC);
		MonthlyReport report = new MonthlyReport(this.serviceTitan,
				new SampleProperties.Report(true, "accounting", 41001, "Revenue"), midNovember);

		MonthlyReport.Result result = report.lastMonth();

		assertThat(result.name()).isEqualTo("Daily Revenue");
		assertThat(result.from()).isEqualTo(LocalDate.of(2026, 10, 1));
		assertThat(result.to()).isEqualTo(LocalDate.of(2026, 10, 31));
		assertThat(result.rows()).as("31 days, 4 business units").isEqualTo(124);
		assertThat(result.total()).isPositive();
		assertThat(result.line()).startsWith("Daily Revenue 2026-10-01..2026-10-31: 124 rows, Revenue ");
		List<RecordedRequest> data = this.simulator.requests().find("POST", ".*/reports/41001/data");
		assertThat(data).singleElement()
			.satisfies((request) -> assertThat(request.bodyAsString()).contains("\"2026-10-01\"", "\"2026-10-31\""));
	}

	private List<Long> ids(String table) {
		return this.jdbc.sql("SELECT id FROM " + table + " ORDER BY id").query(Long.class).list();
	}

	private static List<Long> simulatorIds(List<Map<String, Object>> records) {
		return records.stream().map((record) -> ((Number) record.get("id")).longValue()).sorted().toList();
	}

}
