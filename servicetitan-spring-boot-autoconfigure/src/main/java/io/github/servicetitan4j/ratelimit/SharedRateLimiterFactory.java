package io.github.servicetitan4j.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.servicetitan4j.ratelimit.RateLimiterFactory.StoreFailurePolicy;
import io.github.servicetitan4j.retry.Sleeper;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Hands out {@link SharedRateLimiter}s over one store, one per tenant and application key: clients of the same tenant
 * in this process share the instance, and instances in other processes share its buckets. The store's Bucket4j proxy
 * manager is created when first needed (and again after a failure), so that an application starts while its store is
 * down.
 */
final class SharedRateLimiterFactory implements RateLimiterFactory {

	private final String storeName;

	private final Supplier<ProxyManager<String>> connector;

	private final RateLimiter.Budget budget;

	private final StoreFailurePolicy policy;

	private final StoreCalls calls;

	private final StoreHealth health;

	private final Clock clock;

	private final Sleeper sleeper;

	private final Map<RateLimitKey, SharedRateLimiter> limiters = new ConcurrentHashMap<>();

	private final Object storeLock = new Object();

	private @Nullable ProxyManager<String> store;

	/**
	 * Creates a factory.
	 * @param storeName what the store is, for messages and health ("redis", "jdbc")
	 * @param connector creates the Bucket4j proxy manager over the store
	 * @param budget the budget of each tenant
	 * @param policy what to do while the store does not answer
	 * @param storeTimeout longest a permit waits for the store's answers
	 * @param clock the time source
	 * @param sleeper how callers wait
	 */
	public SharedRateLimiterFactory(String storeName, Supplier<ProxyManager<String>> connector, RateLimiter.Budget budget,
			StoreFailurePolicy policy, Duration storeTimeout, Clock clock, Sleeper sleeper) {
		Assert.isTrue(!storeTimeout.isNegative() && !storeTimeout.isZero(), "storeTimeout must be positive");
		this.storeName = storeName;
		this.connector = connector;
		this.budget = budget;
		this.policy = policy;
		this.calls = new StoreCalls(storeTimeout);
		this.health = new StoreHealth(storeName, policy);
		this.clock = clock;
		this.sleeper = sleeper;
	}

	@Override
	public RateLimiter rateLimiter(String tenantId, String appKey) {
		return this.limiters.computeIfAbsent(RateLimitKey.of(tenantId, appKey),
				(key) -> new SharedRateLimiter(key, this.budget, this::store, this.storeName, this.calls, this.policy,
						this.health, this.clock, this.sleeper));
	}

	private ProxyManager<String> store() {
		synchronized (this.storeLock) {
			if (this.store == null) {
				this.store = this.connector.get();
			}
			return this.store;
		}
	}

	/**
	 * Whether the store answers, for the health endpoint.
	 * @return store health, shared by every limiter of this factory
	 */
	public StoreHealth health() {
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
