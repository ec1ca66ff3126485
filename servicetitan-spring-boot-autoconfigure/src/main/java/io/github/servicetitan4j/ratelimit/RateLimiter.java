package io.github.servicetitan4j.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.util.function.LongSupplier;

import io.github.servicetitan4j.errors.ServiceTitanException;
import io.github.servicetitan4j.retry.Sleeper;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

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
	 * How long an {@linkplain #adaptive(Budget) adaptive limiter} goes without a 429 before it doubles its
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
	 * {@link Budget#sustainedRate() sustained rate} and burst that halves its rate on each 429 (down to an eighth)
	 * and recovers step by step, measured on {@code System::nanoTime}. Share one instance between the clients of one
	 * tenant; across processes, use a {@link RateLimiterFactory} over a store.
	 * @param budget the tenant's budget
	 * @return the limiter
	 */
	static RateLimiter adaptive(Budget budget) {
		return adaptive(budget, System::nanoTime, Sleeper.SYSTEM);
	}

	/**
	 * The {@linkplain #adaptive(Budget) adaptive limiter} on a monotonic time source of your own, so that a step
	 * of the wall clock (NTP, a suspended VM) neither stalls callers nor lets a burst through.
	 * @param budget the tenant's budget
	 * @param nanoTime monotonic nanoseconds, such as {@code System::nanoTime}
	 * @param sleeper how callers wait
	 * @return the limiter
	 */
	static RateLimiter adaptive(Budget budget, LongSupplier nanoTime, Sleeper sleeper) {
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

	/**
	 * The request budget of one tenant as configured: a rate, a burst and how long a caller may wait for its turn. One
	 * home for the arithmetic that every limiter (local or shared through a store) applies to it.
	 *
	 * @param requestsPerSecond most requests the server may see in any one-second window, more than 0
	 * @param burst requests allowed back to back after a quiet spell, at least 1
	 * @param maxWait longest a caller waits for its turn
	 */
	record Budget(double requestsPerSecond, int burst, Duration maxWait) {

		private static final double NANOS_PER_SECOND = 1_000_000_000d;

		/**
		 * Checks the budget when it is made, so that a limiter never starts from an impossible one.
		 * @param requestsPerSecond most requests the server may see in any one-second window, more than 0
		 * @param burst requests allowed back to back after a quiet spell, at least 1
		 * @param maxWait longest a caller waits for its turn
		 * @throws IllegalArgumentException if {@code requestsPerSecond} is not more than 0, {@code burst} is below 1,
		 *         or {@code maxWait} is null or negative
		 */
		public Budget {
			Assert.isTrue(requestsPerSecond > 0, "requestsPerSecond must be more than 0");
			Assert.isTrue(burst >= 1, "burst must be at least 1");
			Assert.notNull(maxWait, "maxWait must not be null");
			Assert.isTrue(!maxWait.isNegative(), "maxWait must not be negative");
		}

		/**
		 * The rate at which a token bucket of {@link #burst} must refill so that no one-second window sees more than
		 * {@link #requestsPerSecond}: a full bucket lets {@code burst} requests through at once and refills
		 * {@code rate - 1} more within the same second, so the refill rate is {@code requestsPerSecond - (burst - 1)}.
		 * That is the trade-off: a short walk of up to {@code burst} requests is never slowed, and a long one runs at
		 * slightly less than the full rate (56 instead of 60 per second with a burst of 5). A burst larger than the
		 * rate cannot keep the one-second promise; the refill rate is then {@code requestsPerSecond / burst}.
		 * @return requests per second the bucket refills
		 */
		public double sustainedRate() {
			double windowed = this.requestsPerSecond - (this.burst - 1);
			double rate = (windowed > 0 && this.burst <= this.requestsPerSecond) ? windowed
					: this.requestsPerSecond / this.burst;
			// The rate of the next whole-nanosecond interval at or above the exact one (the half keeps a limiter that
			// truncates 1e9 / rate on that interval): rounding down would let one more request into a second.
			return NANOS_PER_SECOND / (Math.ceil(NANOS_PER_SECOND / rate) + 0.5);
		}

	}

	/**
	 * A request would have waited longer than {@code servicetitan.rate-limit.max-wait} for the client-side rate
	 * limiter, so it was not sent. Thrown at once rather than after waiting: the caller learns early that the tenant's
	 * request budget is spoken for.
	 */
	class RateLimiterTimeoutException extends ServiceTitanException {

		private static final long serialVersionUID = 1L;

		/** How long the request would have had to wait. */
		private final Duration wouldWait;

		/** Longest it was allowed to wait. */
		private final Duration maxWait;

		/**
		 * Creates an exception for the tenant's rate limiter.
		 * @param wouldWait how long the request would have had to wait
		 * @param maxWait longest it was allowed to wait
		 */
		public RateLimiterTimeoutException(Duration wouldWait, Duration maxWait) {
			this(wouldWait, maxWait, false);
		}

		/**
		 * Creates an exception.
		 * @param wouldWait how long the request would have had to wait
		 * @param maxWait the longest it was allowed to wait
		 * @param serverPause whether the wait comes from a pause ServiceTitan asked for with a 429
		 */
		public RateLimiterTimeoutException(Duration wouldWait, Duration maxWait, boolean serverPause) {
			super("Request not sent: the client-side rate limiter would have made it wait " + wouldWait.toMillis()
					+ " ms, longer than the allowed " + maxWait.toMillis() + " ms (servicetitan.rate-limit.max-wait)"
					+ (serverPause ? "; ServiceTitan answered 429 and asked this tenant to wait"
							: "; other requests of this tenant hold the permits until then"));
			this.wouldWait = wouldWait;
			this.maxWait = maxWait;
		}

		/**
		 * Creates an exception for a limiter other than the tenant's, whose message names its own setting.
		 * @param message what was not sent and why
		 * @param wouldWait how long the request would have had to wait
		 * @param maxWait the longest it was allowed to wait
		 */
		protected RateLimiterTimeoutException(String message, Duration wouldWait, Duration maxWait) {
			super(message);
			this.wouldWait = wouldWait;
			this.maxWait = maxWait;
		}

		/**
		 * How long the request would have had to wait for a permit.
		 * @return wait the limiter asked for
		 */
		public Duration wouldWait() {
			return this.wouldWait;
		}

		/**
		 * The longest a request may wait for a permit.
		 * @return allowed wait, such as {@code servicetitan.rate-limit.max-wait}
		 */
		public Duration maxWait() {
			return this.maxWait;
		}

	}

}
