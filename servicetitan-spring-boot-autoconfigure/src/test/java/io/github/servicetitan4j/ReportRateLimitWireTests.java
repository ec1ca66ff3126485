package io.github.servicetitan4j;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

import com.github.tomakehurst.wiremock.http.Fault;
import io.github.servicetitan4j.errors.ServiceTitanApiException;
import io.github.servicetitan4j.ratelimit.RateLimiterTimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.github.servicetitan4j.ReportFixtures.REPORT;
import static io.github.servicetitan4j.ReportFixtures.dataPath;
import static io.github.servicetitan4j.ReportFixtures.dataRequest;
import static io.github.servicetitan4j.ReportFixtures.stubDescription;
import static io.github.servicetitan4j.ReportFixtures.stubPageSequence;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The per-report limit on the wire: data requests of one report paced on top of the tenant's limit (every page
 * counts), the max-wait error, 429s honoured from Retry-After or the title's hint without pausing the rest of the
 * tenant, and a read-only POST retried like a GET. Time is the extension's clock; waits are recorded, never slept.
 */
class ReportRateLimitWireTests {

	@RegisterExtension
	static final ServiceTitanWireMock wireMock = new ServiceTitanWireMock();

	private static final Map<String, Object> OCTOBER = Map.of("From", LocalDate.of(2026, 10, 1), "To",
			LocalDate.of(2026, 10, 31));

	private final ReportFixtures.Heard heard = new ReportFixtures.Heard();

	@BeforeEach
	void stubReport() {
		stubDescription(wireMock);
	}

	private Reports reports(ReportingSettings settings) {
		// The pace of the synchronous flow's data requests (the asynchronous flow's starts are paced alike).
		return wireMock.clientBuilder()
			.listener(this.heard)
			.reporting(settings.withFlow(ReportingSettings.Flow.SYNCHRONOUS))
			.build()
			.reports();
	}

	private int dataRequests() {
		return wireMock.server.findAll(postRequestedFor(urlPathEqualTo(dataPath(wireMock)))).size();
	}

	@Test
	void everyPageOfARunWaitsForTheReportsTurn() {
		wireMock.server.stubFor(dataRequest(wireMock, 1).willReturn(okJson(ReportFixtures.PAGE_1)));
		wireMock.server.stubFor(dataRequest(wireMock, 2).willReturn(okJson(ReportFixtures.PAGE_2)));

		ReportResult result = reports(new ReportingSettings(1, Duration.ofMinutes(2), 2)).run("accounting", REPORT,
				OCTOBER);

		assertThat(result.rows()).hasSize(3);
		assertThat(this.heard.rateLimitWaits).containsExactly(Duration.ZERO, Duration.ofMinutes(1));
		assertThat(wireMock.sleeps).containsExactly(Duration.ofMinutes(1));
		assertThat(dataRequests()).isEqualTo(2);
	}

	@Test
	void runsOfTheSameReportSharePaceWhileOtherReportsAndEndpointsGoAtOnce() {
		wireMock.server.stubFor(dataRequest(wireMock, 1).willReturn(okJson(ReportFixtures.ONE_PAGE)));
		wireMock.server.stubFor(get(urlPathEqualTo(wireMock.tenantPath("jpm") + "/jobs/1")).willReturn(okJson("{}")));
		ServiceTitanClient client = wireMock.clientBuilder()
			.listener(this.heard)
			.rateLimit(60, 5, Duration.ofSeconds(30))
			.reporting(new ReportingSettings(5, Duration.ofMinutes(2), 5000)
				.withFlow(ReportingSettings.Flow.SYNCHRONOUS))
			.build();

		client.reports().run("accounting", REPORT, OCTOBER);
		client.endpoint("jpm", "jobs").getOne("1");
		client.reports().run("accounting", REPORT, OCTOBER);

		assertThat(this.heard.rateLimitWaits).containsExactly(Duration.ZERO, Duration.ofSeconds(12));
		assertThat(wireMock.sleeps).containsExactly(Duration.ofSeconds(12));
	}

	@Test
	void whenTheReportsTurnIsFurtherAwayThanMaxWaitThenATypedErrorAndNothingSent() {
		wireMock.server.stubFor(dataRequest(wireMock, 1).willReturn(okJson(ReportFixtures.ONE_PAGE)));
		Reports reports = reports(new ReportingSettings(1, Duration.ofSeconds(30), 5000));
		reports.run("accounting", REPORT, OCTOBER);

		assertThatExceptionOfType(ReportRateLimiterTimeoutException.class)
			.isThrownBy(() -> reports.run("accounting", REPORT, OCTOBER))
			.isInstanceOf(RateLimiterTimeoutException.class)
			.withMessageContaining("report 4001 (accounting)")
			.withMessageContaining("servicetitan.reporting.max-wait")
			.satisfies((ex) -> {
				assertThat(ex.reportId()).isEqualTo(REPORT);
				assertThat(ex.wouldWait()).isEqualTo(Duration.ofMinutes(1));
				assertThat(ex.maxWait()).isEqualTo(Duration.ofSeconds(30));
			});
		assertThat(dataRequests()).isEqualTo(1);
		assertThat(wireMock.sleeps).isEmpty();
	}

	@Test
	void a429WithRetryAfterIsWaitedOutAtTheReportsLimiterAndReportedAsARateLimitWait() {
		stubPageSequence(wireMock, 1,
				aResponse().withStatus(429).withHeader("Retry-After", "40").withHeader("Content-Type", "application/json")
					.withBody("{\"title\":\"Too many requests\",\"status\":429}"),
				okJson(ReportFixtures.ONE_PAGE));

		ReportResult result = reports(new ReportingSettings(5, Duration.ofSeconds(30), 5000)).run("accounting", REPORT,
				OCTOBER);

		assertThat(result.rows()).hasSize(1);
		assertThat(dataRequests()).isEqualTo(2);
		assertThat(this.heard.retries).containsExactly("report 429 PT40S");
		assertThat(this.heard.rateLimitWaits).containsExactly(Duration.ZERO, Duration.ofSeconds(40));
		assertThat(wireMock.sleeps).containsExactly(Duration.ofSeconds(40));
	}

	@Test
	void a429WhoseTitleSaysWhenToComeBackIsHonouredWithoutRetryAfter() {
		stubPageSequence(wireMock, 1,
				aResponse().withStatus(429).withHeader("Content-Type", "application/json")
					.withBody("{\"title\":\"Rate limit is exceeded. Try again in 45 seconds.\",\"status\":429}"),
				okJson(ReportFixtures.ONE_PAGE));

		reports(new ReportingSettings(5, Duration.ofSeconds(30), 5000)).run("accounting", REPORT, OCTOBER);

		assertThat(dataRequests()).isEqualTo(2);
		assertThat(this.heard.rateLimitWaits).containsExactly(Duration.ZERO, Duration.ofSeconds(45));
	}

	@Test
	void a429WithoutAnyHintWaitsOneIntervalOfTheReportsPace() {
		stubPageSequence(wireMock, 1, aResponse().withStatus(429), okJson(ReportFixtures.ONE_PAGE));

		reports(new ReportingSettings(2, Duration.ofSeconds(10), 5000)).run("accounting", REPORT, OCTOBER);

		assertThat(dataRequests()).isEqualTo(2);
		assertThat(this.heard.rateLimitWaits).containsExactly(Duration.ZERO, Duration.ofSeconds(30));
	}

	@Test
	void aReports429DoesNotPauseTheRestOfTheTenant() {
		stubPageSequence(wireMock, 1, aResponse().withStatus(429).withHeader("Retry-After", "60"),
				okJson(ReportFixtures.ONE_PAGE));
		wireMock.server.stubFor(get(urlPathEqualTo(wireMock.tenantPath("jpm") + "/jobs/1")).willReturn(okJson("{}")));
		ServiceTitanClient client = wireMock.clientBuilder()
			.rateLimit(60, 5, Duration.ofSeconds(30))
			.reporting(new ReportingSettings(5, Duration.ofSeconds(30), 5000)
				.withFlow(ReportingSettings.Flow.SYNCHRONOUS))
			.build();
		client.reports().run("accounting", REPORT, OCTOBER);
		wireMock.sleeps.clear();
		client.endpoint("jpm", "jobs").getOne("1");

		assertThat(wireMock.sleeps).as("the jobs call waited for nothing").isEmpty();
		assertThat(wireMock.server.findAll(getRequestedFor(urlPathEqualTo(wireMock.tenantPath("jpm") + "/jobs/1"))))
			.hasSize(1);
	}

	@Test
	void whenRetryAfterIsLongerThanTheClientHonoursThenRateLimitExceptionAtOnce() {
		wireMock.server.stubFor(dataRequest(wireMock, 1)
			.willReturn(aResponse().withStatus(429).withHeader("Retry-After", "300")));

		assertThatExceptionOfType(ServiceTitanApiException.TooManyRequests.class)
			.isThrownBy(() -> reports(new ReportingSettings(5, Duration.ofSeconds(30), 5000)).run("accounting", REPORT,
					OCTOBER))
			.withMessageContaining("asked to wait 300 s")
			.satisfies((ex) -> assertThat(ex.retryAfter()).contains(Duration.ofSeconds(300)));
		assertThat(dataRequests()).isEqualTo(1);
	}

	@Test
	void theReadOnlyDataPostIsRetriedAfterA503AndAConnectionResetLikeAGet() {
		stubPageSequence(wireMock, 1, aResponse().withStatus(503),
				aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), okJson(ReportFixtures.ONE_PAGE));

		ReportResult result = reports(new ReportingSettings(0, Duration.ZERO, 5000)).run("accounting", REPORT, OCTOBER);

		assertThat(result.rows()).hasSize(1);
		assertThat(dataRequests()).isEqualTo(3);
		assertThat(this.heard.retries).hasSize(2).allSatisfy((retry) -> assertThat(retry).startsWith("report "));
	}

	@Test
	void whenTheDataPostKeepsFailingTheErrorListsEveryAttempt() {
		wireMock.server.stubFor(dataRequest(wireMock, 1).willReturn(aResponse().withStatus(502)));

		assertThatExceptionOfType(ServiceTitanApiException.ServerError.class)
			.isThrownBy(() -> reports(new ReportingSettings(0, Duration.ZERO, 5000)).run("accounting", REPORT, OCTOBER))
			.satisfies((ex) -> assertThat(ex.attempts()).hasSize(4));
		assertThat(dataRequests()).isEqualTo(4);
	}

}
