package io.github.servicetitan4j.retry;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.github.servicetitan4j.MutableClock;
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
		assertThat(new RateBudget(60, 5, Duration.ofSeconds(30)).sustainedRate()).isCloseTo(56.0, within(0.001));
		assertThat(new RateBudget(10, 1, Duration.ZERO).sustainedRate()).isCloseTo(10.0, within(0.001));
	}

	@Test
	void whenTheBurstExceedsTheRateThenTheRateIsSharedOutOverTheBurst() {
		assertThat(new RateBudget(2, 4, Duration.ZERO).sustainedRate()).isCloseTo(0.5, within(0.001));
	}

	@Test
	void whenAWalkOfTheBurstStartsIdleThenNoneOfItsRequestsWaits() {
		RateLimiter limiter = limiter(new RateBudget(60, 5, Duration.ofSeconds(30)));

		for (int i = 0; i < 5; i++) {
			assertThat(limiter.acquire()).isZero();
		}
	}

	@Test
	void whenRequestsRunFlatOutForTenSecondsThenNoOneSecondWindowSeesMoreThanTheRate() {
		RateBudget budget = new RateBudget(60, 5, Duration.ofSeconds(30));
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

	@Test
	void whenTheBudgetIsInvalidThenItSaysWhich() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RateBudget(0, 5, Duration.ZERO))
			.withMessageContaining("requestsPerSecond");
		assertThatIllegalArgumentException().isThrownBy(() -> new RateBudget(60, 0, Duration.ZERO))
			.withMessageContaining("burst");
	}

	private RateLimiter limiter(RateBudget budget) {
		return new AdaptiveRateLimiter(budget.sustainedRate(), budget.burst(), budget.maxWait(), this.clock,
				this.sleeper);
	}

}
