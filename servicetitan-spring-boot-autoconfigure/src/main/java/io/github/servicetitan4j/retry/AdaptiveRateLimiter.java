package io.github.servicetitan4j.retry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.github.servicetitan4j.ServiceTitanInterruptedException;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A token bucket (in its "virtual scheduling" form: each permit reserves the next free slot) that sustains
 * {@code requestsPerSecond}, lets up to {@code burst} requests through back to back after a quiet spell, and makes a
 * caller wait at most {@code maxWait}.
 * <p>
 * When the server answers 429 anyway, every caller of the tenant pauses until the server's Retry-After (or one
 * second) has passed, and the sustained rate is halved, down to an eighth; each quiet {@link #RECOVERY} restores one
 * doubling. Time comes from the injected {@link Clock} and waiting from the injected {@link Sleeper}, so tests run
 * without sleeping.
 */
public final class AdaptiveRateLimiter implements RateLimiter {

	/** How long without a 429 before the rate doubles back towards the configured one. */
	public static final Duration RECOVERY = Duration.ofSeconds(5);

	private static final int MAX_SLOWDOWN = 8;

	private final long intervalNanos;

	private final int burst;

	private final Duration maxWait;

	private final Clock clock;

	private final Sleeper sleeper;

	private long nextFreeNanos = Long.MIN_VALUE;

	private int slowdown = 1;

	private long lastThrottledNanos;

	/**
	 * Creates a limiter.
	 * @param requestsPerSecond sustained rate, more than 0
	 * @param burst requests allowed back to back after a quiet spell, at least 1
	 * @param maxWait longest a caller waits for a permit
	 * @param clock the time source
	 * @param sleeper how callers wait
	 */
	public AdaptiveRateLimiter(double requestsPerSecond, int burst, Duration maxWait, Clock clock, Sleeper sleeper) {
		Assert.isTrue(requestsPerSecond > 0, "requestsPerSecond must be more than 0");
		Assert.isTrue(burst >= 1, "burst must be at least 1");
		this.intervalNanos = Math.max(1, (long) (1_000_000_000L / requestsPerSecond));
		this.burst = burst;
		this.maxWait = maxWait;
		this.clock = clock;
		this.sleeper = sleeper;
	}

	@Override
	public Duration acquire() {
		Duration wait = reserve();
		if (!wait.isZero()) {
			try {
				this.sleeper.sleep(wait);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new ServiceTitanInterruptedException("waiting for the client-side rate limiter", ex);
			}
		}
		return wait;
	}

	private synchronized Duration reserve() {
		long now = nanos();
		recover(now);
		long interval = this.intervalNanos * this.slowdown;
		long earliest = now - (this.burst - 1) * interval;
		if (this.nextFreeNanos < earliest) {
			this.nextFreeNanos = earliest;
		}
		long waitNanos = Math.max(0, this.nextFreeNanos - now);
		if (waitNanos > this.maxWait.toNanos()) {
			throw new RateLimiterTimeoutException(Duration.ofNanos(waitNanos), this.maxWait);
		}
		this.nextFreeNanos += interval;
		return Duration.ofNanos(waitNanos);
	}

	@Override
	public synchronized void onThrottled(@Nullable Duration retryAfter) {
		long now = nanos();
		this.lastThrottledNanos = now;
		this.slowdown = Math.min(MAX_SLOWDOWN, this.slowdown * 2);
		long pause = (retryAfter != null) ? retryAfter.toNanos() : Duration.ofSeconds(1).toNanos();
		// Nobody goes before the pause is over; the bucket starts empty after it.
		this.nextFreeNanos = Math.max(this.nextFreeNanos, now + pause);
	}

	private void recover(long now) {
		while (this.slowdown > 1 && now - this.lastThrottledNanos >= RECOVERY.toNanos()) {
			this.slowdown /= 2;
			this.lastThrottledNanos += RECOVERY.toNanos();
		}
	}

	/** Current slowdown factor: 1 at the configured rate, 2 at half of it, up to 8. */
	public synchronized int slowdown() {
		return this.slowdown;
	}

	private long nanos() {
		Instant instant = this.clock.instant();
		return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
	}

}
