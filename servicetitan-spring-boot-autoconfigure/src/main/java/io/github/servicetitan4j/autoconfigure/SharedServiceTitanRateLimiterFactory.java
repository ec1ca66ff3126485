package io.github.servicetitan4j.autoconfigure;

import java.util.Optional;

import io.github.servicetitan4j.ratelimit.SharedRateLimiterFactory;
import io.github.servicetitan4j.ratelimit.StoreHealth;
import io.github.servicetitan4j.retry.RateLimiter;

/**
 * The starter's {@link ServiceTitanRateLimiterFactory} over a store: every tenant's client, configured or runtime,
 * draws from its tenant's budget in the store.
 */
final class SharedServiceTitanRateLimiterFactory implements ServiceTitanRateLimiterFactory, AutoCloseable {

	private final SharedRateLimiterFactory delegate;

	SharedServiceTitanRateLimiterFactory(SharedRateLimiterFactory delegate) {
		this.delegate = delegate;
	}

	@Override
	public RateLimiter rateLimiter(String tenantId, String appKey) {
		return this.delegate.rateLimiter(tenantId, appKey);
	}

	@Override
	public Optional<StoreHealth> storeHealth() {
		return this.delegate.storeHealth();
	}

	@Override
	public void close() {
		this.delegate.close();
	}

	@Override
	public String toString() {
		return this.delegate.toString();
	}

}
