package io.github.servicetitan4j.test.internal;

import java.time.Clock;

/**
 * ServiceTitan's per-tenant limit of API calls per second, as a fixed one-second window of the simulator's clock:
 * tests drive it by moving the clock, never by waiting.
 */
public final class RateLimiter {

	private final int perSecond;

	private final Clock clock;

	private long window = Long.MIN_VALUE;

	private int used;

	/**
	 * @param perSecond calls allowed per second, 0 for no limit
	 * @param clock time source
	 */
	public RateLimiter(int perSecond, Clock clock) {
		this.perSecond = perSecond;
		this.clock = clock;
	}

	/**
	 * Takes one call from the current second's allowance.
	 * @return 0 when the call may go ahead, else the whole seconds to wait before trying again
	 */
	public synchronized long acquire() {
		if (this.perSecond == 0) {
			return 0;
		}
		long now = this.clock.millis();
		long second = Math.floorDiv(now, 1000);
		if (second != this.window) {
			this.window = second;
			this.used = 0;
		}
		if (this.used < this.perSecond) {
			this.used++;
			return 0;
		}
		long waitMillis = (second + 1) * 1000 - now;
		return Math.max(1, (waitMillis + 999) / 1000);
	}

	/** Forgets the calls made in the current second. */
	public synchronized void reset() {
		this.window = Long.MIN_VALUE;
		this.used = 0;
	}

}
