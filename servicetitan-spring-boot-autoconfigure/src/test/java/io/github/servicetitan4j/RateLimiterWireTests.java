package io.github.servicetitan4j;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.github.servicetitan4j.ServiceTitanClientListener.CallDescriptor;
import io.github.servicetitan4j.ratelimit.RateLimiter;
import io.github.servicetitan4j.ratelimit.RateLimiter.RateLimiterTimeoutException;
import io.github.servicetitan4j.retry.RetrySettings;
import io.github.servicetitan4j.retry.Sleeper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The client-side rate limiter on the wire: one limiter per tenant shared by every endpoint, a burst of concurrent
 * calls held under the configured rate at the server, adaptation to a 429, the max-wait error, and the switch that
 * turns it off.
 */
class RateLimiterWireTests {

	@RegisterExtension
	static final ServiceTitanWireMock wireMock = new ServiceTitanWireMock();

	@BeforeEach
	void resetServer() {
		wireMock.server.stubFor(get(urlPathMatching("/.*/v2/tenant/.*")).willReturn(okJson("{\"id\":1}")));
	}

	/**
	 * A load check, in real time on purpose: the server counts arrivals of real threads over real HTTP. The exact
	 * promise (no one-second window above the rate) is checked on a fake clock in {@code RateBudgetTests}; here the
	 * bound is looser (rate plus burst) because the limiter controls when permits are handed out, not when a thread
	 * starved of CPU on a busy build machine gets to send, so sends can bunch up by a few at the server.
	 */
	@Test
	void whenTwoHundredCallsRaceOnSixteenThreadsThenNoSecondAtTheServerSeesMoreThanRatePlusBurst() throws Exception {
		int rate = 20;
		int burst = 5;
		ServiceTitanClient client = wireMock.clientBuilder()
			.clock(Clock.systemUTC())
			.nanoTime(System::nanoTime)
			.sleeper(Sleeper.SYSTEM)
			.rateLimit(rate, burst, Duration.ofSeconds(30))
			.build();
		Endpoint jobs = client.endpoint("jpm", "jobs");
		Endpoint customers = client.endpoint("crm", "customers");
		// One call first, so that loading the HTTP and JSON classes, which stalls the first requests of a fresh JVM
		// and lets later ones catch up with them, is not measured as the limiter's doing.
		jobs.getOne("warm-up");
		wireMock.server.resetRequests();
		ExecutorService threads = Executors.newFixedThreadPool(16);
		try {
			List<Future<?>> calls = new ArrayList<>();
			for (int i = 0; i < 200; i++) {
				Endpoint endpoint = (i % 2 == 0) ? jobs : customers;
				String id = Integer.toString(i);
				calls.add(threads.submit(() -> endpoint.getOne(id)));
			}
			for (Future<?> call : calls) {
				call.get();
			}
		}
		finally {
			threads.shutdownNow();
		}

		List<Long> arrivals = apiArrivals();
		assertThat(arrivals).hasSize(200);
		assertThat(maxInAnySecond(arrivals)).isLessThanOrEqualTo(rate + burst);
		// 195 calls beyond the burst at 20 per second: the run cannot be shorter than 9.75 s
		assertThat(arrivals.get(arrivals.size() - 1) - arrivals.get(0)).isGreaterThanOrEqualTo(9_700);
	}

	@Test
	void whenTheServerAnswers429ThenTheLimiterSlowsDownEveryEndpointOfTheTenantAndRecoversLater() {
		// 10 per second: one call every 100 ms
		ServiceTitanClient client = wireMock.clientBuilder().rateLimit(10, 1, Duration.ofSeconds(30)).build();
		RetryStubs.failThenSucceed(wireMock, () -> get(urlPathEqualTo(wireMock.tenantPath("jpm") + "/jobs/1")).atPriority(1),
				1, aResponse().withStatus(429).withHeader("Retry-After", "2"));
		Endpoint customers = client.endpoint("crm", "customers");
		customers.getOne("1");

		client.endpoint("jpm", "jobs").getOne("1");
		customers.getOne("2");
		customers.getOne("3");

		// jobs/1: its turn (100 ms), the 429's Retry-After (2 s), the retry at the end of the pause; then customers
		// at half the rate
		assertThat(wireMock.sleeps).containsExactly(Duration.ofMillis(100), Duration.ofSeconds(2),
				Duration.ofMillis(200), Duration.ofMillis(200));

		wireMock.sleeps.clear();
		wireMock.clock.advance(RateLimiter.ADAPTIVE_RECOVERY);
		customers.getOne("4");
		customers.getOne("5");
		assertThat(wireMock.sleeps).containsExactly(Duration.ofMillis(100));
	}

	@Test
	void whenTheWallClockStepsThenTheLimiterNeitherStallsNorBursts() {
		// 1 per second, no burst; the wall clock jumps an hour back, then two hours forward, between calls
		ServiceTitanClient client = wireMock.clientBuilder().rateLimit(1, 1, Duration.ofSeconds(30)).build();
		wireMock.server.stubFor(get(urlPathEqualTo(wireMock.tenantPath("crm") + "/customers/1")).willReturn(okJson("{}")));
		Endpoint customers = client.endpoint("crm", "customers");
		customers.getOne("1");

		wireMock.clock.step(Duration.ofHours(-1));
		customers.getOne("1");
		wireMock.clock.step(Duration.ofHours(2));
		customers.getOne("1");
		customers.getOne("1");

		// each call waits its one-second turn: no hour-long stall after the step back, no burst after the step forward
		assertThat(wireMock.sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1));
	}

	@Test
	void whenACallWouldWaitLongerThanMaxWaitThenItFailsWithoutReachingTheServer() {
		// A sleeper that does not move the clock: the calls queue as if they came from many threads at once.
		RateLimiter shared = RateLimiter.adaptive(10, 1, Duration.ofMillis(250), wireMock.clock,
				(duration) -> wireMock.sleeps.add(duration));
		ServiceTitanClient client = wireMock.clientBuilder().rateLimiter(shared).retry(RetrySettings.NONE).build();
		Endpoint jobs = client.endpoint("jpm", "jobs");
		jobs.getOne("1");
		jobs.getOne("2");
		jobs.getOne("3");

		assertThatExceptionOfType(RateLimiterTimeoutException.class).isThrownBy(() -> jobs.getOne("4"))
			.withMessageContaining("servicetitan.rate-limit.max-wait");

		assertThat(wireMock.sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
		wireMock.server.verify(3, getRequestedFor(urlPathMatching("/jpm/.*")));
	}

	@Test
	void whenRequestsPerSecondIsZeroThenNoCallWaitsForTheLimiter() {
		List<Duration> limiterWaits = Collections.synchronizedList(new ArrayList<>());
		ServiceTitanClient client = wireMock.clientBuilder()
			.rateLimit(0, 1, Duration.ZERO)
			.listener(new ServiceTitanClientListener() {

				@Override
				public void onRateLimitWait(CallDescriptor call, Duration waited) {
					limiterWaits.add(waited);
				}

			})
			.build();
		Endpoint jobs = client.endpoint("jpm", "jobs");

		for (int i = 0; i < 100; i++) {
			jobs.getOne(Integer.toString(i));
		}

		assertThat(limiterWaits).hasSizeGreaterThanOrEqualTo(100).containsOnly(Duration.ZERO);
		assertThat(wireMock.server.findAll(getRequestedFor(urlPathMatching("/jpm/.*")))).hasSizeGreaterThanOrEqualTo(100);
	}

	/** Arrival times (epoch millis, sorted) of the API requests the server logged. */
	static List<Long> apiArrivals() {
		return wireMock.server.getAllServeEvents()
			.stream()
			.filter((event) -> event.getRequest().getUrl().contains("/v2/tenant/"))
			.map(ServeEvent::getRequest)
			.map((request) -> request.getLoggedDate().getTime())
			.sorted()
			.toList();
	}

	/** Most arrivals within any window of one second, [t, t + 1000 ms). */
	static int maxInAnySecond(List<Long> arrivals) {
		int max = 0;
		int start = 0;
		for (int end = 0; end < arrivals.size(); end++) {
			while (arrivals.get(end) - arrivals.get(start) >= 1000) {
				start++;
			}
			max = Math.max(max, end - start + 1);
		}
		return max;
	}

}
