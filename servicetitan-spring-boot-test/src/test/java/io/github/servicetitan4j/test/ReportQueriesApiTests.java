package io.github.servicetitan4j.test;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import io.github.servicetitan4j.Reports;
import io.github.servicetitan4j.ServiceTitanClient;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator's asynchronous report flow: small results inline, larger ones a token polled until the query's time
 * has passed on the simulator's clock, gzip when asked for, cancel, and the tenant's slots; and the project's client
 * reading the same rows over both flows.
 */
class ReportQueriesApiTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-15T08:00:00Z"));

	private ServiceTitanSimulator simulator = simulator(0, 1);

	private SimulatorHttp http = new SimulatorHttp(this.simulator);

	private static final Map<String, Object> OCTOBER = Map.of("parameters",
			List.of(Map.of("name", "From", "value", "2026-10-01"), Map.of("name", "To", "value", "2026-10-31")));

	private ServiceTitanSimulator simulator(int inlineRows, int slots) {
		return ServiceTitanSimulator.builder()
			.customers(40)
			.locations(40)
			.jobs(200)
			.invoices(200)
			.clock(this.clock)
			.reportQueries(inlineRows, Duration.ofSeconds(20), slots)
			.start();
	}

	@AfterEach
	void stop() {
		this.simulator.close();
	}

	private String query(long report) {
		return this.http.path("reporting", "report-category/accounting/reports/" + report + "/data/query?pageSize=50");
	}

	private String token(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		return String.valueOf(SimulatorHttp.json(response).get("token"));
	}

	@Test
	void whenAResultIsSmallThenTheQueryAnswersItAtOnce() {
		this.simulator.close();
		this.simulator = simulator(1000, 1);
		this.http = new SimulatorHttp(this.simulator);

		HttpResponse<String> response = this.http.sendJson("POST", query(41001), OCTOBER);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(SimulatorHttp.json(response)).containsEntry("page", 1L).containsKeys("data", "fields", "hasMore");
	}

	@Test
	void whenAResultIsLargerThenATokenIsPolledUntilTheQueryTimeHasPassedThenReleased() {
		String token = token(this.http.sendJson("POST", query(41001), OCTOBER));
		String poll = this.http.path("reporting", "data-queries/" + token);

		HttpResponse<String> pending = this.http.get(poll);
		this.clock.advance(Duration.ofSeconds(20));
		HttpResponse<String> done = this.http.get(poll);

		assertThat(pending.statusCode()).isEqualTo(202);
		assertThat(SimulatorHttp.json(pending)).containsEntry("status", "InProgress").containsEntry("token", token);
		assertThat(done.statusCode()).isEqualTo(200);
		assertThat(SimulatorHttp.data(SimulatorHttp.json(done))).hasSize(50);
		assertThat(this.http.sendJson("DELETE", poll, null).statusCode()).isEqualTo(204);
		assertThat(this.http.get(poll).statusCode()).isEqualTo(404);
		// Released even when already gone.
		assertThat(this.http.sendJson("DELETE", poll, null).statusCode()).isEqualTo(204);
	}

	@Test
	void whenThePollAcceptsGzipThenTheResultComesCompressed() throws IOException {
		String token = token(this.http.sendJson("POST", query(41001), OCTOBER));
		this.clock.advance(Duration.ofSeconds(20));
		HttpRequest request = this.http.request(this.http.path("reporting", "data-queries/" + token))
			.header("Accept-Encoding", "gzip")
			.GET()
			.build();

		HttpResponse<byte[]> response = this.http.send(request, HttpResponse.BodyHandlers.ofByteArray());

		assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
		try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(response.body()))) {
			assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)).startsWith("{\"page\":1");
		}
	}

	@Test
	void whenATenantsSlotsAreTakenThenOneMoreQueryAnswers429UntilATokenIsReleased() {
		String first = token(this.http.sendJson("POST", query(41001), OCTOBER));

		HttpResponse<String> refused = this.http.sendJson("POST", query(41001), OCTOBER);
		this.http.sendJson("DELETE", this.http.path("reporting", "data-queries/" + first), null);
		HttpResponse<String> accepted = this.http.sendJson("POST", query(41001), OCTOBER);

		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.body()).contains("concurrent report queries");
		assertThat(accepted.statusCode()).isEqualTo(202);
	}

	@Test
	void theClientReadsTheSameRowsOverBothFlowsPollingOnTheSimulatorsClock() {
		List<Duration> sleeps = new ArrayList<>();
		Map<String, Object> parameters = Map.of("From", LocalDate.of(2026, 10, 1), "To", LocalDate.of(2026, 10, 31),
				"BusinessUnitIds", List.of(200, 201));

		List<@Nullable String> asynchronous = rows(client(Reports.Settings.Flow.AUTOMATIC, sleeps), parameters);
		int polls = this.simulator.requests().count("GET", ".*/data-queries/.*");
		int releases = this.simulator.requests().count("DELETE", ".*/data-queries/.*");
		List<@Nullable String> synchronous = rows(client(Reports.Settings.Flow.SYNCHRONOUS, sleeps), parameters);

		assertThat(asynchronous).hasSize(62).isEqualTo(synchronous);
		// Two pages (50 and 12 rows), each a query of 20 s polled after 1, 2, 4, 8 and 5 s.
		assertThat(this.simulator.requests().count("POST", ".*/data/query")).isEqualTo(2);
		assertThat(releases).isEqualTo(2);
		assertThat(polls).isEqualTo(10);
		assertThat(this.simulator.requests().find("GET", ".*/data-queries/.*"))
			.allSatisfy((request) -> assertThat(request.header("Accept-Encoding")).contains("gzip"));
		assertThat(sleeps.subList(0, 5)).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2),
				Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(8));
	}

	private ServiceTitanClient client(Reports.Settings.Flow flow, List<Duration> sleeps) {
		return ServiceTitanClient.builder()
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
			.reporting(new Reports.Settings(0, Duration.ZERO, 50, flow, Duration.ofSeconds(1), Duration.ofSeconds(8),
					Duration.ofMinutes(5), 1))
			.build();
	}

	private static List<@Nullable String> rows(ServiceTitanClient client, Map<String, Object> parameters) {
		return client.reports()
			.run("accounting", 41001, parameters)
			.rows()
			.stream()
			.map((Reports.Row row) -> row.getDate("Date") + " " + row.getString("BusinessUnit") + " " + row.getNumber("Revenue"))
			.toList();
	}

}
