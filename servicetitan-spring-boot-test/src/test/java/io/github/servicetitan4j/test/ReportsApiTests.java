package io.github.servicetitan4j.test;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.servicetitan4j.Reports;
import io.github.servicetitan4j.ServiceTitanClient;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator's Reporting API: categories, reports, descriptions, paged data with parameters checked as
 * ServiceTitan does, dynamic value sets and the per-report limit, over raw HTTP and through the project's client.
 */
class ReportsApiTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-15T08:00:00Z"));

	private final ServiceTitanSimulator simulator = ServiceTitanSimulator.builder()
		.customers(40)
		.locations(40)
		.jobs(200)
		.invoices(200)
		.clock(this.clock)
		.start();

	private final SimulatorHttp http = new SimulatorHttp(this.simulator);

	@AfterEach
	void stop() {
		this.simulator.close();
	}

	private static final Map<String, Object> OCTOBER = Map.of("parameters",
			List.of(Map.of("name", "From", "value", "2026-10-01"), Map.of("name", "To", "value", "2026-10-31")));

	private String data(String category, long report, String query) {
		return this.http.path("reporting", "report-category/" + category + "/reports/" + report + "/data" + query);
	}

	@SuppressWarnings("unchecked")
	private static List<List<@Nullable Object>> rows(HttpResponse<String> response) {
		return (List<List<@Nullable Object>>) SimulatorHttp.json(response).get("data");
	}

	@Test
	void categoriesAndTheReportsOfEachAreListedInPages() {
		Map<String, @Nullable Object> categories = this.http.getJson(this.http.path("reporting", "report-categories"));
		Map<String, @Nullable Object> accounting = this.http
			.getJson(this.http.path("reporting", "report-category/accounting/reports?pageSize=1"));

		assertThat(SimulatorHttp.data(categories)).extracting((category) -> category.get("id"))
			.containsExactly("accounting", "technician", "operations");
		assertThat(accounting).containsEntry("hasMore", true);
		assertThat(SimulatorHttp.data(accounting)).singleElement()
			.satisfies((report) -> assertThat(report).containsEntry("id", 41001L).containsEntry("name", "Daily Revenue"));
		assertThat(this.http.get(this.http.path("reporting", "report-category/nope/reports")).statusCode())
			.isEqualTo(404);
	}

	@Test
	void aDescriptionNamesParametersOfEveryTypeAndTheFields() {
		Map<String, @Nullable Object> description = this.http
			.getJson(this.http.path("reporting", "report-category/technician/reports/42001"));

		assertThat(description).containsEntry("id", 42001L).containsKeys("parameters", "fields", "modifiedOn");
		List<Object> types = new ArrayList<>();
		((List<?>) description.get("parameters")).forEach((parameter) -> types.add(((Map<?, ?>) parameter).get("dataType")));
		assertThat(types).containsExactly("Date", "Date", "Number", "Boolean", "String", "Time");
		assertThat(this.http.get(this.http.path("reporting", "report-category/accounting/reports/42001")).statusCode())
			.as("a report of another category").isEqualTo(404);
	}

	@Test
	void dataComesInPagesWithFieldsAfterTheRows() {
		HttpResponse<String> first = this.http.sendJson("POST", data("accounting", 41001, "?pageSize=100&includeTotal=true"),
				OCTOBER);
		HttpResponse<String> second = this.http.sendJson("POST", data("accounting", 41001, "?page=2&pageSize=100"), OCTOBER);

		assertThat(first.statusCode()).isEqualTo(200);
		assertThat(SimulatorHttp.json(first)).containsEntry("hasMore", true).containsEntry("totalCount", 124L);
		assertThat(rows(first)).hasSize(100);
		assertThat(rows(first).get(0)).hasSize(4).first().isEqualTo("2026-10-01T00:00:00");
		assertThat(first.body().indexOf("\"fields\"")).isGreaterThan(first.body().indexOf("\"data\""));
		assertThat(SimulatorHttp.json(second)).containsEntry("hasMore", false);
		assertThat(rows(second)).hasSize(24);
	}

	@Test
	void parametersAreCheckedAsServiceTitanDoes() {
		assertThat(problem(Map.of("parameters", List.of(Map.of("name", "From", "value", "2026-10-01")))))
			.contains("The parameter 'To' is required.");
		assertThat(problem(Map.of("parameters", List.of(Map.of("name", "Form", "value", "2026-10-01")))))
			.contains("The report has no parameter 'Form'.");
		assertThat(problem(Map.of("parameters", List.of(Map.of("name", "From", "value", "10/01/2026"),
				Map.of("name", "To", "value", "2026-10-31"))))).contains("is not a valid date");
		assertThat(problem(Map.of("parameters", List.of(Map.of("name", "From", "value", "2026-10-01"),
				Map.of("name", "To", "value", "2026-10-31"), Map.of("name", "BusinessUnitIds", "value", 200)))))
			.contains("expects an array");
	}

	private String problem(Map<String, Object> body) {
		HttpResponse<String> response = this.http.sendJson("POST", data("accounting", 41001, ""), body);
		assertThat(response.statusCode()).isEqualTo(400);
		return response.body();
	}

	@Test
	void theSixthDataRequestOfAReportWithinAMinuteAnswers429WithRetryAfter() {
		for (int i = 0; i < 5; i++) {
			this.clock.advance(Duration.ofSeconds(5));
			assertThat(this.http.sendJson("POST", data("accounting", 41001, ""), OCTOBER).statusCode()).isEqualTo(200);
		}

		HttpResponse<String> limited = this.http.sendJson("POST", data("accounting", 41001, ""), OCTOBER);

		assertThat(limited.statusCode()).isEqualTo(429);
		assertThat(limited.headers().firstValue("Retry-After")).hasValue("40");
		assertThat(SimulatorHttp.json(limited)).containsEntry("title", "Rate limit is exceeded. Try again in 40 seconds.");
		assertThat(this.http.sendJson("POST", data("accounting", 41002, ""), OCTOBER).statusCode())
			.as("another report").isEqualTo(200);
		this.clock.advance(Duration.ofSeconds(40));
		assertThat(this.http.sendJson("POST", data("accounting", 41001, ""), OCTOBER).statusCode()).isEqualTo(200);
	}

	@Test
	void whenTheSimulatorIsResetThenAReportsRunsOfTheLastMinuteAreForgotten() {
		for (int i = 0; i < 5; i++) {
			assertThat(this.http.sendJson("POST", data("accounting", 41001, ""), OCTOBER).statusCode()).isEqualTo(200);
		}
		assertThat(this.http.sendJson("POST", data("accounting", 41001, ""), OCTOBER).statusCode()).isEqualTo(429);

		this.simulator.reset();

		assertThat(this.http.sendJson("POST", data("accounting", 41001, ""), OCTOBER).statusCode())
			.as("no clock moved: the runs were forgotten").isEqualTo(200);
	}

	@Test
	void dynamicValueSetsListKeysAndNames() {
		Map<String, @Nullable Object> units = this.http.getJson(this.http.path("reporting", "dynamic-value-sets/business-units"));

		assertThat((List<?>) units.get("data")).hasSize(4).first().isEqualTo(List.of(200L, "HVAC"));
		assertThat(this.http.get(this.http.path("reporting", "dynamic-value-sets/nope")).statusCode()).isEqualTo(404);
	}

	@Test
	void theProjectsClientDiscoversDescribesAndRunsReportsAgainstTheSimulator() {
		List<Duration> sleeps = new ArrayList<>();
		ServiceTitanClient client = ServiceTitanClient.builder()
			.apiUrl(this.simulator.apiUrl())
			.authUrl(this.simulator.authUrl())
			.tenantId(this.simulator.tenantId())
			.appKey(this.simulator.appKey())
			.clientId(this.simulator.clientId())
			.clientSecret(this.simulator.clientSecret())
			.clock(this.clock)
			.sleeper((duration) -> {
				sleeps.add(duration);
				this.clock.advance(duration);
			})
			.rateLimit(0, 1, Duration.ZERO)
			.reporting(new Reports.Settings(12, Duration.ofMinutes(1), 50))
			.build();
		Reports reports = client.reports();

		assertThat(reports.categories()).extracting(Reports.Category::id).contains("accounting");
		assertThat(reports.reports("accounting")).extracting(Reports.Summary::id).containsExactly(41001L, 41002L);
		Reports.Description description = reports.describe("technician", 42001);
		assertThat(reports.dynamicValues(description.parameter("TechnicianIds").orElseThrow().acceptValues().dynamicSetId()))
			.hasSize(8);
		Reports.Result revenue = reports.run("accounting", 41001,
				Map.of("From", LocalDate.of(2026, 10, 1), "To", LocalDate.of(2026, 10, 31), "BusinessUnitIds", List.of(200, 201)));
		assertThat(revenue.rows()).hasSize(62);
		assertThat(revenue.rows().get(0).getDate("Date")).isEqualTo(LocalDate.of(2026, 10, 1));
		assertThat(sleeps).as("pages of 50 and 12 rows, 5 s apart at 12 per minute").containsExactly(Duration.ofSeconds(5));
		List<Reports.Row> balances = reports.run("accounting", 41002,
				Map.of("From", LocalDate.of(2023, 1, 1), "To", LocalDate.of(2025, 12, 31))).rows();
		assertThat(balances).isNotEmpty().allSatisfy((row) -> assertThat(row.getNumber("Balance")).isPositive());
		Reports.Result technicians = reports.run("technician", 42001,
				Map.of("From", "2026-10-01", "To", "2026-10-31", "IncludeInactive", true, "JobStatus", "Completed"));
		assertThat(technicians.rows()).hasSize(8).extracting((row) -> row.getBoolean("Active")).contains(false);
		assertThat(technicians.rows().get(0).getNumber("Revenue")).isInstanceOf(BigDecimal.class);
	}

}
