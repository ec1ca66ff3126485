package io.github.servicetitan4j.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.util.function.LongSupplier;

import io.github.servicetitan4j.retry.Sleeper;
import org.jspecify.annotations.Nullable;

/**
 * Client-side limit on the request rate of one tenant, shared by all of its endpoints.
 */
public interface RateLimiter {

	/** Lets every request through at once. */
	RateLimiter UNLIMITED = new RateLimiter() {

		@Override
		public Duration acquire() {
			return Duration.ZERO;
		}

		@Override
		public void onThrottled(@Nullable Duration retryAfter) {
		}

	};

	/**
	 * How long an {@linkplain #adaptive(RateBudget) adaptive limiter} goes without a 429 before it doubles its
	 * slowed-down rate again, step by step back to the configured one.
	 */
	Duration ADAPTIVE_RECOVERY = AdaptiveRateLimiter.RECOVERY;

	/**
	 * Waits until a request may be sent.
	 * @return how long the caller waited
	 * @throws RateLimiterTimeoutException if no permit could be had within the limiter's maximum wait
	 */
	Duration acquire();

	/**
	 * Tells the limiter that the server answered 429, so that it slows down for every caller of this tenant.
	 * @param retryAfter how long the server asked to wait, if it said and the client honours it (callers wait this
	 * long whatever their maximum wait)
	 */
	void onThrottled(@Nullable Duration retryAfter);

	/**
	 * The limiter a client builds by default, for one process: a token bucket over the budget's
	 * {@link RateBudget#sustainedRate() sustained rate} and burst that halves its rate on each 429 (down to an eighth)
	 * and recovers step by step, measured on {@code System::nanoTime}. Share one instance between the clients of one
	 * tenant; across processes, use a {@link RateLimiterFactory} over a store.
	 * @param budget the tenant's budget
	 * @return the limiter
	 */
	static RateLimiter adaptive(RateBudget budget) {
		return adaptive(budget, System::nanoTime, Sleeper.SYSTEM);
	}

	/**
	 * The {@linkplain #adaptive(RateBudget) adaptive limiter} on a monotonic time source of your own, so that a step
	 * of the wall clock (NTP, a suspended VM) neither stalls callers nor lets a burst through.
	 * @param budget the tenant's budget
	 * @param nanoTime monotonic nanoseconds, such as {@code System::nanoTime}
	 * @param sleeper how callers wait
	 * @return the limiter
	 */
	static RateLimiter adaptive(RateBudget budget, LongSupplier nanoTime, Sleeper sleeper) {
		return new AdaptiveRateLimiter(budget.sustainedRate(), budget.burst(), budget.maxWait(), nanoTime, sleeper);
	}

	/**
	 * The adaptive limiter at a plain rate, without the budget's one-second-window arithmetic: {@code burst} permits
	 * at once, then one every {@code 1 / requestsPerSecond} seconds (a report's limiter, one request a minute).
	 * @param requestsPerSecond sustained rate, more than 0
	 * @param burst requests allowed back to back after a quiet spell, at least 1
	 * @param maxWait longest a caller waits for a permit
	 * @param clock the time source
	 * @param sleeper how callers wait
	 * @return the limiter
	 */
	static RateLimiter adaptive(double requestsPerSecond, int burst, Duration maxWait, Clock clock, Sleeper sleeper) {
		return new AdaptiveRateLimiter(requestsPerSecond, burst, maxWait, clock, sleeper);
	}

}
