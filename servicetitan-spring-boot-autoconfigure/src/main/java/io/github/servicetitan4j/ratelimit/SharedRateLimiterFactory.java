package io.github.servicetitan4j.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.servicetitan4j.ratelimit.RateLimiterFactory.RateLimitStoreUnavailableException;
import io.github.servicetitan4j.ratelimit.RateLimiterFactory.StoreFailurePolicy;
import io.github.servicetitan4j.retry.Sleeper;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Hands out {@link SharedRateLimiter}s over one store, one per tenant and application key (and one per report of
 * each): clients of the same tenant in this process share the instance, and instances in other processes share its
 * buckets. The connection is made by {@link #warmUp()} (before the application reports ready) or else at the first
 * request; a store that is down then is connected again at a later request.
 */
final class SharedRateLimiterFactory implements RateLimiterFactory {

	/** Pause after a 429 that names none, for a tenant's budget. */
	private static final Duration TENANT_PAUSE = Duration.ofSeconds(1);

	private final String storeName;

	private final RateLimiter.Budget budget;

	private final StoreSettings settings;

	private final StoreCalls calls;

	private final StoreConnection connection;

	private final StoreHealth health;

	private final Clock clock;

	private final Sleeper sleeper;

	private final Map<String, SharedRateLimiter> limiters = new ConcurrentHashMap<>();

	private final QuerySlotStores.@Nullable Backend slots;

	private volatile boolean slotsConnected;

	/**
	 * Creates a factory.
	 * @param storeName what the store is, for messages and health ("redis", "jdbc")
	 * @param connector creates the Bucket4j proxy manager over the store
	 * @param budget the budget of each tenant
	 * @param settings failure policy, timeouts and fail-open share
	 * @param clock the time source
	 * @param sleeper how callers wait
	 */
	SharedRateLimiterFactory(String storeName, Supplier<ProxyManager<String>> connector, RateLimiter.Budget budget,
			StoreSettings settings, Clock clock, Sleeper sleeper) {
		this(storeName, connector, null, budget, settings, clock, sleeper);
	}

	/**
	 * Creates a factory that keeps the tenants' query slots in the store too.
	 * @param storeName what the store is, for messages and health ("redis", "jdbc")
	 * @param connector creates the Bucket4j proxy manager over the store
	 * @param slots the query slots' holders in the store, or null to keep none
	 * @param budget the budget of each tenant
	 * @param settings failure policy, timeouts and fail-open share
	 * @param clock the time source
	 * @param sleeper how callers wait
	 */
	SharedRateLimiterFactory(String storeName, Supplier<ProxyManager<String>> connector,
			QuerySlotStores.@Nullable Backend slots, RateLimiter.Budget budget, StoreSettings settings, Clock clock,
			Sleeper sleeper) {
		Assert.notNull(settings, "settings must not be null");
		this.storeName = storeName;
		this.budget = budget;
		this.settings = settings;
		this.calls = new StoreCalls(settings.timeout());
		this.connection = new StoreConnection(connector, this.calls, settings.startupTimeout());
		this.health = new StoreHealth(storeName, settings, budget);
		this.clock = clock;
		this.sleeper = sleeper;
		this.slots = slots;
	}

	@Override
	public RateLimiter rateLimiter(String tenantId, String appKey) {
		RateLimitKey key = RateLimitKey.of(tenantId, appKey);
		return this.limiters.computeIfAbsent(key.bucket(""), (name) -> new SharedRateLimiter(key, "", this.budget,
				TENANT_PAUSE, this.connection, this.storeName, this.calls, this.settings, this.health, this.clock,
				this.sleeper));
	}

	@Override
	public Optional<RateLimiter> reportRateLimiter(String tenantId, String appKey, long reportId,
			double requestsPerMinute, Duration maxWait) {
		Assert.isTrue(requestsPerMinute > 0, "requestsPerMinute must be more than 0");
		RateLimitKey key = RateLimitKey.of(tenantId, appKey);
		String scope = "report:" + reportId + ":";
		// No burst: ServiceTitan counts a report's runs per minute. Without a hint, one interval of that pace is the
		// least the server can want.
		RateLimiter.Budget report = new RateLimiter.Budget(requestsPerMinute / 60, 1, maxWait);
		Duration interval = Duration.ofNanos((long) (60_000_000_000L / requestsPerMinute));
		return Optional.of(this.limiters.computeIfAbsent(key.bucket(scope), (name) -> new SharedRateLimiter(key, scope,
				report, interval, this.connection, this.storeName, this.calls, this.settings, this.health, this.clock,
				this.sleeper)));
	}

	@Override
	public Optional<QuerySlots> querySlots(String tenantId, String appKey, int slots) {
		Assert.isTrue(slots >= 1, "slots must be 1 or more");
		QuerySlotStores.Backend backend = this.slots;
		if (backend == null) {
			return Optional.empty();
		}
		String key = RateLimitKey.of(tenantId, appKey).bucket("query-slots");
		return Optional.of(new QuerySlots() {

			@Override
			public boolean tryAcquire(String holder, Duration lease) {
				long now = SharedRateLimiterFactory.this.clock.millis();
				return inStore(() -> backend.tryAcquire(key, holder, slots, now, lease));
			}

			@Override
			public void release(String holder) {
				inStore(() -> {
					backend.release(key, holder);
					return null;
				});
			}

			@Override
			public StoreFailurePolicy onStoreFailure() {
				return SharedRateLimiterFactory.this.settings.onStoreFailure();
			}

			@Override
			public String toString() {
				return "QuerySlots[" + SharedRateLimiterFactory.this.storeName + ", tenant " + tenantId + ", " + slots
						+ "]";
			}

		});
	}

	private <T> T inStore(java.util.concurrent.Callable<T> call) {
		// The slots' first round trip makes their connection (and loads their script): timed by the startup timeout.
		long deadline = this.slotsConnected ? this.calls.deadline()
				: System.nanoTime() + this.settings.startupTimeout().toNanos();
		try {
			T result = this.calls.call(call, deadline);
			this.slotsConnected = true;
			this.health.storeAnswered();
			return result;
		}
		catch (StoreCalls.StoreFailure ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			this.health.storeFailed(cause,
					(this.settings.onStoreFailure() == StoreFailurePolicy.FAIL_OPEN) ? this.clock.instant() : null);
			throw new RateLimitStoreUnavailableException(this.storeName, cause);
		}
	}

	/**
	 * Connects to the store and makes a first round trip, waiting up to the startup timeout. When the store does not
	 * answer, fail-open limiters start at their share of the budget (and health says so); fail-closed, this fails.
	 * @throws RateLimitStoreUnavailableException if the store did not answer and the policy is fail-closed
	 */
	@Override
	public void warmUp() {
		try {
			this.connection.establish();
			this.health.storeAnswered();
			warmUpSlots();
		}
		catch (StoreCalls.StoreFailure ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			if (this.settings.onStoreFailure() == StoreFailurePolicy.FAIL_CLOSED) {
				this.health.storeFailed(cause, null);
				throw new RateLimitStoreUnavailableException(this.storeName, cause, this.settings.startupTimeout());
			}
			this.health.storeFailed(cause, this.clock.instant());
		}
	}

	/** Connects the query slots too (a release of a holder nobody is), so that the first query does not wait for it. */
	private void warmUpSlots() {
		QuerySlotStores.Backend backend = this.slots;
		if (backend == null) {
			return;
		}
		try {
			this.calls.call(() -> {
				backend.release(StoreConnection.WARM_UP_BUCKET + ":query-slots", "warm-up");
				return null;
			}, System.nanoTime() + this.settings.startupTimeout().toNanos());
			this.slotsConnected = true;
		}
		catch (StoreCalls.StoreFailure ex) {
			// The buckets answered: the slots connect at their first query, within the startup timeout.
		}
	}

	/**
	 * Whether the store answers, for the health endpoint.
	 * @return store health, shared by every limiter of this factory
	 */
	StoreHealth health() {
		return this.health;
	}

	@Override
	public Optional<StoreHealth> storeHealth() {
		return Optional.of(this.health);
	}

	@Override
	public void close() {
		this.calls.close();
	}

	@Override
	public String toString() {
		return "SharedRateLimiterFactory[" + this.storeName + "]";
	}

}
