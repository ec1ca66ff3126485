package io.github.servicetitan4j.ratelimit;

import java.time.Duration;

import org.springframework.util.Assert;

/**
 * How the limiters of a {@link RateLimiterFactory} over a store use it.
 *
 * @param onStoreFailure what a request does while the store does not answer
 * @param timeout longest the round trips of one permit may take on an established connection
 * @param startupTimeout longest the first connection and round trip may take (a cold JVM, a new connection, the
 * store's scripts): they are not timed by {@code timeout}
 * @param failOpenShare share of the budget (more than 0, at most 1) each instance limits itself to while it cannot
 * reach the store and {@code onStoreFailure} is {@link StoreFailurePolicy#FAIL_OPEN}
 */
public record StoreSettings(StoreFailurePolicy onStoreFailure, Duration timeout, Duration startupTimeout,
		double failOpenShare) {

	/** Default of {@link #startupTimeout}. */
	public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(10);

	/**
	 * Default of {@link #failOpenShare}: a quarter of the budget, so that up to four instances cut off from the store
	 * together stay within it, and more than four exceed it by at most what the server's 429s then slow down.
	 */
	public static final double DEFAULT_FAIL_OPEN_SHARE = 0.25;

	/**
	 * Checks the settings when they are made.
	 * @param onStoreFailure what a request does while the store does not answer
	 * @param timeout longest the round trips of one permit may take, positive
	 * @param startupTimeout longest the first connection and round trip may take, positive
	 * @param failOpenShare share of the budget each instance keeps to while fail-open, more than 0 and at most 1
	 * @throws IllegalArgumentException if a value is missing or out of range
	 */
	public StoreSettings {
		Assert.notNull(onStoreFailure, "onStoreFailure must not be null");
		Assert.isTrue(timeout != null && !timeout.isNegative() && !timeout.isZero(), "timeout must be positive");
		Assert.isTrue(startupTimeout != null && !startupTimeout.isNegative() && !startupTimeout.isZero(),
				"startupTimeout must be positive");
		Assert.isTrue(failOpenShare > 0 && failOpenShare <= 1, "failOpenShare must be more than 0 and at most 1");
	}

	/**
	 * Settings with the default startup timeout and fail-open share.
	 * @param onStoreFailure what a request does while the store does not answer
	 * @param timeout longest the round trips of one permit may take
	 * @return the settings
	 */
	public static StoreSettings of(StoreFailurePolicy onStoreFailure, Duration timeout) {
		return new StoreSettings(onStoreFailure, timeout, DEFAULT_STARTUP_TIMEOUT, DEFAULT_FAIL_OPEN_SHARE);
	}

	/**
	 * The budget an instance keeps to while it cannot reach the store: the share of the rate, and of the burst (at
	 * least one request).
	 * @param budget the shared budget
	 * @return the local budget
	 */
	RateBudget fallback(RateBudget budget) {
		return new RateBudget(budget.requestsPerSecond() * this.failOpenShare,
				Math.max(1, (int) Math.floor(budget.burst() * this.failOpenShare)), budget.maxWait());
	}

}
