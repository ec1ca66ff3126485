package io.github.servicetitan4j;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that tests move by hand.
 */
public final class MutableClock extends Clock {

	private final AtomicReference<Instant> now;

	public MutableClock(Instant start) {
		this.now = new AtomicReference<>(start);
	}

	private final AtomicLong nanos = new AtomicLong();

	/** Moves time forward: the wall clock and the monotonic {@link #nanoTime()} alike. */
	public void advance(Duration duration) {
		this.now.updateAndGet((instant) -> instant.plus(duration));
		this.nanos.addAndGet(duration.toNanos());
	}

	/** Steps the wall clock only (NTP, a resumed VM): monotonic time does not move. */
	public void step(Duration duration) {
		this.now.updateAndGet((instant) -> instant.plus(duration));
	}

	/** Monotonic nanoseconds, moved by {@link #advance} only. */
	public long nanoTime() {
		return this.nanos.get();
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
		return this.now.get();
	}

}
