package io.github.servicetitan4j;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import com.github.tomakehurst.wiremock.http.Fault;
import io.github.servicetitan4j.Reports.ReportRateLimiterTimeoutException;
import io.github.servicetitan4j.ServiceTitanClientListener.CallDescriptor;
import io.github.servicetitan4j.errors.ServiceTitanApiException;
import io.github.servicetitan4j.ratelimit.RateLimiter.RateLimiterTimeoutException;
import io.github.servicetitan4j.retry.Sleeper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
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

	private Reports reports(Reports.Settings settings) {
		// The pace of the synchronous flow's data requests (the asynchronous flow's starts are paced alike).
		return wireMock.clientBuilder()
			.listener(this.heard)
			.reporting(settings.withFlow(Reports.Settings.Flow.SYNCHRONOUS))
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

		Reports.Result result = reports(new Reports.Settings(1, Duration.ofMinutes(2), 2)).run("accounting", REPORT,
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
			.reporting(new Reports.Settings(5, Duration.ofMinutes(2), 5000)
				.withFlow(Reports.Settings.Flow.SYNCHRONOUS))
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
		Reports reports = reports(new Reports.Settings(1, Duration.ofSeconds(30), 5000));
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

		Reports.Result result = reports(new Reports.Settings(5, Duration.ofSeconds(30), 5000)).run("accounting", REPORT,
				OCTOBER);

		assertThat(result.rows()).hasSize(1);
		assertThat(dataRequests()).isEqualTo(2);
		assertThat(this.heard.retries).containsExactly("report 429 PT40S");
		assertThat(this.heard.rateLimitWaits).containsExactly(Duration.ZERO, Duration.ofSeconds(40));
		assertThat(wireMock.sleeps).containsExactly(Duration.ofSeconds(40));
	}

	@Test
	@Timeout(10)
	void whenA429PausesTheReportWhileAnotherRunSleepsOnItsBookedTurnThenThatRunWaitsOutThePauseBeforeSending()
			throws Exception {
		stubPageSequence(wireMock, 1,
				aResponse().withStatus(429).withHeader("Content-Type", "application/json")
					.withBody("{\"title\":\"Rate limit is exceeded. Try again in 4 seconds.\",\"status\":429}"),
				okJson(ReportFixtures.ONE_PAGE));
		Map<String, List<Duration>> sleepsByRun = new ConcurrentHashMap<>();
		CountDownLatch secondParked = new CountDownLatch(1);
		CountDownLatch releaseSecond = new CountDownLatch(1);
		// Waits are recorded per run; the second run's first wait parks it on its booked turn until the test lets it
		// go. The clock moves only by hand.
		Sleeper gate = (duration) -> {
			String run = Thread.currentThread().getName().equals("second-run") ? "second" : "first";
			List<Duration> sleeps = sleepsByRun.computeIfAbsent(run, (name) -> new ArrayList<>());
			sleeps.add(duration);
			if (run.equals("second") && sleeps.size() == 1) {
				secondParked.countDown();
				releaseSecond.await();
			}
		};
		ExecutorService second = Executors.newSingleThreadExecutor((task) -> new Thread(task, "second-run"));
		List<Future<Reports.Result>> secondRun = new ArrayList<>();
		AtomicReference<ServiceTitanClient> shared = new AtomicReference<>();
		ServiceTitanClient client = wireMock.clientBuilder()
			.sleeper(gate)
			.reporting(new Reports.Settings(60, Duration.ofMinutes(2), 5000).withFlow(Reports.Settings.Flow.SYNCHRONOUS))
			.listener(new ServiceTitanClientListener() {

				@Override
				public void onRateLimitWait(CallDescriptor call, Duration waited) {
					// The first run holds the report's turn at 0 s and is about to send: the second run books the
					// turn at 1 s and sleeps towards it before the first run's answer (429) arrives.
					if (call.operation().equals("report") && secondRun.isEmpty()
							&& !Thread.currentThread().getName().equals("second-run")) {
						secondRun.add(second.submit(() -> shared.get().reports().run("accounting", REPORT, OCTOBER)));
						awaitUninterruptibly(secondParked);
					}
				}

			})
			.build();
		shared.set(client);
		try {
			Reports.Result first = client.reports().run("accounting", REPORT, OCTOBER); // 429, pause 4 s, then 200
			wireMock.clock.advance(Duration.ofSeconds(1)); // the second run's booked turn has come
			releaseSecond.countDown();
			Reports.Result other = secondRun.get(0).get();

			assertThat(first.rows()).hasSize(1);
			assertThat(other.rows()).hasSize(1);
		}
		finally {
			releaseSecond.countDown();
			second.shutdownNow();
		}
		// The first run's retry waited out the pause (4 s). The second run woke at its turn (1 s), found the pause the
		// 429 announced, and booked again after it (6 s at the halved pace) instead of sending 1 s into the pause.
		assertThat(sleepsByRun.get("first")).containsExactly(Duration.ofSeconds(4));
		assertThat(sleepsByRun.get("second")).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(5));
		assertThat(dataRequests()).isEqualTo(3);
	}

	private static void awaitUninterruptibly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void a429WhoseTitleSaysWhenToComeBackIsHonouredWithoutRetryAfter() {
		stubPageSequence(wireMock, 1,
				aResponse().withStatus(429).withHeader("Content-Type", "application/json")
					.withBody("{\"title\":\"Rate limit is exceeded. Try again in 45 seconds.\",\"status\":429}"),
				okJson(ReportFixtures.ONE_PAGE));

		reports(new Reports.Settings(5, Duration.ofSeconds(30), 5000)).run("accounting", REPORT, OCTOBER);

		assertThat(dataRequests()).isEqualTo(2);
		assertThat(this.heard.rateLimitWaits).containsExactly(Duration.ZERO, Duration.ofSeconds(45));
	}

	@Test
	void a429WithoutAnyHintWaitsOneIntervalOfTheReportsPace() {
		stubPageSequence(wireMock, 1, aResponse().withStatus(429), okJson(ReportFixtures.ONE_PAGE));

		reports(new Reports.Settings(2, Duration.ofSeconds(10), 5000)).run("accounting", REPORT, OCTOBER);

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
			.reporting(new Reports.Settings(5, Duration.ofSeconds(30), 5000)
				.withFlow(Reports.Settings.Flow.SYNCHRONOUS))
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
			.isThrownBy(() -> reports(new Reports.Settings(5, Duration.ofSeconds(30), 5000)).run("accounting", REPORT,
					OCTOBER))
			.withMessageContaining("asked to wait 300 s")
			.satisfies((ex) -> assertThat(ex.retryAfter()).contains(Duration.ofSeconds(300)));
		assertThat(dataRequests()).isEqualTo(1);
	}

	@Test
	void theReadOnlyDataPostIsRetriedAfterA503AndAConnectionResetLikeAGet() {
		stubPageSequence(wireMock, 1, aResponse().withStatus(503),
				aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), okJson(ReportFixtures.ONE_PAGE));

		Reports.Result result = reports(new Reports.Settings(0, Duration.ZERO, 5000)).run("accounting", REPORT,
				OCTOBER);

		assertThat(result.rows()).hasSize(1);
		assertThat(dataRequests()).isEqualTo(3);
		assertThat(this.heard.retries).hasSize(2).allSatisfy((retry) -> assertThat(retry).startsWith("report "));
	}

	@Test
	void whenTheDataPostKeepsFailingTheErrorListsEveryAttempt() {
		wireMock.server.stubFor(dataRequest(wireMock, 1).willReturn(aResponse().withStatus(502)));

		assertThatExceptionOfType(ServiceTitanApiException.ServerError.class)
			.isThrownBy(() -> reports(new Reports.Settings(0, Duration.ZERO, 5000)).run("accounting", REPORT, OCTOBER))
			.satisfies((ex) -> assertThat(ex.attempts()).hasSize(4));
		assertThat(dataRequests()).isEqualTo(4);
	}

}
