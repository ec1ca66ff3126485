package io.github.servicetitan4j.internal;

import java.time.Duration;
import java.util.function.DoubleSupplier;

import io.github.servicetitan4j.retry.RetrySettings;

/**
 * Exponential backoff with jitter: before retry n (1-based) the ceiling is
 * {@code min(maxBackoff, initialBackoff * 2^(n-1))} and the delay is drawn between half the ceiling and the ceiling,
 * never below {@code initialBackoff}. The jitter source is injected so tests can pin the delays. Used by
 * {@link RetryPolicy} only.
 */
final class Backoff {

	private final Duration initial;

	private final Duration max;

	private final DoubleSupplier jitter;

	/**
	 * Creates a backoff.
	 * @param settings the retry settings whose bounds to use
	 * @param jitter returns a number in [0, 1)
	 */
	Backoff(RetrySettings settings, DoubleSupplier jitter) {
		this.initial = settings.initialBackoff();
		this.max = settings.maxBackoff();
		this.jitter = jitter;
	}

	/**
	 * Delay before the given retry.
	 * @param retry the retry number, 1 for the first retry
	 * @return the delay
	 */
	Duration delayBeforeRetry(int retry) {
		long initialNanos = this.initial.toNanos();
		long maxNanos = this.max.toNanos();
		int shift = Math.min(Math.max(retry - 1, 0), 30);
		long ceiling = (initialNanos > (maxNanos >> shift)) ? maxNanos : Math.min(maxNanos, initialNanos << shift);
		long floor = Math.max(initialNanos, ceiling / 2);
		long delay = floor + (long) ((ceiling - floor) * this.jitter.getAsDouble());
		return Duration.ofNanos(Math.min(delay, maxNanos));
	}

}
