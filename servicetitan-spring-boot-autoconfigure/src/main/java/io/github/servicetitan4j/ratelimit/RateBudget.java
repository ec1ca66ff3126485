package io.github.servicetitan4j.ratelimit;

import java.time.Duration;

import org.springframework.util.Assert;

/**
 * The request budget of one tenant as configured: a rate, a burst and how long a caller may wait for its turn. One home
 * for the arithmetic that every limiter (local or shared through a store) applies to it.
 *
 * @param requestsPerSecond most requests the server may see in any one-second window, more than 0
 * @param burst requests allowed back to back after a quiet spell, at least 1
 * @param maxWait longest a caller waits for its turn
 */
public record RateBudget(double requestsPerSecond, int burst, Duration maxWait) {

	private static final double NANOS_PER_SECOND = 1_000_000_000d;

	/**
	 * Checks the budget when it is made, so that a limiter never starts from an impossible one.
	 * @param requestsPerSecond most requests the server may see in any one-second window, more than 0
	 * @param burst requests allowed back to back after a quiet spell, at least 1
	 * @param maxWait longest a caller waits for its turn
	 * @throws IllegalArgumentException if {@code requestsPerSecond} is not more than 0, {@code burst} is below 1,
	 *         or {@code maxWait} is null or negative
	 */
	public RateBudget {
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
	 * slightly less than the full rate (56 instead of 60 per second with a burst of 5). A burst larger than the rate
	 * cannot keep the one-second promise; the refill rate is then {@code requestsPerSecond / burst}.
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
