package io.github.servicetitan4j;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.servicetitan4j.retry.Sleeper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Measures the request rate the default limiter (60 per second, burst 5) holds against a local WireMock when 8
 * threads call as fast as they can for about 10 seconds, and prints the arrivals the server counted in each second.
 * Real time; excluded from the default build (tag {@code measurement}). Run it with:
 * <pre>
 * ./mvnw -B -o -pl servicetitan-spring-boot-autoconfigure test -Dtest=RateLimiterMeasurement -Dservicetitan.test.excluded-groups=none
 * </pre>
 */
@Tag("measurement")
class RateLimiterMeasurement {

	private static final int THREADS = 8;

	private static final Duration RUN = Duration.ofSeconds(10);

	@Test
	void defaultLimiterUnderEightThreadsForTenSeconds() throws Exception {
		try (ServiceTitanWireMock wireMock = new ServiceTitanWireMock()) {
			wireMock.server.stubFor(get(urlPathMatching("/.*/v2/tenant/.*")).willReturn(okJson("{\"id\":1}")));
			// The defaults of servicetitan.rate-limit.*: 60 per second, burst 5, max-wait 30 s.
			ServiceTitanClient client = wireMock.clientBuilder()
				.clock(Clock.systemUTC())
				.nanoTime(System::nanoTime)
				.sleeper(Sleeper.SYSTEM)
				.rateLimit(60, 5, Duration.ofSeconds(30))
				.build();
			Endpoint jobs = client.endpoint("jpm", "jobs");
			jobs.getOne("warm-up");
			wireMock.server.resetRequests();

			AtomicInteger calls = new AtomicInteger();
			long deadline = System.nanoTime() + RUN.toNanos();
			ExecutorService threads = Executors.newFixedThreadPool(THREADS);
			try {
				List<Future<?>> workers = new ArrayList<>();
				for (int t = 0; t < THREADS; t++) {
					workers.add(threads.submit(() -> {
						while (System.nanoTime() < deadline) {
							jobs.getOne(Integer.toString(calls.incrementAndGet()));
						}
					}));
				}
				for (Future<?> worker : workers) {
					worker.get();
				}
			}
			finally {
				threads.shutdownNow();
			}

			List<Long> arrivals = wireMock.server.getAllServeEvents()
				.stream()
				.map((event) -> event.getRequest().getLoggedDate().getTime())
				.sorted()
				.toList();
			long first = arrivals.get(0);
			Map<Long, Integer> perSecond = new TreeMap<>();
			arrivals.forEach((arrival) -> perSecond.merge((arrival - first) / 1000, 1, Integer::sum));
			double seconds = (arrivals.get(arrivals.size() - 1) - first) / 1000.0;
			int maxWindow = RateLimiterWireTests.maxInAnySecond(arrivals);
			long loadAverage = Math.round(java.lang.management.ManagementFactory.getOperatingSystemMXBean()
				.getSystemLoadAverage() * 100);
			System.out.println("rate-limit measurement: " + THREADS + " threads, 60/s burst 5, " + arrivals.size()
					+ " requests in " + seconds + " s = " + String.format("%.1f", (arrivals.size() - 1) / seconds)
					+ " req/s; per second at the server: " + perSecond.values() + "; most in any 1 s window: "
					+ maxWindow + "; load average " + (loadAverage / 100.0) + " on "
					+ Runtime.getRuntime().availableProcessors() + " cores");
			// Per clock second at the server. A sliding window can hold a few more when the machine stalls the
			// process: threads whose turn passed during the stall then send together (see the README).
			assertThat(perSecond.values()).allSatisfy((count) -> assertThat(count).isLessThanOrEqualTo(60 + 5));
		}
	}

}
