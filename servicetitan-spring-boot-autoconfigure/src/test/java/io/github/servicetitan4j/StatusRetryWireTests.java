package io.github.servicetitan4j;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.function.Supplier;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.servicetitan4j.errors.ServiceTitanApiException;
import io.github.servicetitan4j.retry.RetrySettings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpMethod;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Which error statuses are retried, for which methods, and after which delay: Retry-After in seconds or as an HTTP
 * date, the "Try again in N seconds" title, the max-retry-after cap and exponential backoff. The sleeper records the
 * delays (and moves the clock), so the exact waits are asserted without waiting.
 */
class StatusRetryWireTests {

	@RegisterExtension
	static final ServiceTitanWireMock wireMock = new ServiceTitanWireMock();

	ServiceTitanClient client;

	String jobs;

	@BeforeEach
	void resetServer() {
		this.client = wireMock.client();
		this.jobs = wireMock.tenantPath("jpm") + "/jobs";
	}

	@Test
	void when429WithRetryAfterSecondsThenWaitsExactlyThatLongAndSucceeds() {
		failThenSucceed(() -> get(urlPathEqualTo(this.jobs + "/1")), 1, aResponse().withStatus(429).withHeader("Retry-After", "2"));

		JsonNode job = this.client.endpoint("jpm", "jobs").getOne("1");

		assertThat(job.path("id").asInt()).isEqualTo(1);
		assertThat(wireMock.sleeps).containsExactly(Duration.ofSeconds(2));
		wireMock.server.verify(2, getRequestedFor(urlPathEqualTo(this.jobs + "/1")));
	}

	@Test
	void when429WithHttpDateRetryAfterThenWaitsUntilThatDate() {
		// an HTTP date has whole seconds: start on one so that the wait is exactly 90 s
		wireMock.clock.advance(Duration.ofSeconds(1).minusNanos(wireMock.clock.instant().getNano()));
		String in90Seconds = DateTimeFormatter.RFC_1123_DATE_TIME
			.format(wireMock.clock.instant().plusSeconds(90).atZone(ZoneOffset.UTC));
		failThenSucceed(() -> get(urlPathEqualTo(this.jobs + "/1")), 1,
				aResponse().withStatus(429).withHeader("Retry-After", in90Seconds));

		this.client.endpoint("jpm", "jobs").getOne("1");

		assertThat(wireMock.sleeps).containsExactly(Duration.ofSeconds(90));
		wireMock.server.verify(2, getRequestedFor(urlPathEqualTo(this.jobs + "/1")));
	}

	@Test
	void when429WithRetryAfterAboveTheCapThenFailsAtOnceWithTheServersValue() {
		wireMock.server.stubFor(get(urlPathEqualTo(this.jobs + "/1")).willReturn(aResponse().withStatus(429)
			.withHeader("Retry-After", "600")
			.withHeader("Content-Type", "application/json")
			.withBody("{\"title\":\"Too many requests\",\"traceId\":\"00-429-01\"}")));

		assertThatExceptionOfType(ServiceTitanApiException.TooManyRequests.class)
			.isThrownBy(() -> this.client.endpoint("jpm", "jobs").getOne("1"))
			.satisfies((ex) -> {
				assertThat(ex.retryAfter()).contains(Duration.ofMinutes(10));
				assertThat(ex.status()).isEqualTo(429);
				assertThat(ex.traceId()).isEqualTo("00-429-01");
				assertThat(ex.getMessage()).contains("429", "Retry-After", "600", "max-retry-after");
			});
		assertThat(wireMock.sleeps).isEmpty();
		wireMock.server.verify(1, getRequestedFor(urlPathEqualTo(this.jobs + "/1")));
	}

	@Test
	void when429WithoutRetryAfterButTitleSaysTryAgainThenWaitsThatLong() {
		failThenSucceed(() -> get(urlPathEqualTo(this.jobs + "/1")), 1,
				aResponse().withStatus(429)
					.withHeader("Content-Type", "application/problem+json")
					.withBody("{\"title\":\"Rate limit is exceeded. Try again in 7 seconds.\",\"status\":429}"));

		this.client.endpoint("jpm", "jobs").getOne("1");

		assertThat(wireMock.sleeps).containsExactly(Duration.ofSeconds(7));
	}

	@Test
	void when503ThreeTimesThenSucceedsAfterExponentialBackoff() {
		failThenSucceed(() -> get(urlPathEqualTo(this.jobs + "/1")), 3, aResponse().withStatus(503));
		ServiceTitanClient halfJitter = wireMock.clientBuilder().jitter(() -> 0.5).build();

		JsonNode job = halfJitter.endpoint("jpm", "jobs").getOne("1");

		assertThat(job.path("id").asInt()).isEqualTo(1);
		// ceilings 500 ms, 1 s, 2 s; each delay is its floor (half the ceiling, at least 500 ms) plus half of half the
		// ceiling: the first retry is jittered too
		assertThat(wireMock.sleeps).containsExactly(Duration.ofMillis(625), Duration.ofMillis(750),
				Duration.ofMillis(1500));
		wireMock.server.verify(4, getRequestedFor(urlPathEqualTo(this.jobs + "/1")));
	}

	@Test
	void whenBackoffWouldPassMaxBackoffThenItIsCapped() {
		failThenSucceed(() -> get(urlPathEqualTo(this.jobs + "/1")), 5, aResponse().withStatus(500));
		ServiceTitanClient client = wireMock.clientBuilder()
			.jitter(() -> 0.999)
			.retry(new RetrySettings(true, 6, Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofMinutes(2)))
			.build();

		client.endpoint("jpm", "jobs").getOne("1");

		// ceilings 1 s, 2 s, then 3 s (4 s capped); jitter 0.999 puts each delay just under floor + half the ceiling
		assertThat(wireMock.sleeps).containsExactly(Duration.ofMillis(1499).plusNanos(500_000), Duration.ofMillis(1999),
				Duration.ofMillis(2998).plusNanos(500_000), Duration.ofMillis(2998).plusNanos(500_000),
				Duration.ofMillis(2998).plusNanos(500_000));
	}

	@Test
	void whenRetriesRunOutThenTheErrorListsEveryAttemptAndKeepsTheLastResponse() {
		wireMock.server.stubFor(get(urlPathEqualTo(this.jobs + "/1")).inScenario("exhaust")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(502))
			.willSetStateTo("second"));
		wireMock.server.stubFor(get(urlPathEqualTo(this.jobs + "/1")).inScenario("exhaust")
			.whenScenarioStateIs("second")
			.willReturn(aResponse().withStatus(504))
			.willSetStateTo("rest"));
		wireMock.server.stubFor(get(urlPathEqualTo(this.jobs + "/1")).inScenario("exhaust")
			.whenScenarioStateIs("rest")
			.willReturn(aResponse().withStatus(503)
				.withHeader("Content-Type", "application/problem+json")
				.withBody("{\"title\":\"Service unavailable\",\"traceId\":\"00-last-01\"}")));

		assertThatExceptionOfType(ServiceTitanApiException.ServerError.class)
			.isThrownBy(() -> this.client.endpoint("jpm", "jobs").getOne("1"))
			.satisfies((ex) -> {
				assertThat(ex.status()).isEqualTo(503);
				assertThat(ex.traceId()).isEqualTo("00-last-01");
				assertThat(ex.attempts()).containsExactly("502 Bad Gateway", "504 Gateway Timeout",
						"503 Service unavailable", "503 Service unavailable");
				assertThat(ex.getMessage()).contains("gave up after 4 attempts", "502 Bad Gateway", "504 Gateway Timeout",
						"[traceId=00-last-01]");
				RetryStubs.assertNoSecret(ex.getMessage());
			});
		assertThat(wireMock.sleeps).hasSize(3);
		wireMock.server.verify(4, getRequestedFor(urlPathEqualTo(this.jobs + "/1")));
	}

	@Test
	void whenStatusIsAnotherClientErrorThenItIsNeverRetried() {
		for (int status : new int[] { 400, 403, 404, 409, 422 }) {
			wireMock.server.resetRequests();
			wireMock.server.stubFor(get(urlPathEqualTo(this.jobs + "/" + status)).willReturn(aResponse().withStatus(status)));

			assertThatExceptionOfType(ServiceTitanApiException.class)
				.isThrownBy(() -> this.client.endpoint("jpm", "jobs").getOne(Integer.toString(status)))
				.satisfies((ex) -> assertThat(ex.status()).isEqualTo(status));
			wireMock.server.verify(1, getRequestedFor(urlPathEqualTo(this.jobs + "/" + status)));
		}
		assertThat(wireMock.sleeps).isEmpty();
	}

	@Test
	void when408ThenGetIsRetried() {
		failThenSucceed(() -> get(urlPathEqualTo(this.jobs + "/1")), 1, aResponse().withStatus(408));

		this.client.endpoint("jpm", "jobs").getOne("1");

		wireMock.server.verify(2, getRequestedFor(urlPathEqualTo(this.jobs + "/1")));
	}

	@Test
	void whenPutAndDeleteMeetServerErrorsThenTheyAreRetried() {
		failThenSucceed(() -> put(urlPathEqualTo(this.jobs + "/1")), 2, aResponse().withStatus(500));
		failThenSucceed(() -> delete(urlPathEqualTo(this.jobs + "/2")), 1, aResponse().withStatus(502));
		Endpoint endpoint = this.client.endpoint("jpm", "jobs");

		endpoint.update("1", Map.of("summary", "x"));
		endpoint.delete("2");

		wireMock.server.verify(3, anyRequestedFor(urlPathEqualTo(this.jobs + "/1")));
		wireMock.server.verify(2, anyRequestedFor(urlPathEqualTo(this.jobs + "/2")));
	}

	@Test
	void whenPostMeets429ThenItIsRetriedBecauseTheServerDidNotAct() {
		failThenSucceed(() -> post(urlPathEqualTo(this.jobs)), 1, aResponse().withStatus(429).withHeader("Retry-After", "1"));

		this.client.endpoint("jpm", "jobs").create(Map.of("summary", "x"));

		wireMock.server.verify(2, postRequestedFor(urlPathEqualTo(this.jobs)));
		assertThat(wireMock.sleeps).containsExactly(Duration.ofSeconds(1));
	}

	@Test
	void whenPostMeets503WithRetryAfterThenItIsNotRepeatedBecauseAGatewayMayAnswerAfterTheServerActed() {
		failThenSucceed(() -> post(urlPathEqualTo(this.jobs)), 1, aResponse().withStatus(503).withHeader("Retry-After", "3"));

		assertThatExceptionOfType(ServiceTitanApiException.ServerError.class)
			.isThrownBy(() -> this.client.endpoint("jpm", "jobs").create(Map.of("summary", "x")))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("not repeated", "POST"));

		wireMock.server.verify(1, postRequestedFor(urlPathEqualTo(this.jobs)));
		assertThat(wireMock.sleeps).isEmpty();
	}

	@Test
	void when429TitleNamesAnAbsurdNumberOfSecondsThenTheCallFailsTypedInsteadOfWithANumberFormatException() {
		wireMock.server.stubFor(get(urlPathEqualTo(this.jobs + "/1")).willReturn(aResponse().withStatus(429)
			.withHeader("Content-Type", "application/problem+json")
			.withBody("{\"title\":\"Try again in 99999999999999999999 seconds.\",\"status\":429}")));

		assertThatExceptionOfType(ServiceTitanApiException.TooManyRequests.class)
			.isThrownBy(() -> this.client.endpoint("jpm", "jobs").getOne("1"))
			.satisfies((ex) -> {
				assertThat(ex.retryAfter()).contains(Duration.ofDays(1));
				assertThat(ex.getMessage()).contains("max-retry-after");
			});
		assertThat(wireMock.sleeps).isEmpty();
		wireMock.server.verify(1, getRequestedFor(urlPathEqualTo(this.jobs + "/1")));
	}

	@Test
	void whenRetryAfterIsAbsurdOrGarbledThenItIsCappedOrIgnoredNeverThrown() {
		for (String hint : new String[] { "99999999999999999999", "-5", "soon", "Fri, 31 Dec 99999 23:59:59 GMT" }) {
			wireMock.server.resetAll();
			wireMock.stubToken(ServiceTitanWireMock.TOKEN, 900);
			wireMock.sleeps.clear();
			failThenSucceed(() -> get(urlPathEqualTo(this.jobs + "/1")), 1,
					aResponse().withStatus(503).withHeader("Retry-After", hint));

			try {
				this.client.endpoint("jpm", "jobs").getOne("1");
				// unreadable: the ordinary backoff applies
				assertThat(wireMock.sleeps).as(hint).containsExactly(Duration.ofMillis(500));
			}
			catch (ServiceTitanApiException.ServerError ex) {
				// absurdly long: capped, longer than max-retry-after, so the call fails at once with the server's words
				assertThat(hint).isIn("99999999999999999999", "Fri, 31 Dec 99999 23:59:59 GMT");
				assertThat(ex.getMessage()).contains("86400 s", "max-retry-after");
			}
		}
	}

	@Test
	void whenJitterIsDrawnThenRetryAfterWaitsAndTheFirstBackoffAreSpreadToo() {
		failThenSucceed(() -> get(urlPathEqualTo(this.jobs + "/1")), 1, aResponse().withStatus(429).withHeader("Retry-After", "2"));
		failThenSucceed(() -> get(urlPathEqualTo(this.jobs + "/2")), 1, aResponse().withStatus(503));
		ServiceTitanClient jittered = wireMock.clientBuilder().jitter(() -> 0.5).build();

		jittered.endpoint("jpm", "jobs").getOne("1");
		jittered.endpoint("jpm", "jobs").getOne("2");

		// Retry-After 2 s plus half of max(initial backoff 500 ms, a tenth of 2 s); first backoff 500 ms plus half of 250
		assertThat(wireMock.sleeps).containsExactly(Duration.ofMillis(2250), Duration.ofMillis(625));
	}

	@Test
	void whenPostMeets503WithoutRetryAfterOr500ThenItIsNotRepeated() {
		for (int status : new int[] { 500, 502, 503, 504 }) {
			wireMock.server.resetAll();
			wireMock.stubToken(ServiceTitanWireMock.TOKEN, 900);
			wireMock.server.stubFor(post(urlPathEqualTo(this.jobs)).willReturn(aResponse().withStatus(status)));

			assertThatExceptionOfType(ServiceTitanApiException.ServerError.class)
				.isThrownBy(() -> this.client.endpoint("jpm", "jobs").create(Map.of("summary", "x")))
				.satisfies((ex) -> assertThat(ex.getMessage()).contains("not repeated", "POST"));
			wireMock.server.verify(1, postRequestedFor(urlPathEqualTo(this.jobs)));
		}
		assertThat(wireMock.sleeps).isEmpty();
	}

	@Test
	void whenPatchMeets500ThenItIsNotRepeated() {
		wireMock.server.stubFor(patch(urlPathEqualTo(this.jobs + "/1")).willReturn(aResponse().withStatus(500)));

		assertThatExceptionOfType(ServiceTitanApiException.ServerError.class)
			.isThrownBy(() -> this.client.endpoint("jpm", "jobs").update("1", null, Map.of("a", 1), HttpMethod.PATCH));

		wireMock.server.verify(1, anyRequestedFor(urlPathEqualTo(this.jobs + "/1")));
	}

	@Test
	void whenRetriesAreDisabledThenEachCallIsTriedOnce() {
		wireMock.server.stubFor(get(urlPathEqualTo(this.jobs + "/1")).willReturn(aResponse().withStatus(503)));
		ServiceTitanClient once = wireMock.clientBuilder().retry(RetrySettings.NONE).build();

		assertThatExceptionOfType(ServiceTitanApiException.ServerError.class).isThrownBy(() -> once.endpoint("jpm", "jobs").getOne("1"));

		wireMock.server.verify(1, getRequestedFor(urlPathEqualTo(this.jobs + "/1")));
	}

	@Test
	void whenATokenExpiresDuringARetryAfterWaitThenTheRetryCarriesANewToken() {
		wireMock.server.resetAll();
		RetryStubs.stubTokens(wireMock, "eyJ.first", "eyJ.second");
		wireMock.server.stubFor(get(urlPathEqualTo(this.jobs + "/0")).willReturn(okJson("{\"id\":0}")));
		failThenSucceed(() -> get(urlPathEqualTo(this.jobs + "/1")), 1,
				aResponse().withStatus(429).withHeader("Retry-After", "60"));
		Endpoint endpoint = this.client.endpoint("jpm", "jobs");
		endpoint.getOne("0");
		// the token lives 900 s and is renewed 60 s early: after 790 s, a 60 s wait crosses the renewal point
		wireMock.clock.advance(Duration.ofSeconds(790));

		endpoint.getOne("1");

		wireMock.server.verify(1, getRequestedFor(urlPathEqualTo(this.jobs + "/1"))
			.withHeader("Authorization", ServiceTitanWireMock.bearer("eyJ.first")));
		wireMock.server.verify(1, getRequestedFor(urlPathEqualTo(this.jobs + "/1"))
			.withHeader("Authorization", ServiceTitanWireMock.bearer("eyJ.second")));
		assertThat(wireMock.tokenRequests()).isEqualTo(2);
	}

	private static void failThenSucceed(Supplier<MappingBuilder> request, int failures, ResponseDefinitionBuilder failure) {
		RetryStubs.failThenSucceed(wireMock, request, failures, failure);
	}

}
