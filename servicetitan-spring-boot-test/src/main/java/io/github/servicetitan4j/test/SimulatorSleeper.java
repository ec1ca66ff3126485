package io.github.servicetitan4j.test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.github.servicetitan4j.ServiceTitanClient;
import io.github.servicetitan4j.autoconfigure.ServiceTitanClientBuilderCustomizer;
import io.github.servicetitan4j.retry.Sleeper;

import org.springframework.core.Ordered;

/**
 * Where the starter's clients wait under {@link AutoConfigureServiceTitanSimulator}: instead of sleeping, each wait (a
 * {@code Retry-After}, a retry's backoff, a rate limiter's turn, a report query's poll) moves the simulator's clock
 * forward by its length and returns at once, so that a 429 with {@code Retry-After: 30} or a second run of a report
 * costs no real time, and the simulator sees the time pass as ServiceTitan would. The clients get a clock (and a
 * monotonic time source for their rate limiter) that moves with it, so their own limiters see the waits too.
 * <p>
 * Inject it as the {@code serviceTitanSimulatorSleeper} bean to check what the client waited:
 * <pre>
 * &#64;Autowired SimulatorSleeper sleeper;
 * ...
 * assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(30));
 * </pre>
 * {@link ServiceTitanSimulator#reset()} forgets the waits recorded. The clients' clock never goes back, while a reset
 * takes the simulator's clock back: a client then finds its token older than the simulator does, never younger.
 * Waits of threads running at once add up on the simulator's clock. A {@code ServiceTitanClientBuilderCustomizer}
 * of the application that sets its own sleeper, clock or time source wins (this one runs first).
 * <p>
 * Public (the module's fifteenth public type) because tests inject it to check what the client waited, without any
 * timing assertion.
 */
public final class SimulatorSleeper implements Sleeper {

	private final ServiceTitanSimulator simulator;

	private final AtomicLong waitedNanos = new AtomicLong();

	private final List<Duration> waits = new ArrayList<>();

	SimulatorSleeper(ServiceTitanSimulator simulator) {
		this.simulator = simulator;
		simulator.onReset(this::forget);
	}

	@Override
	public void sleep(Duration duration) {
		if (duration.isNegative() || duration.isZero()) {
			return;
		}
		synchronized (this.waits) {
			this.waits.add(duration);
		}
		this.waitedNanos.addAndGet(duration.toNanos());
		this.simulator.advanceClockOnly(duration);
	}

	/**
	 * The waits since the simulator started or was last reset, oldest first.
	 * @return the waits
	 */
	public List<Duration> waits() {
		synchronized (this.waits) {
			return List.copyOf(this.waits);
		}
	}

	/**
	 * The waits since the simulator started or was last reset, added up.
	 * @return their sum, zero when the client never waited
	 */
	public Duration total() {
		return waits().stream().reduce(Duration.ZERO, Duration::plus);
	}

	private void forget() {
		synchronized (this.waits) {
			this.waits.clear();
		}
	}

	/** The clients' clock: the system clock plus every wait so far. */
	Clock clock() {
		return new Clock() {

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
				return Instant.now().plusNanos(SimulatorSleeper.this.waitedNanos.get());
			}

		};
	}

	/** The clients' monotonic time source: {@code System.nanoTime()} plus every wait so far. */
	long nanoTime() {
		return System.nanoTime() + this.waitedNanos.get();
	}

	/** Hands the sleeper, clock and time source to every client the starter builds, before the application's own. */
	record Customizer(SimulatorSleeper sleeper) implements ServiceTitanClientBuilderCustomizer, Ordered {

		@Override
		public void customize(ServiceTitanClient.Builder builder) {
			builder.sleeper(this.sleeper).clock(this.sleeper.clock()).nanoTime(this.sleeper::nanoTime);
		}

		@Override
		public int getOrder() {
			return Ordered.HIGHEST_PRECEDENCE;
		}

	}

}
