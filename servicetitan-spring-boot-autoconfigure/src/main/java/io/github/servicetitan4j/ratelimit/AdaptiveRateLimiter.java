package io.github.servicetitan4j.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;

import io.github.servicetitan4j.errors.ServiceTitanException.ServiceTitanInterruptedException;
import io.github.servicetitan4j.ratelimit.RateLimiter.RateLimiterTimeoutException;
import io.github.servicetitan4j.retry.Sleeper;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A token bucket (in its "virtual scheduling" form: each permit reserves the next free slot) that sustains
 * {@code requestsPerSecond}, lets up to {@code burst} requests through back to back after a quiet spell, and makes a
 * caller wait at most {@code maxWait} for its turn: a caller that would have to wait longer fails at once with a
 * {@link RateLimiterTimeoutException} and takes no slot. In any one-second window at most
 * {@code requestsPerSecond + burst - 1} permits are handed out.
 * <p>
 * When the server answers 429 anyway, every caller of the tenant pauses until the server's Retry-After (or one
 * second) has passed, and the sustained rate is halved, down to an eighth. The pause is waited out on top of
 * {@code maxWait}: it is the server's demand, and whoever reports it ({@link #onThrottled}) bounds it. 429s that arrive during that pause were
 * answers to requests sent before it, so they extend the pause but do not halve the rate again. Each
 * {@link #RECOVERY} without a 429 restores one doubling. A caller that booked its slot before the 429 and sleeps
 * towards it checks again when it wakes: if a pause announced meanwhile is still running, it books a new slot after
 * the pause instead of sending into it. Intervals are measured on an injected monotonic nanosecond
 * source ({@code System::nanoTime} in the client), never the wall clock, and waiting is done by the injected
 * {@link Sleeper}, so tests run without sleeping.
 */
final class AdaptiveRateLimiter implements RateLimiter {

	/** How long without a 429 before the rate doubles back towards the configured one. */
	public static final Duration RECOVERY = Duration.ofSeconds(5);

	/** Pause after a 429 that names no Retry-After. */
	static final Duration DEFAULT_PAUSE = Duration.ofSeconds(1);

	private static final int MAX_SLOWDOWN = 8;

	private final long intervalNanos;

	private final int burst;

	private final Duration maxWait;

	private final LongSupplier nanoTime;

	private final Sleeper sleeper;

	private long nextFreeNanos = Long.MIN_VALUE;

	private int slowdown = 1;

	private long lastThrottledNanos;

	private long pausedUntilNanos = Long.MIN_VALUE;

	/** Counts the 429s heard, so that a caller that slept knows whether one arrived meanwhile. */
	private long throttles;

	/**
	 * Creates a limiter.
	 * @param requestsPerSecond sustained rate, more than 0
	 * @param burst requests allowed back to back after a quiet spell, at least 1
	 * @param maxWait longest a caller waits for a permit
	 * @param clock the time source
	 * @param sleeper how callers wait
	 */
	public AdaptiveRateLimiter(double requestsPerSecond, int burst, Duration maxWait, Clock clock, Sleeper sleeper) {
		this(requestsPerSecond, burst, maxWait, () -> {
			Instant instant = clock.instant();
			return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
		}, sleeper);
	}

	/**
	 * Creates a limiter that measures intervals on a monotonic time source, so that a step of the wall clock (NTP, a
	 * suspended VM) neither stalls callers nor lets a burst through.
	 * @param requestsPerSecond sustained rate, more than 0
	 * @param burst requests allowed back to back after a quiet spell, at least 1
	 * @param maxWait longest a caller waits for a permit
	 * @param nanoTime monotonic nanoseconds, such as {@code System::nanoTime}
	 * @param sleeper how callers wait
	 */
	public AdaptiveRateLimiter(double requestsPerSecond, int burst, Duration maxWait, LongSupplier nanoTime,
			Sleeper sleeper) {
		Assert.isTrue(requestsPerSecond > 0, "requestsPerSecond must be more than 0");
		Assert.isTrue(burst >= 1, "burst must be at least 1");
		Assert.isTrue(!maxWait.isNegative(), "maxWait must not be negative");
		this.intervalNanos = Math.max(1, (long) (1_000_000_000L / requestsPerSecond));
		this.burst = burst;
		this.maxWait = maxWait;
		this.nanoTime = nanoTime;
		this.sleeper = sleeper;
	}

	@Override
	public Duration acquire() {
		Slot slot = reserve();
		Duration waited = Duration.ZERO;
		while (!slot.delay().isZero()) {
			// Sleep outside the lock: the slot is reserved, other callers reserve the ones after it meanwhile.
			try {
				this.sleeper.sleep(slot.delay());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new ServiceTitanInterruptedException("waiting for the client-side rate limiter", ex);
			}
			waited = waited.plus(slot.delay());
			slot = recheck(slot);
		}
		return waited;
	}

	private synchronized Slot reserve() {
		long now = nanos();
		recover(now);
		long interval = this.intervalNanos * this.slowdown;
		// Slots left unused in a quiet spell are kept, up to a burst of them.
		long earliest = now - (this.burst - 1) * interval;
		if (this.nextFreeNanos < earliest) {
			this.nextFreeNanos = earliest;
		}
		long waitNanos = Math.max(0, this.nextFreeNanos - now);
		// A pause the server asked for is waited out by everyone (its length is bounded by whoever reported it);
		// max-wait bounds the queueing on top of it.
		long pauseLeft = (this.pausedUntilNanos > now) ? this.pausedUntilNanos - now : 0;
		if (waitNanos > pauseLeft + this.maxWait.toNanos()) {
			throw new RateLimiterTimeoutException(Duration.ofNanos(waitNanos), this.maxWait, pauseLeft > 0);
		}
		long slotAt = Math.max(now, this.nextFreeNanos);
		this.nextFreeNanos += interval;
		return new Slot(Duration.ofNanos(waitNanos), slotAt, this.throttles);
	}

	/**
	 * After sleeping towards a slot: a 429 heard meanwhile whose pause ends after the slot means the slot lies inside
	 * the pause, so the caller books a new one after it (the pause moved the next free slot there); otherwise it goes.
	 */
	private synchronized Slot recheck(Slot slept) {
		if (this.throttles == slept.throttles() || this.pausedUntilNanos <= slept.atNanos()) {
			return new Slot(Duration.ZERO, slept.atNanos(), this.throttles);
		}
		return reserve();
	}

	@Override
	public synchronized void onThrottled(@Nullable Duration retryAfter) {
		long now = nanos();
		if (now >= this.pausedUntilNanos) {
			this.slowdown = Math.min(MAX_SLOWDOWN, this.slowdown * 2);
		}
		this.lastThrottledNanos = now;
		this.throttles++;
		long pause = ((retryAfter != null) ? retryAfter : DEFAULT_PAUSE).toNanos();
		this.pausedUntilNanos = Math.max(this.pausedUntilNanos, now + pause);
		// Nobody goes before the pause is over, and the bucket starts empty after it: no burst into a throttled server.
		this.nextFreeNanos = Math.max(this.nextFreeNanos, this.pausedUntilNanos);
	}

	private void recover(long now) {
		while (this.slowdown > 1 && now - this.lastThrottledNanos >= RECOVERY.toNanos()) {
			this.slowdown /= 2;
			this.lastThrottledNanos += RECOVERY.toNanos();
		}
	}

	/**
	 * Current slowdown factor: 1 at the configured rate, 2 at half of it, up to 8.
	 * @return the factor
	 */
	public synchronized int slowdown() {
		recover(nanos());
		return this.slowdown;
	}

	private long nanos() {
		return this.nanoTime.getAsLong();
	}

	/** A booked slot: how long until it comes, when, and how many 429s had been heard when it was booked. */
	private record Slot(Duration delay, long atNanos, long throttles) {
	}

}
