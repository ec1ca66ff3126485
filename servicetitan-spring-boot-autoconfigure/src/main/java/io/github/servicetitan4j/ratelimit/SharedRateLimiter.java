package io.github.servicetitan4j.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.servicetitan4j.errors.ServiceTitanException.ServiceTitanInterruptedException;
import io.github.servicetitan4j.ratelimit.RateLimiter.RateLimiterTimeoutException;
import io.github.servicetitan4j.ratelimit.RateLimiterFactory.RateLimitStoreUnavailableException;
import io.github.servicetitan4j.ratelimit.RateLimiterFactory.StoreFailurePolicy;
import io.github.servicetitan4j.ratelimit.RateLimiterFactory.StoreSettings;
import io.github.servicetitan4j.retry.Sleeper;
import org.jspecify.annotations.Nullable;

/**
 * The rate limiter of one tenant shared by every instance through three Bucket4j buckets in a store, with the semantics
 * of the local {@link AdaptiveRateLimiter}:
 * <ul>
 * <li><b>budget</b>: a token bucket of {@code burst} requests refilled at {@link RateLimiter.Budget#sustainedRate()}. A
 * permit is a reservation ({@code consumeIgnoringRateLimits}): the caller learns how long to wait for its slot and
 * sleeps without holding anything in the store; a caller that would wait longer than {@code maxWait} (beyond a pause)
 * gives its tokens back and fails at once.</li>
 * <li><b>pause</b>: after a 429 every instance waits out the server's Retry-After: the budget bucket is drained into
 * debt by that long (so it also starts empty afterwards), and a pause bucket refilling one token per millisecond
 * remembers until when, so that 429s answered during the pause extend it without slowing down again.</li>
 * <li><b>calm</b>: the slowdown level (0 to 3: the rate halved up to three times) is how far a bucket refilling one
 * level per {@link AdaptiveRateLimiter#RECOVERY} is from full; at level n each request costs 2^n tokens of the budget.
 * A 429 outside a pause raises the level by one and restarts the recovery.</li>
 * </ul>
 * A caller that slept towards its slot asks the store, when it wakes, whether a pause is running (another instance may
 * have met a 429 meanwhile): if so it books a new slot after the pause instead of sending into it.
 * <p>
 * Every round trip to the store on an established connection runs within the store timeout (the first connection is
 * timed by the startup timeout, see {@link StoreConnection}); when it fails, {@link StoreFailurePolicy} decides between
 * failing the call and a local limiter at the configured share of the budget (the store is tried again after
 * {@link #STORE_RETRY}).
 */
final class SharedRateLimiter implements RateLimiter {

	/** How long a limiter that fell back to its local state waits before trying the store again. */
	public static final Duration STORE_RETRY = Duration.ofSeconds(1);

	private static final long UNIT = 1_000_000;

	private static final int MAX_LEVEL = 3;

	/** How far the clocks of two instances may differ when one asks whether the pause of another covers its slot. */
	private static final Duration CLOCK_TOLERANCE = Duration.ofMillis(10);

	/** Requests per second kept free for the jitter between instances. */
	static final double HEADROOM = 1;

	private static final long PAUSE_CAPACITY_MILLIS = Duration.ofHours(1).toMillis();

	private final RateLimitKey key;

	private final RateLimiter.Budget budget;

	private final StoreConnection store;

	private final String scope;

	private final Duration defaultPause;

	private final String storeName;

	private final StoreCalls calls;

	private final StoreFailurePolicy policy;

	private final AdaptiveRateLimiter local;

	private final Clock clock;

	private final Sleeper sleeper;

	private final StoreHealth health;

	private final Object bucketsLock = new Object();

	private @Nullable Buckets buckets;

	/**
	 * Creates a limiter.
	 * @param key the tenant and application key
	 * @param scope what of the tenant's budgets this is: empty for the tenant's, {@code report:<id>:} for a report's
	 * @param budget the budget
	 * @param defaultPause pause after a 429 that names none
	 * @param store the connection to the store
	 * @param storeName what the store is, for messages
	 * @param calls runs the round trips
	 * @param settings failure policy and fail-open share
	 * @param health the store's health, shared by the factory's limiters
	 * @param clock the time source
	 * @param sleeper how callers wait
	 */
	SharedRateLimiter(RateLimitKey key, String scope, RateLimiter.Budget budget, Duration defaultPause,
			StoreConnection store, String storeName, StoreCalls calls, StoreSettings settings, StoreHealth health,
			Clock clock, Sleeper sleeper) {
		this.key = key;
		this.scope = scope;
		this.budget = budget;
		this.defaultPause = defaultPause;
		this.store = store;
		this.storeName = storeName;
		this.calls = calls;
		this.policy = settings.onStoreFailure();
		this.health = health;
		this.clock = clock;
		this.sleeper = sleeper;
		RateLimiter.Budget fallback = settings.fallback(budget);
		this.local = new AdaptiveRateLimiter(fallback.sustainedRate(), fallback.burst(), fallback.maxWait(), clock,
				sleeper);
	}

	@Override
	public Duration acquire() {
		if (this.health.usingFallback(this.clock.instant())) {
			return this.local.acquire();
		}
		Duration wait;
		try {
			wait = reserve();
		}
		catch (StoreCalls.StoreFailure ex) {
			return storeFailed(ex);
		}
		this.health.storeAnswered();
		Duration waited = Duration.ZERO;
		Instant slotAt = this.clock.instant().plus(wait);
		while (!wait.isZero()) {
			try {
				this.sleeper.sleep(wait);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new ServiceTitanInterruptedException("waiting for the shared rate limiter", ex);
			}
			waited = waited.plus(wait);
			try {
				wait = recheck(slotAt);
				slotAt = this.clock.instant().plus(wait);
			}
			catch (StoreCalls.StoreFailure ex) {
				return waited.plus(storeFailed(ex));
			}
		}
		return waited;
	}

	/**
	 * After sleeping towards a slot: a pause that ends after the slot was announced after the slot was booked (a slot
	 * booked during a pause lies after its end, give or take the instances' clocks), so the caller books again, after
	 * it.
	 */
	private Duration recheck(Instant slotAt) {
		// Timed from an established connection: a first connection has a deadline of its own.
		Buckets b = buckets(this.calls.deadline());
		long deadline = this.calls.deadline();
		long pauseLeft = this.calls.call(() -> pauseLeftMillis(b.pause().getAvailableTokens()), deadline);
		Instant pauseEnd = this.clock.instant().plusMillis(pauseLeft);
		return pauseEnd.isAfter(slotAt.plus(CLOCK_TOLERANCE)) ? reserve() : Duration.ZERO;
	}

	private Duration reserve() {
		Buckets b = buckets(this.calls.deadline());
		long deadline = this.calls.deadline();
		long level = this.calls.call(() -> level(b.calm().getAvailableTokens()), deadline);
		long cost = UNIT << level;
		long waitNanos = this.calls.call(() -> b.budget().consumeIgnoringRateLimits(cost), deadline);
		long maxWait = this.budget.maxWait().toNanos();
		if (waitNanos > maxWait) {
			long pauseLeft = this.calls.call(() -> pauseLeftMillis(b.pause().getAvailableTokens()), deadline)
					* 1_000_000;
			if (waitNanos > pauseLeft + maxWait) {
				// Give the slot back, so that the callers behind are not pushed back by a request never sent.
				this.calls.call(() -> {
					b.budget().addTokens(cost);
					return null;
				}, deadline);
				throw new RateLimiterTimeoutException(Duration.ofNanos(waitNanos), this.budget.maxWait(), pauseLeft > 0);
			}
		}
		return Duration.ofNanos(waitNanos);
	}

	@Override
	public void onThrottled(@Nullable Duration retryAfter) {
		// The local state hears it too, so that a fallback starts from what this instance knows.
		this.local.onThrottled(retryAfter);
		if (this.health.usingFallback(this.clock.instant())) {
			return;
		}
		long pauseMillis = Math.min(PAUSE_CAPACITY_MILLIS,
				Math.max(1, ((retryAfter != null) ? retryAfter : this.defaultPause).toMillis()));
		try {
			Buckets b = buckets(this.calls.deadline());
			long deadline = this.calls.deadline();
			// Atomic in the store: only a full pause bucket (no pause running) can give up all its tokens, so only the
			// first 429 of an episode slows everyone down; the later ones only extend the pause.
			boolean firstOfEpisode = this.calls.call(() -> b.pause().tryConsume(PAUSE_CAPACITY_MILLIS), deadline);
			if (firstOfEpisode) {
				this.calls.call(() -> {
					b.pause().addTokens(PAUSE_CAPACITY_MILLIS - pauseMillis);
					return null;
				}, deadline);
			}
			else {
				long left = this.calls.call(() -> pauseLeftMillis(b.pause().getAvailableTokens()), deadline);
				if (pauseMillis > left) {
					this.calls.call(() -> b.pause().consumeIgnoringRateLimits(pauseMillis - left), deadline);
				}
			}
			long calm = this.calls.call(() -> b.calm().getAvailableTokens(), deadline);
			long level = firstOfEpisode ? Math.min(MAX_LEVEL, level(calm) + 1) : level(calm);
			// Restart the recovery: the calm bucket is exactly `level` units from full.
			long excess = calm - (MAX_LEVEL - level) * UNIT;
			if (excess > 0) {
				this.calls.call(() -> b.calm().consumeIgnoringRateLimits(excess), deadline);
			}
			// Nobody goes before the pause is over, and the budget starts empty after it.
			long available = this.calls.call(() -> b.budget().getAvailableTokens(), deadline);
			long debt = available + pauseMillis * tokensPerSecond() / 1000;
			if (debt > 0) {
				this.calls.call(() -> b.budget().consumeIgnoringRateLimits(debt), deadline);
			}
			this.health.storeAnswered();
		}
		catch (StoreCalls.StoreFailure ex) {
			if (this.policy == StoreFailurePolicy.FAIL_OPEN) {
				this.health.storeFailed(ex.getCause(), this.clock.instant());
			}
			// Fail-closed: the next acquire reports the outage; the 429 itself is already being handled.
		}
	}

	/**
	 * Current slowdown factor in the store: 1 at the configured rate, 2 at half of it, up to 8.
	 * @return the factor
	 */
	public int slowdown() {
		Buckets b = buckets(this.calls.deadline());
		long deadline = this.calls.deadline();
		return 1 << this.calls.call(() -> level(b.calm().getAvailableTokens()), deadline);
	}

	/**
	 * The key of this limiter's budget.
	 * @return tenant and hashed application key
	 */
	public RateLimitKey key() {
		return this.key;
	}

	private Duration storeFailed(StoreCalls.StoreFailure failure) {
		Throwable cause = (failure.getCause() != null) ? failure.getCause() : failure;
		if (this.policy == StoreFailurePolicy.FAIL_CLOSED) {
			this.health.storeFailed(cause, null);
			throw new RateLimitStoreUnavailableException(this.storeName, cause);
		}
		this.health.storeFailed(cause, this.clock.instant());
		return this.local.acquire();
	}

	private Buckets buckets(long deadline) {
		synchronized (this.bucketsLock) {
			if (this.buckets == null) {
				this.buckets = connect(this.store.get(deadline, this.health.available()));
			}
			return this.buckets;
		}
	}

	private Buckets connect(ProxyManager<String> buckets) {
		long capacity = UNIT * this.budget.burst();
		BucketConfiguration budget = BucketConfiguration.builder()
			.addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(tokensPerSecond(), Duration.ofSeconds(1)).build())
			.build();
		BucketConfiguration calm = BucketConfiguration.builder()
			.addLimit(Bandwidth.builder().capacity(MAX_LEVEL * UNIT).refillGreedy(UNIT, AdaptiveRateLimiter.RECOVERY).build())
			.build();
		BucketConfiguration pause = BucketConfiguration.builder()
			.addLimit(Bandwidth.builder()
				.capacity(PAUSE_CAPACITY_MILLIS)
				.refillGreedy(PAUSE_CAPACITY_MILLIS, Duration.ofMillis(PAUSE_CAPACITY_MILLIS))
				.build())
			.build();
		return new Buckets(buckets.builder().build(this.key.bucket(this.scope + "budget"), () -> budget),
				buckets.builder().build(this.key.bucket(this.scope + "calm"), () -> calm),
				buckets.builder().build(this.key.bucket(this.scope + "pause"), () -> pause));
	}

	private long tokensPerSecond() {
		// One request per second of headroom: the instances' requests reach the server along different paths and
		// threads, so they arrive less evenly spaced than their permits were handed out. Rounded down: a token more
		// per second could let one more request into a one-second window.
		double rate = this.budget.sustainedRate();
		double withHeadroom = (rate > 2 * HEADROOM) ? rate - HEADROOM : rate;
		return Math.max(1, (long) (withHeadroom * UNIT));
	}

	private static long level(long calmTokens) {
		long missing = MAX_LEVEL * UNIT - Math.max(0, calmTokens);
		return Math.max(0, Math.min(MAX_LEVEL, (missing + UNIT - 1) / UNIT));
	}

	private static long pauseLeftMillis(long pauseTokens) {
		return Math.max(0, PAUSE_CAPACITY_MILLIS - pauseTokens);
	}

	@Override
	public String toString() {
		return "SharedRateLimiter[" + this.storeName + ", tenant " + this.key.tenantId()
				+ (this.scope.isEmpty() ? "" : ", " + this.scope.substring(0, this.scope.length() - 1)) + "]";
	}

	private record Buckets(BucketProxy budget, BucketProxy calm, BucketProxy pause) {
	}

}
