package io.github.servicetitan4j.internal;

import java.time.Duration;
import java.util.function.DoubleSupplier;

import io.github.servicetitan4j.retry.RetrySettings;

/**
 * Exponential backoff with jitter: before retry n (1-based) the ceiling is
 * {@code min(maxBackoff, initialBackoff * 2^(n-1))} and the delay is drawn from {@code [floor, floor + ceiling / 2)},
 * the floor being half the ceiling and never below {@code initialBackoff}, the whole capped by {@code maxBackoff}. The
 * first retry is jittered too ({@code [initialBackoff, 1.5 * initialBackoff)}), and so is a wait the server asked for
 * ({@link #delayAfterHint}): instances that failed together do not retry in lockstep. The jitter source is injected so
 * tests can pin the delays.
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
		long delay = floor + (long) ((ceiling / 2) * jitter());
		return Duration.ofNanos(Math.min(delay, maxNanos));
	}

	/**
	 * Delay before a retry the server timed (Retry-After, "Try again in N seconds"): the hint plus a jitter of up to a
	 * tenth of it (at least up to {@code initialBackoff}), so that every client told the same moment does not come back
	 * at that same moment.
	 * @param hint how long the server asked to wait (already capped by the caller)
	 * @return the delay, never shorter than the hint
	 */
	Duration delayAfterHint(Duration hint) {
		long spread = Math.max(this.initial.toNanos(), hint.toNanos() / 10);
		return hint.plusNanos((long) (spread * jitter()));
	}

	private double jitter() {
		// A supplier outside [0, 1) must not turn a wait negative or unbounded.
		double value = this.jitter.getAsDouble();
		return (value >= 0 && value < 1) ? value : 0;
	}

}
