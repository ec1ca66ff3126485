package io.github.servicetitan4j.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import javax.sql.DataSource;

import io.github.servicetitan4j.ratelimit.RateLimiterFactory.StoreFailurePolicy;
import io.github.servicetitan4j.retry.Sleeper;
import io.lettuce.core.AbstractRedisClient;

/**
 * Builds the shared limiters of {@link RateLimiterFactory#redis} and {@link RateLimiterFactory#postgresql}. A class of
 * its own so that the interface, which applications implement, holds no code that names Bucket4j or Lettuce: Spring
 * introspects an implementation's interfaces, and that must work without either on the class path.
 */
final class StoreLimiters {

	private StoreLimiters() {
	}

	static RateLimiterFactory redis(Supplier<? extends AbstractRedisClient> client, RateLimiter.Budget budget,
			StoreFailurePolicy onStoreFailure, Duration storeTimeout) {
		return new SharedRateLimiterFactory("redis",
				() -> RateLimitStores.redis(client.get(), storeTimeout, Clock.systemUTC()), budget, onStoreFailure,
				storeTimeout, Clock.systemUTC(), Sleeper.SYSTEM);
	}

	static RateLimiterFactory postgresql(DataSource dataSource, RateLimiter.Budget budget, StoreFailurePolicy onStoreFailure,
			Duration storeTimeout) {
		return new SharedRateLimiterFactory("jdbc",
				() -> RateLimitStores.postgresql(dataSource, storeTimeout, Clock.systemUTC()), budget, onStoreFailure,
				storeTimeout, Clock.systemUTC(), Sleeper.SYSTEM);
	}

}
