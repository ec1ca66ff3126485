package io.github.servicetitan4j.sample;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.servicetitan4j.ServiceTitanTenants;
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
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample app's full sync of two tenants into one database, against the simulator in this JVM, through its HTTP
 * API.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sample.run-on-startup=false", "spring.datasource.url=jdbc:h2:mem:sample-sync-tests;DB_CLOSE_DELAY=-1",
				"spring.security.user.password=" + SampleSyncTests.PASSWORD })
@AutoConfigureServiceTitanSimulator(customers = 120, locations = 120, jobs = 700, exportBatchSize = 100,
		tenants = { "acme", "globex" })
class SampleSyncTests {

	static final String PASSWORD = "sample-sync-tests-password";

	static final List<String> TENANTS = List.of("acme", "globex");

	@Autowired
	ServiceTitanSimulator simulator;

	@Autowired
	ExportSync sync;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ServiceTitanTenants tenants;

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
			.defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
			})
			.build();
	}

	@Test
	void aFullSyncStoresEachTenantsCustomersAndJobsOnceUnderThatTenant() {
		ExportSync.SyncReport report = this.sync.syncAll();

		assertThat(report.tenants()).containsOnlyKeys(TENANTS);
		for (String tenant : TENANTS) {
			assertThat(ids("jobs", tenant)).as(tenant)
				.containsExactlyElementsOf(simulatorIds(this.simulator.tenant(tenant).jobs()));
			assertThat(ids("customers", tenant)).as(tenant)
				.containsExactlyElementsOf(simulatorIds(this.simulator.tenant(tenant).customers()));
			assertThat(report.tenants().get(tenant).records()).containsEntry("crm/customers", 120L)
				.containsEntry("jpm/jobs", 700L);
			assertThat(report.tenants().get(tenant).jobsInDatabase()).isEqualTo(700);
			assertThat(this.sync.checkpoints(tenant)).as(tenant).containsOnlyKeys("crm/customers", "jpm/jobs");
		}
		assertThat(report.jobsInDatabase()).isEqualTo(1400);
		assertThat(report.records()).containsEntry("crm/customers", 240L).containsEntry("jpm/jobs", 1400L);
		assertThat(this.jdbc.sql("SELECT DISTINCT tenant_id FROM servicetitan_export_checkpoint ORDER BY tenant_id")
			.query(String.class)
			.list()).as("checkpoints stored per tenant id")
			.containsExactly(this.simulator.tenantId("acme"), this.simulator.tenantId("globex"));
	}

	@Test
	void eachTenantsCallsCarryItsOwnCredentialsTokenAndPath() {
		// Tokens outlive reset(): end them, so that this sync asks for new ones.
		this.simulator.expireTokens();
		this.sync.syncAll();

		List<RecordedRequest> tokenRequests = this.simulator.requests().find("POST", "/connect/token");
		assertThat(tokenRequests).as("one new token per tenant, cached across feeds").hasSize(2);
		Map<String, Set<String>> bearers = new HashMap<>();
		for (String tenant : TENANTS) {
			assertThat(this.simulator.tokenRequests(tenant)).as(tenant).isEqualTo(1);
			String clientId = "client_id=" + URLEncoder.encode(this.simulator.clientId(tenant), StandardCharsets.UTF_8);
			assertThat(tokenRequests).as(tenant).filteredOn((request) -> request.bodyAsString().contains(clientId)).hasSize(1);
			List<RecordedRequest> exports = this.simulator.requests()
				.find("GET", "/(crm|jpm)/v2/tenant/" + this.simulator.tenantId(tenant) + "/export/.*");
			assertThat(exports).as(tenant).isNotEmpty();
			bearers.put(tenant, exports.stream().map((request) -> request.header("Authorization")).collect(Collectors.toSet()));
		}
		assertThat(bearers.get("acme")).as("no token serves both tenants").doesNotContainAnyElementsOf(bearers.get("globex"));
		assertThat(this.simulator.requests().count("GET", ".*/export/.*"))
			.isEqualTo(this.simulator.requests().count("GET", "/(crm|jpm)/v2/tenant/(" + this.simulator.tenantId("acme")
					+ "|" + this.simulator.tenantId("globex") + ")/export/.*"));
	}

	@Test
	void aJobCreatedInOneTenantComesBackUnderThatTenantAloneWithTheNextSync() {
		this.sync.syncAll();
		Map<String, Object> customer = this.simulator.tenant("globex").customers().get(0);
		Map<String, Object> location = this.simulator.tenant("globex")
			.locations()
			.stream()
			.filter((candidate) -> candidate.get("customerId").equals(customer.get("id")))
			.findFirst()
			.orElseThrow();

		JsonNode created = this.http.post()
			.uri("/api/jobs?tenant=globex")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("customerId", customer.get("id"), "locationId", location.get("id"), "businessUnitId", 1,
					"jobTypeId", 1, "priority", "Normal", "summary", "Created by the sample app test"))
			.retrieve()
			.body(JsonNode.class);
		this.simulator.requests().reset();
		ExportSync.SyncReport second = this.sync.syncAll();

		long id = created.path("id").asLong();
		assertThat(this.simulator.tenant("globex").jobs()).hasSize(701);
		assertThat(this.simulator.tenant("acme").jobs()).hasSize(700);
		assertThat(ids("jobs", "globex")).contains(id).hasSize(701);
		assertThat(ids("jobs", "acme")).hasSize(700);
		for (String tenant : TENANTS) {
			assertThat(second.tenants().get(tenant).records().get("jpm/jobs")).as(tenant + ": only the feed's new end")
				.isLessThan(50L);
			List<RecordedRequest> exportCalls = this.simulator.requests()
				.find("GET", "/jpm/v2/tenant/" + this.simulator.tenantId(tenant) + "/export/jobs");
			assertThat(exportCalls.get(0).queryParam("from")).as(tenant + " resumes from its own checkpoint").isNotBlank();
		}
		JsonNode summary = this.http.get().uri("/api/summary").retrieve().body(JsonNode.class);
		assertThat(summary.path("jobs").asLong()).isEqualTo(1401);
		assertThat(summary.path("tenants").path("globex").path("jobs").asLong()).isEqualTo(701);
		assertThat(summary.path("tenants").path("acme").path("jobs").asLong()).isEqualTo(700);
		assertThat(summary.path("tenants").path("acme").path("checkpoints").has("jpm/jobs")).isTrue();
	}

	@Test
	void whenAJobNamesNoTenantOrAnUnknownOneThenItIsRefusedAndNothingReachesServiceTitan() {
		Map<String, Object> job = Map.of("customerId", 1, "locationId", 1, "businessUnitId", 1, "jobTypeId", 1,
				"priority", "Normal", "summary", "nowhere");

		ResponseEntity<JsonNode> noTenant = this.http.post()
			.uri("/api/jobs")
			.contentType(MediaType.APPLICATION_JSON)
			.body(job)
			.retrieve()
			.toEntity(JsonNode.class);
		ResponseEntity<JsonNode> unknown = this.http.post()
			.uri("/api/jobs?tenant=initech")
			.contentType(MediaType.APPLICATION_JSON)
			.body(job)
			.retrieve()
			.toEntity(JsonNode.class);

		assertThat(noTenant.getStatusCode().value()).isEqualTo(400);
		assertThat(noTenant.getBody().path("detail").asString()).contains("Name the tenant", "acme", "globex");
		assertThat(unknown.getStatusCode().value()).isEqualTo(400);
		assertThat(unknown.getBody().path("detail").asString()).contains("'initech' is not a configured tenant", "acme",
				"globex");
		assertThat(this.simulator.requests().count("POST", ".*/jobs")).isZero();
	}

	@Test
	void theApiFiltersTheSyncedRecordsByTenant() {
		this.sync.syncAll();

		JsonNode acmeJobs = this.http.get().uri("/api/jobs?tenant=acme&limit=500").retrieve().body(JsonNode.class);
		JsonNode allCustomers = this.http.get().uri("/api/customers?limit=500").retrieve().body(JsonNode.class);
		JsonNode globexCustomers = this.http.get().uri("/api/customers?tenant=globex&limit=500").retrieve().body(JsonNode.class);
		JsonNode globexSummary = this.http.get().uri("/api/summary?tenant=globex").retrieve().body(JsonNode.class);
		ResponseEntity<String> unknown = this.http.get().uri("/api/jobs?tenant=initech").retrieve().toEntity(String.class);

		assertThat(acmeJobs.size()).isEqualTo(500);
		assertThat(acmeJobs.valueStream().map((row) -> row.path("TENANT").asString()).distinct()).containsExactly("acme");
		assertThat(allCustomers.valueStream().map((row) -> row.path("TENANT").asString()).distinct())
			.containsExactlyInAnyOrder("acme", "globex");
		assertThat(globexCustomers.size()).isEqualTo(120);
		assertThat(globexCustomers.valueStream().map((row) -> row.path("ID").asLong()).sorted().toList())
			.containsExactlyElementsOf(simulatorIds(this.simulator.tenant("globex").customers()));
		assertThat(globexSummary.path("tenants").propertyNames()).containsExactly("globex");
		assertThat(globexSummary.path("jobs").asLong()).isEqualTo(700);
		assertThat(unknown.getStatusCode().value()).isEqualTo(400);
	}

	@Test
	void actuatorShowsEachTenantsServiceTitanHealthAndPrometheusMetrics() {
		this.sync.syncAll();

		JsonNode health = this.http.get().uri("/actuator/health/servicetitan").retrieve().body(JsonNode.class);
		String prometheus = this.http.get().uri("/actuator/prometheus").retrieve().body(String.class);

		assertThat(health.path("status").asString()).isEqualTo("UP");
		for (String tenant : TENANTS) {
			assertThat(health.path("components").path(tenant).path("status").asString()).as(tenant).isEqualTo("UP");
			assertThat(health.toString()).doesNotContain(this.simulator.clientSecret(tenant));
			assertThat(prometheus).contains("tenant=\"" + tenant + "\"");
		}
		assertThat(health.toString()).doesNotContain(this.simulator.appKey());
		assertThat(prometheus).contains("servicetitan_client_operation_seconds_count", "servicetitan_client_records_total");
	}

	@Test
	void theMonthlyReportAddsUpLastMonthsRevenueOfTheTenantItRunsIn() {
		Clock midNovember = Clock.fixed(Instant.parse("2026-11-15T12:00:00Z"), ZoneOffset.UTC);
		MonthlyReport report = new MonthlyReport(new SampleProperties.Report(true, "accounting", 41001, "Revenue"),
				midNovember);

		MonthlyReport.Result result = report.lastMonth(this.tenants.tenant("globex"));

		assertThat(result.name()).isEqualTo("Daily Revenue");
		assertThat(result.from()).isEqualTo(LocalDate.of(2026, 10, 1));
		assertThat(result.to()).isEqualTo(LocalDate.of(2026, 10, 31));
		assertThat(result.rows()).as("31 days, 4 business units").isEqualTo(124);
		assertThat(result.total()).isPositive();
		assertThat(result.line()).startsWith("Daily Revenue 2026-10-01..2026-10-31: 124 rows, Revenue ");
		// The default flow (automatic): an asynchronous query, answered at once as the result is small.
		assertThat(this.simulator.requests().find("POST", ".*/reports/41001/data")).isEmpty();
		List<RecordedRequest> data = this.simulator.requests().find("POST", ".*/reports/41001/data/query");
		assertThat(data).singleElement().satisfies((request) -> {
			assertThat(request.path()).contains("/tenant/" + this.simulator.tenantId("globex") + "/");
			assertThat(request.bodyAsString()).contains("\"2026-10-01\"", "\"2026-10-31\"");
		});
	}

	private List<Long> ids(String table, String tenant) {
		return this.jdbc.sql("SELECT id FROM " + table + " WHERE tenant = :tenant ORDER BY id")
			.param("tenant", tenant)
			.query(Long.class)
			.list();
	}

	private static List<Long> simulatorIds(List<Map<String, Object>> records) {
		return records.stream().map((record) -> ((Number) record.get("id")).longValue()).sorted().toList();
	}

}
