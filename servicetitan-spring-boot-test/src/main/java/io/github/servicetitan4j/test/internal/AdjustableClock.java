package io.github.servicetitan4j.test.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The engine's clock: the clock it was given plus an offset that the admin API can move, so that a simulator out of
 * the test's JVM (standalone or in a container) can still have its tokens expire and its rate-limit second pass
 * without anyone waiting.
 */
public final class AdjustableClock extends Clock {

	private final Clock base;

	private volatile Duration offset = Duration.ZERO;

	public AdjustableClock(Clock base) {
		this.base = base;
	}

	/** Moves the clock forward (or back, with a negative amount). */
	public void advance(Duration amount) {
		synchronized (this) {
			this.offset = this.offset.plus(amount);
		}
	}

	/** Makes the clock show this instant now (and move on from it at the base clock's pace). */
	public void set(Instant instant) {
		synchronized (this) {
			this.offset = Duration.between(this.base.instant(), instant);
		}
	}

	/** Forgets every adjustment: the clock shows the base clock's time again. */
	public void resetOffset() {
		this.offset = Duration.ZERO;
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

	@Override
	public Instant instant() {
		return this.base.instant().plus(this.offset);
	}

	@Override
	public long millis() {
		return this.base.millis() + this.offset.toMillis();
	}

}
