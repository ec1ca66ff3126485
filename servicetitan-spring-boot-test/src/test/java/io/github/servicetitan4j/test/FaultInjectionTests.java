package io.github.servicetitan4j.test;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class FaultInjectionTests {

	private static ServiceTitanSimulator simulator;

	private static SimulatorHttp http;

	@BeforeAll
	static void start() {
		simulator = ServiceTitanSimulator.builder().customers(20).locations(20).jobs(20).rateLimit(0).start();
		http = new SimulatorHttp(simulator);
		http.token();
	}

	@BeforeEach
	void reset() {
		simulator.reset();
	}

	@AfterAll
	static void stop() {
		simulator.close();
	}

	private static String customers() {
		return http.path("crm", "customers");
	}

	@Test
	void whenNextThreeAre503ThenTheFourthSucceeds() {
		simulator.faults().next(3).status(503);

		for (int i = 0; i < 3; i++) {
			HttpResponse<String> failed = http.get(customers());
			assertThat(failed.statusCode()).isEqualTo(503);
			assertThat(SimulatorHttp.json(failed)).containsKeys("title", "traceId");
		}
		assertThat(http.get(customers()).statusCode()).isEqualTo(200);
	}

	@Test
	void whenStatusHasRetryAfterThenTheHeaderCarriesItsSeconds() {
		simulator.faults().next(1).status(429, Duration.ofSeconds(7));

		HttpResponse<String> response = http.get(customers());

		assertThat(response.statusCode()).isEqualTo(429);
		assertThat(response.headers().firstValue("Retry-After")).hasValue("7");
	}

	@Test
	void whenFaultTargetsOnePathThenOtherPathsAreUntouched() {
		simulator.faults().on("GET", "/jpm/v2/tenant/{tenant}/jobs").status(500);

		assertThat(http.get(customers()).statusCode()).isEqualTo(200);
		assertThat(http.get(http.path("jpm", "jobs") + "?page=2").statusCode()).isEqualTo(500);
		assertThat(http.get(http.path("jpm", "jobs")).statusCode()).isEqualTo(500);
	}

	@Test
	void whenFaultHasTimesThenItStopsAfterThatMany() {
		simulator.faults().on("*", "/crm/v2/tenant/{tenant}/customers").times(2).status(502);

		assertThat(http.get(customers()).statusCode()).isEqualTo(502);
		assertThat(http.get(customers()).statusCode()).isEqualTo(502);
		assertThat(http.get(customers()).statusCode()).isEqualTo(200);
	}

	@Test
	void whenNextAndAnOnRuleBothMatchThenEachRequestMeetsOnlyTheOlderRuleAndTheyFailRequestsInTurn() {
		simulator.faults().next(1).status(503);
		simulator.faults().on("GET", "/crm/v2/tenant/{tenant}/customers").times(2).status(502);

		assertThat(http.get(customers()).statusCode()).as("next(1), the older rule").isEqualTo(503);
		assertThat(http.get(customers()).statusCode()).as("on(...), first of two").isEqualTo(502);
		assertThat(http.get(customers()).statusCode()).as("on(...), second of two").isEqualTo(502);
		assertThat(http.get(customers()).statusCode()).isEqualTo(200);
	}

	@Test
	void whenAnOnRuleIsOlderThanNextThenNextFailsTheFirstRequestAfterTheOnRuleIsUsedUp() {
		simulator.faults().on("GET", "/crm/v2/tenant/{tenant}/customers").times(2).status(502);
		simulator.faults().next(1).status(503);

		assertThat(http.get(customers()).statusCode()).as("on(...), the older rule").isEqualTo(502);
		assertThat(http.get(customers()).statusCode()).as("on(...) again: next(1) still waits").isEqualTo(502);
		assertThat(http.get(customers()).statusCode()).as("next(1), at last").isEqualTo(503);
		assertThat(http.get(customers()).statusCode()).isEqualTo(200);
	}

	@Test
	void whenNextIsUsedThenTheTokenEndpointIsSpared() {
		simulator.faults().next(1).status(503);

		assertThat(http.tokenRequest(http.credentialsForm()).statusCode()).isEqualTo(200);
		assertThat(http.get(customers()).statusCode()).isEqualTo(503);
	}

	@Test
	void whenTokenEndpointIsTargetedThenItFails() {
		simulator.faults().on("POST", "/connect/token").times(1).status(500);

		assertThat(http.tokenRequest(http.credentialsForm()).statusCode()).isEqualTo(500);
		assertThat(http.tokenRequest(http.credentialsForm()).statusCode()).isEqualTo(200);
	}

	@Test
	void whenConnectionIsResetThenTheClientGetsAnIOExceptionAndNothingWasProcessed() {
		simulator.faults().next(1).connectionReset();
		int before = simulator.tenant().customers().size();

		assertThatExceptionOfType(IOException.class).isThrownBy(() -> http.send(
				http.request(customers()).header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Lost\"}"))
					.build(),
				HttpResponse.BodyHandlers.ofString()));

		assertThat(simulator.tenant().customers()).hasSize(before);
		assertThat(http.get(customers()).statusCode()).isEqualTo(200);
	}

	// The rules below stay for every matching request: an HTTP client may retry an idempotent GET once by itself.

	@Test
	void whenResponseIsEmptyThenTheClientGetsAnIOException() {
		simulator.faults().on("GET", "/crm/v2/tenant/{tenant}/customers").emptyResponse();

		assertThatExceptionOfType(IOException.class).isThrownBy(
				() -> http.send(http.request(customers()).build(), HttpResponse.BodyHandlers.ofString()));
	}

	@Test
	void whenRandomDataArrivesThenTheClientGetsAnIOException() {
		simulator.faults().on("GET", "/crm/v2/tenant/{tenant}/customers").randomDataThenClose();

		assertThatExceptionOfType(IOException.class).isThrownBy(
				() -> http.send(http.request(customers()).build(), HttpResponse.BodyHandlers.ofString()));
	}

	@Test
	void whenBodyIsTruncatedThenTheClientFailsReadingItButTheRequestWasProcessed() {
		simulator.faults().on("POST", "/crm/v2/tenant/{tenant}/customers").times(1).truncatedBody();
		int before = simulator.tenant().customers().size();

		assertThatExceptionOfType(IOException.class).isThrownBy(() -> http.send(
				http.request(customers()).header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Created anyway\"}"))
					.build(),
				HttpResponse.BodyHandlers.ofString()));

		assertThat(simulator.tenant().customers()).hasSize(before + 1);
	}

	@Test
	void whenResponseIsSlowThenAClientTimeoutFires() {
		simulator.faults().next(1).slow(Duration.ofSeconds(3));

		assertThatExceptionOfType(HttpTimeoutException.class).isThrownBy(() -> http.send(
				http.request(customers()).timeout(Duration.ofMillis(300)).build(), HttpResponse.BodyHandlers.ofString()));
	}

	@Test
	void whenResponseIsSlowThenItStillArrivesAfterTheDelay() throws IOException {
		simulator.faults().next(1).slow(Duration.ofMillis(400));
		long start = System.nanoTime();

		HttpResponse<String> response = http.send(http.request(customers()).build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
	}

	@Test
	void whenFaultsAreClearedThenRequestsSucceed() {
		simulator.faults().on("*", "/crm/v2/tenant/{tenant}/customers").status(503);
		simulator.faults().clear();

		assertThat(http.get(customers()).statusCode()).isEqualTo(200);
	}

	@Test
	void whenResetThenFaultsAreGone() {
		simulator.faults().onPathMatching("GET", ".*/customers").status(503);

		simulator.reset();

		assertThat(SimulatorHttp.data(http.getJson(customers()))).isNotEmpty();
	}

	@Test
	void whenStatusIsNoErrorThenTheSpecIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> simulator.faults().next(1).status(200));
		assertThat(http.get(customers()).statusCode()).isEqualTo(200);
	}

	@Test
	void whenFaultsStopRequestsThenTheJournalStillRecordsThem() {
		simulator.faults().next(2).status(503);
		http.get(customers());
		http.get(customers());

		assertThat(simulator.requests().count("GET", "/crm/v2/tenant/\\d+/customers")).isEqualTo(2);
		assertThat(simulator.requests().all()).hasSize(2);
	}

}
