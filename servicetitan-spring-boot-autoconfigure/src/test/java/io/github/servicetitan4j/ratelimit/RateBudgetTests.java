package io.github.servicetitan4j.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import io.github.servicetitan4j.MutableClock;
import io.github.servicetitan4j.retry.Sleeper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/**
 * The budget's promise, checked on a clock moved by hand: a burst is never slowed and no one-second window sees more
 * than the configured rate.
 */
class RateBudgetTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

	private final Sleeper sleeper = this.clock::advance;

	@Test
	void whenTheDefaultBudgetIsUsedThenTheBucketRefillsAtFiftySixPerSecond() {
		assertThat(new RateLimiter.Budget(60, 5, Duration.ofSeconds(30)).sustainedRate()).isCloseTo(56.0,
				within(0.001));
		assertThat(new RateLimiter.Budget(10, 1, Duration.ZERO).sustainedRate()).isCloseTo(10.0, within(0.001));
	}

	@Test
	void whenTheBurstExceedsTheRateThenTheRateIsSharedOutOverTheBurst() {
		assertThat(new RateLimiter.Budget(2, 4, Duration.ZERO).sustainedRate()).isCloseTo(0.5, within(0.001));
	}

	@Test
	void whenAWalkOfTheBurstStartsIdleThenNoneOfItsRequestsWaits() {
		RateLimiter limiter = limiter(new RateLimiter.Budget(60, 5, Duration.ofSeconds(30)));

		for (int i = 0; i < 5; i++) {
			assertThat(limiter.acquire()).isZero();
		}
	}

	@Test
	void whenRequestsRunFlatOutForTenSecondsThenNoOneSecondWindowSeesMoreThanTheRate() {
		RateLimiter.Budget budget = new RateLimiter.Budget(60, 5, Duration.ofSeconds(30));
		RateLimiter limiter = limiter(budget);
		List<Instant> sent = new ArrayList<>();
		while (sent.isEmpty() || Duration.between(sent.get(0), this.clock.instant()).getSeconds() < 10) {
			limiter.acquire();
			sent.add(this.clock.instant());
		}

		int most = 0;
		for (int i = 0; i < sent.size(); i++) {
			Instant end = sent.get(i).plusSeconds(1);
			int inWindow = (int) sent.stream().skip(i).takeWhile((at) -> at.isBefore(end)).count();
			most = Math.max(most, inWindow);
		}
		assertThat(most).isEqualTo(60);
		// and the budget is used: at least 56 per second over ten seconds
		assertThat(sent.size()).isGreaterThanOrEqualTo(559);
	}

	/**
	 * The README's promise, exactly: callers that each send as soon as their permit comes, some pausing now and then
	 * (so the bucket refills to a burst mid-run), never get more than {@code requests-per-second} permits into any
	 * one-second window, whatever the budget whose burst fits in the rate. Deterministic: one thread plays every
	 * caller in the order of the fake clock, and a caller's permit is at the time it asked plus the wait it was given.
	 */
	@Test
	void whenManyCallersShareTheLimiterThenNoOneSecondWindowHoldsMoreThanTheRate() {
		int[][] budgets = { { 60, 5 }, { 20, 5 }, { 10, 1 }, { 7, 7 }, { 100, 10 }, { 3, 2 } };
		for (int[] budget : budgets) {
			for (int callers : new int[] { 1, 8, 32 }) {
				List<Long> permits = simulate(new RateLimiter.Budget(budget[0], budget[1], Duration.ofMinutes(10)), callers,
						Duration.ofSeconds(30));
				assertThat(mostInAnySecond(permits)).as("%s/s burst %s, %s callers", budget[0], budget[1], callers)
					.isLessThanOrEqualTo(budget[0]);
				if (callers == 32) {
					// and the limiter was kept busy: the callers got nearly all the sustained rate over the 30 s
					RateLimiter.Budget used = new RateLimiter.Budget(budget[0], budget[1], Duration.ZERO);
					assertThat(permits).hasSizeGreaterThan((int) (used.sustainedRate() * 30 * 0.9));
				}
			}
		}
	}

	/** Permit times (nanoseconds) of {@code callers} callers using the limiter for {@code length}. */
	private static List<Long> simulate(RateLimiter.Budget budget, int callers, Duration length) {
		AtomicLong now = new AtomicLong();
		AtomicLong waited = new AtomicLong();
		// The sleeper does not move the clock: the callers are concurrent, each waits for its own slot.
		RateLimiter limiter = new AdaptiveRateLimiter(budget.sustainedRate(), budget.burst(), budget.maxWait(),
				now::get, (wait) -> waited.set(wait.toNanos()));
		Random random = new Random(callers * 31L + budget.burst());
		PriorityQueue<long[]> asking = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
		for (int i = 0; i < callers; i++) {
			asking.add(new long[] { random.nextInt(50) * 1_000_000L });
		}
		List<Long> permits = new ArrayList<>();
		while (!asking.isEmpty()) {
			long[] caller = asking.poll();
			now.set(caller[0]);
			waited.set(0);
			limiter.acquire();
			long permit = caller[0] + waited.get();
			permits.add(permit);
			// mostly straight on; now and then a quiet spell long enough for the bucket to fill up again
			int roll = random.nextInt(100);
			long pause = (roll < 70) ? 0 : (roll < 97) ? random.nextInt(200) * 1_000_000L : 2_000_000_000L;
			if (permit + pause < length.toNanos()) {
				asking.add(new long[] { permit + pause });
			}
		}
		permits.sort(null);
		return permits;
	}

	/** The most permits in any half-open window [t, t + 1 s) that starts at a permit (the busiest one does). */
	private static int mostInAnySecond(List<Long> sorted) {
		int most = 0;
		int end = 0;
		for (int start = 0; start < sorted.size(); start++) {
			while (end < sorted.size() && sorted.get(end) < sorted.get(start) + 1_000_000_000L) {
				end++;
			}
			most = Math.max(most, end - start);
		}
		return most;
	}

	@Test
	void whenTheBudgetIsInvalidThenItSaysWhich() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RateLimiter.Budget(0, 5, Duration.ZERO))
			.withMessageContaining("requestsPerSecond");
		assertThatIllegalArgumentException().isThrownBy(() -> new RateLimiter.Budget(60, 0, Duration.ZERO))
			.withMessageContaining("burst");
	}

	private RateLimiter limiter(RateLimiter.Budget budget) {
		return new AdaptiveRateLimiter(budget.sustainedRate(), budget.burst(), budget.maxWait(), this.clock,
				this.sleeper);
	}

}
