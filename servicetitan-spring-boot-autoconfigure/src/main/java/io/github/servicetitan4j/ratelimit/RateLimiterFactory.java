package io.github.servicetitan4j.ratelimit;

import java.util.Optional;

import io.github.servicetitan4j.retry.RateLimiter;

/**
 * Hands out the rate limiter of a tenant: every client of the same tenant and application key, in this process or
 * another one sharing the store, gets a limiter over the same budget (ServiceTitan counts requests per application per
 * tenant).
 */
@FunctionalInterface
public interface RateLimiterFactory {

	/**
	 * The limiter of a tenant.
	 * @param tenantId the tenant
	 * @param appKey the application key (only a hash of it names the budget)
	 * @return its limiter, the same instance for the same tenant and key
	 */
	RateLimiter rateLimiter(String tenantId, String appKey);

	/**
	 * Whether the store behind the limiters answers, for the health endpoint.
	 * @return the store's health, or empty when there is no store
	 */
	default Optional<StoreHealth> storeHealth() {
		return Optional.empty();
	}

}
