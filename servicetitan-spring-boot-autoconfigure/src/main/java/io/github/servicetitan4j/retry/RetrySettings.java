package io.github.servicetitan4j.retry;

import java.time.Duration;

import org.springframework.util.Assert;

/**
 * How the client retries a failed call.
 *
 * @param enabled whether failed calls are retried at all
 * @param maxAttempts attempts per call, the first included (at least 1)
 * @param initialBackoff delay before the first retry when the server gives no Retry-After
 * @param maxBackoff upper bound of the exponential backoff
 * @param maxRetryAfter longest Retry-After the client honours; a longer one fails the call at once
 */
public record RetrySettings(boolean enabled, int maxAttempts, Duration initialBackoff, Duration maxBackoff,
		Duration maxRetryAfter) {

	/** The defaults: 4 attempts, backoff from 500 ms to 30 s, Retry-After honoured up to 2 minutes. */
	public static final RetrySettings DEFAULTS = new RetrySettings(true, 4, Duration.ofMillis(500), Duration.ofSeconds(30),
			Duration.ofMinutes(2));

	/** No retries: every call is tried once. */
	public static final RetrySettings NONE = new RetrySettings(false, 1, Duration.ofMillis(500), Duration.ofSeconds(30),
			Duration.ofMinutes(2));

	/**
	 * Checks the settings when they are made, not when a call first fails.
	 * @param enabled whether failed calls are retried at all
	 * @param maxAttempts attempts per call, the first included (at least 1)
	 * @param initialBackoff delay before the first retry when the server gives no Retry-After
	 * @param maxBackoff upper bound of the exponential backoff
	 * @param maxRetryAfter longest Retry-After the client honours; a longer one fails the call at once
	 * @throws IllegalArgumentException if {@code maxAttempts} is below 1, a duration is negative, or {@code maxBackoff}
	 *         is less than {@code initialBackoff}
	 */
	public RetrySettings {
		Assert.isTrue(maxAttempts >= 1, "maxAttempts must be at least 1");
		Assert.isTrue(!initialBackoff.isNegative(), "initialBackoff must not be negative");
		Assert.isTrue(maxBackoff.compareTo(initialBackoff) >= 0, "maxBackoff must not be less than initialBackoff");
		Assert.isTrue(!maxRetryAfter.isNegative(), "maxRetryAfter must not be negative");
	}

	/**
	 * Attempts a call may make under these settings: 1 when retries are disabled.
	 * @return attempts, at least 1
	 */
	public int effectiveMaxAttempts() {
		return this.enabled ? this.maxAttempts : 1;
	}

}
