package io.github.servicetitan4j.autoconfigure;

import io.github.servicetitan4j.ratelimit.RateLimiterFactory;
import io.github.servicetitan4j.retry.RateLimiter;

/**
 * The one place a tenant's client-side rate limiter comes from. Without a bean of this type each tenant's client
 * builds its own {@code AdaptiveRateLimiter} from {@code servicetitan.rate-limit.*}, in memory; a bean of this type
 * (a limiter shared between instances of the application, say) replaces it for every tenant, configured or runtime.
 * {@code servicetitan.rate-limit.store=redis|jdbc} provides one whose budgets live in the application's Redis or
 * PostgreSQL.
 */
@FunctionalInterface
public interface ServiceTitanRateLimiterFactory extends RateLimiterFactory {

	/**
	 * Returns the limiter of a tenant. ServiceTitan's limit is per application and tenant, so the limiters of two
	 * tenants must not share a budget.
	 * @param tenantId the tenant id
	 * @param appKey the application key (shared by every tenant; a limiter kept outside the process may name its
	 * budget by a hash of it, never by the key itself)
	 * @return the tenant's limiter
	 */
	@Override
	RateLimiter rateLimiter(String tenantId, String appKey);

}
