package io.github.servicetitan4j.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.github.servicetitan4j.MutableClock;
import io.github.servicetitan4j.errors.ServiceTitanException.ServiceTitanInterruptedException;
import io.github.servicetitan4j.ratelimit.RateLimiter.RateLimiterTimeoutException;
import io.github.servicetitan4j.retry.Sleeper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The limiter's exact waits, on a clock moved by hand: the burst, the sustained rate, the max-wait error, the pause
 * and slowdown after a 429 and the recovery after it.
 */
class AdaptiveRateLimiterTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

	private final List<Duration> sleeps = new ArrayList<>();

	/** One caller: each wait moves the clock on, as a real sleep would. */
	private final Sleeper sleeper = (duration) -> {
		this.sleeps.add(duration);
		this.clock.advance(duration);
	};

	/** 10 requests per second (one every 100 ms), bursts of 3, at most 1 s of waiting. */
	private final AdaptiveRateLimiter limiter = new AdaptiveRateLimiter(10, 3, Duration.ofSeconds(1), this.clock,
			this.sleeper);

	@Test
	void whenIdleThenABurstGoesThroughAtOnceAndThenOneRequestPerInterval() {
		List<Duration> waits = acquire(6);

		assertThat(waits).containsExactly(Duration.ZERO, Duration.ZERO, Duration.ZERO, millis(100), millis(100),
				millis(100));
		assertThat(this.sleeps).containsExactly(millis(100), millis(100), millis(100));
	}

	@Test
	void whenQuietForLongEnoughThenTheBurstIsAvailableAgainButNoMore() {
		acquire(10);
		this.clock.advance(Duration.ofSeconds(10));

		assertThat(acquire(4)).containsExactly(Duration.ZERO, Duration.ZERO, Duration.ZERO, millis(100));
	}

	@Test
	void whenAQuietSpellIsShortThenOnlyTheSlotsItLeftAreUsed() {
		acquire(5); // the clock is at 200 ms, the next free slot at 300 ms
		this.clock.advance(millis(250));

		// the slots at 300 and 400 ms went unused and are taken at once; then 500 ms and 600 ms
		assertThat(acquire(4)).containsExactly(Duration.ZERO, Duration.ZERO, millis(50), millis(100));
	}

	@Test
	void whenManyCallersQueueThenEachWaitsForItsOwnSlot() {
		List<Duration> waits = new ArrayList<>();
		AdaptiveRateLimiter concurrent = new AdaptiveRateLimiter(10, 3, Duration.ofSeconds(1), this.clock,
				(duration) -> waits.add(duration));

		for (int i = 0; i < 8; i++) {
			concurrent.acquire();
		}

		assertThat(waits).containsExactly(millis(100), millis(200), millis(300), millis(400), millis(500));
	}

	@Test
	void whenTheWaitWouldPassMaxWaitThenItFailsAtOnceWithoutTakingASlot() {
		AdaptiveRateLimiter concurrent = new AdaptiveRateLimiter(10, 1, Duration.ofMillis(300), this.clock,
				(duration) -> this.sleeps.add(duration));
		for (int i = 0; i < 4; i++) {
			concurrent.acquire(); // waits 0, 100, 200, 300 ms: the last one allowed
		}

		assertThatExceptionOfType(RateLimiterTimeoutException.class).isThrownBy(concurrent::acquire)
			.satisfies((ex) -> {
				assertThat(ex.wouldWait()).isEqualTo(millis(400));
				assertThat(ex.maxWait()).isEqualTo(millis(300));
				assertThat(ex.getMessage()).contains("400 ms", "300 ms", "servicetitan.rate-limit.max-wait");
			});
		this.clock.advance(millis(100));
		// the failed caller took no slot: the next one gets the 400 ms slot, 300 ms from now
		assertThat(concurrent.acquire()).isEqualTo(millis(300));
	}

	@Test
	void whenTheServerAnswers429ThenEveryCallerPausesForRetryAfterAndTheRateHalves() {
		acquire(3);

		this.limiter.onThrottled(Duration.ofSeconds(2));

		assertThat(this.limiter.slowdown()).isEqualTo(2);
		// no burst after the pause: one request at its end, then one every 200 ms
		assertThat(acquire(3)).containsExactly(Duration.ofSeconds(2), millis(200), millis(200));
	}

	@Test
	@Timeout(10)
	void whenA429ArrivesWhileCallersSleepOnBookedSlotsThenTheyBookAgainAfterThePauseInsteadOfSending() throws Exception {
		CountDownLatch parked = new CountDownLatch(2);
		CountDownLatch release = new CountDownLatch(1);
		Map<String, List<Duration>> sleepsByCaller = new ConcurrentHashMap<>();
		// The first sleep of each caller parks it on its booked slot until the test lets it go; the clock moves only by
		// hand.
		Sleeper gate = (duration) -> {
			sleepsByCaller.computeIfAbsent(Thread.currentThread().getName(), (name) -> new ArrayList<>()).add(duration);
			if (release.getCount() > 0) {
				parked.countDown();
				release.await();
			}
		};
		AdaptiveRateLimiter limiter = new AdaptiveRateLimiter(10, 1, Duration.ofSeconds(1), this.clock, gate);
		limiter.acquire(); // the request the server will answer 429
		ExecutorService callers = Executors.newFixedThreadPool(2);
		try {
			List<Future<Duration>> waits = List.of(callers.submit(limiter::acquire), callers.submit(limiter::acquire));
			parked.await(); // slots booked at 100 and 200 ms

			this.clock.advance(millis(50));
			limiter.onThrottled(Duration.ofSeconds(4)); // the pause runs until 4.05 s
			this.clock.advance(millis(150)); // both booked slots have come
			release.countDown();

			for (Future<Duration> wait : waits) {
				wait.get();
			}
		}
		finally {
			callers.shutdownNow();
		}
		// Each woke at 200 ms, found the pause running and booked again: the first slot after the pause (4.05 s), the
		// next one at the halved rate 200 ms later. Nobody sent into the pause.
		assertThat(sleepsByCaller.values()).hasSize(2).allSatisfy((sleeps) -> assertThat(sleeps).hasSize(2));
		assertThat(sleepsByCaller.values().stream().map((sleeps) -> sleeps.get(0)))
			.containsExactlyInAnyOrder(millis(100), millis(200));
		assertThat(sleepsByCaller.values().stream().map((sleeps) -> sleeps.get(1)))
			.containsExactlyInAnyOrder(millis(3850), millis(4050));
	}

	@Test
	void whenAPauseAnnouncedWhileACallerSleptIsOverWhenItWakesThenItSendsOnItsSlot() {
		List<Duration> waits = new ArrayList<>();
		AdaptiveRateLimiter[] limiter = new AdaptiveRateLimiter[1];
		limiter[0] = new AdaptiveRateLimiter(10, 1, Duration.ofSeconds(1), this.clock, (duration) -> {
			waits.add(duration);
			if (waits.size() == 1) {
				limiter[0].onThrottled(millis(30)); // heard while this caller sleeps; over before it wakes
			}
			this.clock.advance(duration);
		});
		limiter[0].acquire();

		assertThat(limiter[0].acquire()).isEqualTo(millis(100));
		assertThat(waits).containsExactly(millis(100));
	}

	@Test
	void whenA429NamesNoRetryAfterThenThePauseIsOneSecond() {
		this.limiter.onThrottled(null);

		assertThat(acquire(1)).containsExactly(Duration.ofSeconds(1));
	}

	@Test
	void when429sArriveDuringThePauseThenTheyExtendItButDoNotHalveTheRateAgain() {
		this.limiter.onThrottled(Duration.ofSeconds(1));
		this.clock.advance(millis(10));
		this.limiter.onThrottled(Duration.ofSeconds(2));
		this.limiter.onThrottled(null);

		assertThat(this.limiter.slowdown()).isEqualTo(2);
		assertThat(acquire(2)).containsExactly(millis(2000), millis(200));
	}

	@Test
	void when429sKeepComingAfterEachPauseThenTheRateFallsToAnEighthAtMost() {
		for (int i = 0; i < 5; i++) {
			this.limiter.onThrottled(null);
			this.clock.advance(Duration.ofSeconds(1));
		}

		assertThat(this.limiter.slowdown()).isEqualTo(8);
		acquire(1);
		assertThat(acquire(1)).containsExactly(millis(800));
	}

	@Test
	void whenNo429ForAWhileThenTheRateRecoversOneDoublingPerRecoveryPeriod() {
		this.limiter.onThrottled(Duration.ZERO);
		this.clock.advance(Duration.ofSeconds(1));
		this.limiter.onThrottled(Duration.ZERO);
		assertThat(this.limiter.slowdown()).isEqualTo(4);

		this.clock.advance(AdaptiveRateLimiter.RECOVERY);
		assertThat(this.limiter.slowdown()).isEqualTo(2);

		this.clock.advance(AdaptiveRateLimiter.RECOVERY);
		assertThat(this.limiter.slowdown()).isEqualTo(1);
		acquire(3);
		assertThat(acquire(1)).containsExactly(millis(100));
	}

	@Test
	void whenThePauseIsLongerThanMaxWaitThenCallersWaitItOut() {
		this.limiter.onThrottled(Duration.ofSeconds(90));

		assertThat(acquire(2)).containsExactly(Duration.ofSeconds(90), millis(200));
	}

	@Test
	void whenCallersQueueBeyondThePauseAndMaxWaitThenTheyFailSayingTheServerAskedForIt() {
		List<Duration> waits = new ArrayList<>();
		AdaptiveRateLimiter concurrent = new AdaptiveRateLimiter(10, 3, Duration.ofSeconds(1), this.clock,
				(duration) -> waits.add(duration));
		concurrent.onThrottled(Duration.ofSeconds(2));
		for (int i = 0; i < 6; i++) {
			concurrent.acquire();
		}

		// slots every 200 ms from the end of the pause; 3.2 s is more than the 2 s pause plus 1 s of max-wait
		assertThat(waits).containsExactly(millis(2000), millis(2200), millis(2400), millis(2600), millis(2800),
				millis(3000));
		assertThatExceptionOfType(RateLimiterTimeoutException.class).isThrownBy(concurrent::acquire)
			.withMessageContaining("429")
			.satisfies((ex) -> assertThat(ex.wouldWait()).isEqualTo(millis(3200)));
	}

	@Test
	void whenTheCallerIsInterruptedWhileWaitingThenItFailsWithTheFlagSet() {
		AdaptiveRateLimiter interrupted = new AdaptiveRateLimiter(10, 1, Duration.ofSeconds(1), this.clock,
				(duration) -> {
					throw new InterruptedException();
				});
		interrupted.acquire();

		try {
			assertThatExceptionOfType(ServiceTitanInterruptedException.class)
				.isThrownBy(interrupted::acquire);
			assertThat(Thread.currentThread().isInterrupted()).isTrue();
		}
		finally {
			Thread.interrupted();
		}
	}

	private List<Duration> acquire(int count) {
		List<Duration> waits = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			waits.add(this.limiter.acquire());
		}
		return waits;
	}

	private static Duration millis(long millis) {
		return Duration.ofMillis(millis);
	}

}
