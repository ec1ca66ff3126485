package io.github.servicetitan4j.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.servicetitan4j.ratelimit.SharedRateLimiterFactory;
import io.github.servicetitan4j.retry.RateBudget;
import io.github.servicetitan4j.retry.Sleeper;

/**
 * Builds shared rate limiter factories from the properties; a class of its own so that Bucket4j is only loaded when a
 * shared store is configured.
 */
final class SharedRateLimiterFactories {

	private SharedRateLimiterFactories() {
	}

	static SharedServiceTitanRateLimiterFactory create(String store, Supplier<ProxyManager<String>> connector,
			ServiceTitanProperties properties) {
		ServiceTitanProperties.RateLimit rateLimit = properties.getRateLimit();
		if (rateLimit.getRequestsPerSecond() <= 0) {
			throw new InvalidServiceTitanPropertiesException(List.of("servicetitan.rate-limit.store is '" + store
					+ "' but servicetitan.rate-limit.requests-per-second is 0 (no limit to share)"));
		}
		return new SharedServiceTitanRateLimiterFactory(new SharedRateLimiterFactory(store, connector,
				budget(rateLimit), rateLimit.getOnStoreFailure(), storeTimeout(rateLimit), Clock.systemUTC(),
				Sleeper.SYSTEM));
	}

	static RateBudget budget(ServiceTitanProperties.RateLimit rateLimit) {
		return new RateBudget(rateLimit.getRequestsPerSecond(), rateLimit.getBurst(), rateLimit.getMaxWait());
	}

	/** The store timeout, never longer than max-wait, so that an outage never holds a call longer than that. */
	static Duration storeTimeout(ServiceTitanProperties.RateLimit rateLimit) {
		Duration timeout = rateLimit.getStoreTimeout();
		Duration maxWait = rateLimit.getMaxWait();
		return (!maxWait.isZero() && maxWait.compareTo(timeout) < 0) ? maxWait : timeout;
	}

}
