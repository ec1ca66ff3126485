package io.github.servicetitan4j.retry;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Waits. Injected wherever the client waits (backoff, Retry-After, the rate limiter) so that tests can record the
 * delays instead of sleeping.
 */
@FunctionalInterface
public interface Sleeper {

	/** Sleeps on the calling thread with {@link TimeUnit#sleep(long)}. */
	Sleeper SYSTEM = (duration) -> {
		if (!duration.isNegative() && !duration.isZero()) {
			TimeUnit.NANOSECONDS.sleep(duration.toNanos());
		}
	};

	/**
	 * Waits for the given duration.
	 * @param duration how long to wait
	 * @throws InterruptedException if the thread is interrupted while waiting
	 */
	void sleep(Duration duration) throws InterruptedException;

}
