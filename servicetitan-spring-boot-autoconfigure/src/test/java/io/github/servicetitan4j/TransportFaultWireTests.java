package io.github.servicetitan4j;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.servicetitan4j.errors.ServiceTitanAuthenticationException;
import io.github.servicetitan4j.errors.ServiceTitanTransportException;
import io.github.servicetitan4j.retry.RetrySettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpMethod;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Dropped connections, empty and cut-short responses, read timeouts (before the headers and while the body stalls)
 * and refused connections: GET is retried, a POST or PATCH that may have reached the server is never sent twice and
 * its error says the outcome is unknown, and one that cannot have been sent is retried.
 */
class TransportFaultWireTests {

	static final Duration READ_TIMEOUT = Duration.ofSeconds(1);

	/** Long enough past the read timeout that the client gives up first, even on a busy machine. */
	static final int SILENCE_MILLIS = 4_000;

	static final AtomicInteger scenarios = new AtomicInteger();

	@RegisterExtension
	static final ServiceTitanWireMock wireMock = new ServiceTitanWireMock();

	ServiceTitanClient client;

	String jobs;

	@BeforeAll
	static void startServer() {
		// The first request of a fresh JVM loads the HTTP and OAuth2 classes and can take seconds: keep it out of the
		// short read timeouts below.
		wireMock.server.stubFor(get(urlPathEqualTo(wireMock.tenantPath("warm") + "/up/1")).willReturn(okJson("{}")));
		wireMock.client().endpoint("warm", "up").getOne("1");
	}

	@BeforeEach
	void resetServer() {
		// A short read timeout, so that a silent server costs the test about a second.
		this.client = wireMock.clientBuilder().readTimeout(READ_TIMEOUT).build();
		this.jobs = wireMock.tenantPath("jpm") + "/jobs";
	}

	@Test
	void whenGetMeetsConnectionResetThenItIsRetried() {
		assertGetRetriedAfter(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
	}

	@Test
	void whenGetMeetsEmptyResponseThenItIsRetried() {
		assertGetRetriedAfter(aResponse().withFault(Fault.EMPTY_RESPONSE));
	}

	@Test
	void whenGetMeetsACutShortBodyThenItIsRetried() {
		assertGetRetriedAfter(aResponse().withHeader("Content-Type", "application/json")
			.withBody("{\"id\":1,\"summary\":\"Fix"));
	}

	@Test
	void whenGetMeetsAReadTimeoutThenItIsRetried() {
		assertGetRetriedAfter(okJson("{\"id\":1}").withFixedDelay(SILENCE_MILLIS));
	}

	@Test
	void whenGetBodyStallsAfterTheHeadersThenTheReadTimeoutEndsItAndItIsRetried() {
		// Headers and a first chunk at once, then the rest of the body dribbles over 4 s: a read timeout that only covered the headers would hang.
		assertGetRetriedAfter(okJson("{\"id\":1,\"padding\":\"" + "x".repeat(200) + "\"}")
			.withChunkedDribbleDelay(10, SILENCE_MILLIS));
	}

	private void assertGetRetriedAfter(ResponseDefinitionBuilder fault) {
		failOnceThenSucceed(() -> get(urlPathEqualTo(this.jobs + "/1")), fault);

		try (CapturedLogs logs = new CapturedLogs()) {
			JsonNode job = this.client.endpoint("jpm", "jobs").getOne("1");

			assertThat(job.path("id").asInt()).isEqualTo(1);
			assertThat(logs.lines()).anySatisfy((line) -> assertThat(line).contains("WARN", "Retrying GET"));
			assertThat(logs.lines()).allSatisfy(RetryStubs::assertNoSecret);
		}
		assertThat(wireMock.sleeps).containsExactly(Duration.ofMillis(500));
		// The JDK client may itself resend a GET once when a pooled connection turns out to be closed, so the server
		// sees two or three requests; the answer is the same record either way.
		assertThat(wireMock.server.findAll(getRequestedFor(urlPathEqualTo(this.jobs + "/1")))).hasSizeBetween(2, 3);
	}

	@Test
	void whenTheBodyStallsAfterTheHeadersThenTheReadTimeoutCutsItOff() {
		wireMock.server.stubFor(get(urlPathEqualTo(this.jobs + "/1"))
			.willReturn(okJson("{\"id\":1,\"padding\":\"" + "x".repeat(200) + "\"}")
				.withChunkedDribbleDelay(10, SILENCE_MILLIS)));
		ServiceTitanClient once = wireMock.clientBuilder()
			.readTimeout(READ_TIMEOUT)
			.retry(RetrySettings.NONE)
			.build();
		long start = System.nanoTime();

		assertThatExceptionOfType(ServiceTitanTransportException.class)
			.isThrownBy(() -> once.endpoint("jpm", "jobs").getOne("1"))
			// a 200 arrived, then the body was closed at the deadline: the read timeout covers the body too
			.satisfies((ex) -> assertThat(ex.attempts()).containsExactly("truncated response"));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(SILENCE_MILLIS));
	}

	@Test
	void whenTheTokenEndpointIsSilentOnceThenTheReadTimeoutEndsTheTokenRequestAndItIsRetried() {
		wireMock.server.resetAll();
		wireMock.server.stubFor(post(urlPathEqualTo("/connect/token")).inScenario("silent-token")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(tokenResponse().withFixedDelay(SILENCE_MILLIS))
			.willSetStateTo("answering"));
		wireMock.server.stubFor(post(urlPathEqualTo("/connect/token")).inScenario("silent-token")
			.whenScenarioStateIs("answering")
			.willReturn(tokenResponse()));
		wireMock.server.stubFor(get(urlPathEqualTo(this.jobs + "/1")).willReturn(okJson("{\"id\":1}")));

		JsonNode job = this.client.endpoint("jpm", "jobs").getOne("1");

		assertThat(job.path("id").asInt()).isEqualTo(1);
		assertThat(wireMock.tokenRequests()).isEqualTo(2);
		assertThat(wireMock.sleeps).containsExactly(Duration.ofMillis(500));
	}

	@Test
	void whenTheTokenEndpointStaysSilentThenAuthenticationFailsNamingTheTimeouts() {
		wireMock.server.resetAll();
		wireMock.server.stubFor(post(urlPathEqualTo("/connect/token")).willReturn(tokenResponse().withFixedDelay(SILENCE_MILLIS)));
		ServiceTitanClient twoAttempts = wireMock.clientBuilder()
			.readTimeout(READ_TIMEOUT)
			.retry(new RetrySettings(true, 2, Duration.ofMillis(500), Duration.ofSeconds(30),
					Duration.ofMinutes(2)))
			.build();

		try (CapturedLogs logs = new CapturedLogs()) {
			assertThatExceptionOfType(ServiceTitanAuthenticationException.class)
				.isThrownBy(() -> twoAttempts.endpoint("jpm", "jobs").getOne("1"))
				.satisfies((ex) -> {
					assertThat(ex.clientId()).isEqualTo(ServiceTitanWireMock.CLIENT_ID);
					assertThat(ex.attempts()).containsExactly("timeout", "timeout");
					assertThat(ex.getMessage()).contains(ServiceTitanWireMock.CLIENT_ID, "timeout",
							"gave up after 2 attempts");
					RetryStubs.assertNoSecret(ex.getMessage());
				});
			assertThat(logs.lines()).allSatisfy(RetryStubs::assertNoSecret);
		}
		assertThat(wireMock.tokenRequests()).isEqualTo(2);
		wireMock.server.verify(0, getRequestedFor(urlPathEqualTo(this.jobs + "/1")));
	}

	private static ResponseDefinitionBuilder tokenResponse() {
		return aResponse().withHeader("Content-Type", "application/json")
			.withBody("{\"access_token\":\"" + ServiceTitanWireMock.TOKEN + "\",\"token_type\":\"Bearer\",\"expires_in\":900}");
	}

	@Test
	void whenPostMeetsConnectionResetThenItIsNotRepeatedAndTheOutcomeIsUnknown() {
		// Whether the client reads the reset or the end of the stream first depends on timing.
		assertPostNotRepeatedAfter(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), "connection reset",
				"empty response");
	}

	@Test
	void whenPostMeetsEmptyResponseThenItIsNotRepeatedAndTheOutcomeIsUnknown() {
		assertPostNotRepeatedAfter(aResponse().withFault(Fault.EMPTY_RESPONSE), "empty response", "connection reset");
	}

	@Test
	void whenPostMeetsAReadTimeoutThenItIsNotRepeatedAndTheOutcomeIsUnknown() {
		assertPostNotRepeatedAfter(okJson("{\"id\":1}").withFixedDelay(SILENCE_MILLIS), "timeout");
	}

	@Test
	void whenPostBodyStallsThenItIsNotRepeatedAndTheOutcomeIsUnknown() {
		assertPostNotRepeatedAfter(okJson("{\"id\":1,\"padding\":\"" + "x".repeat(200) + "\"}")
			.withChunkedDribbleDelay(10, SILENCE_MILLIS), "truncated response");
	}

	private void assertPostNotRepeatedAfter(ResponseDefinitionBuilder fault, String... reasons) {
		failOnceThenSucceed(() -> post(urlPathEqualTo(this.jobs)), fault);

		try (CapturedLogs logs = new CapturedLogs()) {
			assertThatExceptionOfType(ServiceTitanTransportException.class)
				.isThrownBy(() -> this.client.endpoint("jpm", "jobs").create(Map.of("summary", "Fix AC")))
				.satisfies((ex) -> {
					assertThat(ex.outcomeUnknown()).isTrue();
					assertThat(ex.attempts()).singleElement().isIn((Object[]) reasons);
					assertThat(ex.getMessage()).contains("POST", this.jobs, ex.attempts().get(0), "outcome is unknown",
							"not repeated");
					RetryStubs.assertNoSecret(ex.getMessage());
				});
			assertThat(logs.lines()).allSatisfy(RetryStubs::assertNoSecret);
		}
		wireMock.server.verify(1, postRequestedFor(urlPathEqualTo(this.jobs)));
		assertThat(wireMock.sleeps).isEmpty();
	}

	@Test
	void whenPatchMeetsConnectionResetThenItIsNotRepeated() {
		failOnceThenSucceed(() -> patch(urlPathEqualTo(this.jobs + "/1")), aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

		assertThatExceptionOfType(ServiceTitanTransportException.class)
			.isThrownBy(() -> this.client.endpoint("jpm", "jobs").update("1", null, Map.of("a", 1), HttpMethod.PATCH))
			.satisfies((ex) -> assertThat(ex.outcomeUnknown()).isTrue());

		wireMock.server.verify(1, patchRequestedFor(urlPathEqualTo(this.jobs + "/1")));
	}

	@Test
	void whenTheConnectionIsRefusedThenGetIsRetriedUntilAttemptsRunOut() throws IOException {
		ServiceTitanClient refused = wireMock.clientBuilder().apiUrl(closedPort()).build();

		assertThatExceptionOfType(ServiceTitanTransportException.class)
			.isThrownBy(() -> refused.endpoint("jpm", "jobs").getOne("1"))
			.satisfies((ex) -> {
				assertThat(ex.outcomeUnknown()).isFalse();
				assertThat(ex.attempts()).containsExactly("connection refused", "connection refused",
						"connection refused", "connection refused");
				assertThat(ex.getMessage()).contains("GET", "gave up after 4 attempts", "connection refused");
			});
		// jitter pinned at 0: each delay is the floor, max(initial, ceiling / 2), of ceilings 500 ms, 1 s, 2 s
		assertThat(wireMock.sleeps).containsExactly(Duration.ofMillis(500), Duration.ofMillis(500),
				Duration.ofMillis(1000));
	}

	@Test
	void whenTheConnectionIsRefusedThenPostIsRetriedBecauseNothingWasSent() throws IOException {
		ServiceTitanClient refused = wireMock.clientBuilder().apiUrl(closedPort()).build();

		assertThatExceptionOfType(ServiceTitanTransportException.class)
			.isThrownBy(() -> refused.endpoint("jpm", "jobs").create(Map.of("summary", "x")))
			.satisfies((ex) -> {
				assertThat(ex.outcomeUnknown()).isFalse();
				assertThat(ex.attempts()).hasSize(4).containsOnly("connection refused");
			});
		assertThat(wireMock.sleeps).hasSize(3);
	}

	/** A loopback URL on which nothing listens. */
	static URI closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return URI.create("http://127.0.0.1:" + socket.getLocalPort());
		}
	}

	private static void failOnceThenSucceed(Supplier<MappingBuilder> request, ResponseDefinitionBuilder failure) {
		String scenario = "fault-" + scenarios.incrementAndGet();
		wireMock.server.stubFor(request.get()
			.inScenario(scenario)
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(failure)
			.willSetStateTo("failed"));
		wireMock.server.stubFor(request.get()
			.inScenario(scenario)
			.whenScenarioStateIs("failed")
			.willReturn(okJson("{\"id\":1}")));
	}

}
