package io.github.servicetitan4j.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

import javax.sql.DataSource;

import io.github.servicetitan4j.ratelimit.RateLimiterFactory.StoreSettings;
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

	static RateLimiterFactory redis(Supplier<? extends AbstractRedisClient> client, RateBudget budget,
			StoreSettings settings) {
		// Bucket4j's own request timeout is the longer one: a first round trip is timed by the startup timeout.
		Duration requestTimeout = longer(settings);
		return new SharedRateLimiterFactory("redis",
				() -> RateLimitStores.redis(client.get(), requestTimeout, Clock.systemUTC()), budget, settings,
				Clock.systemUTC(), Sleeper.SYSTEM);
	}

	static RateLimiterFactory postgresql(DataSource dataSource, RateBudget budget, StoreSettings settings) {
		Duration requestTimeout = longer(settings);
		return new SharedRateLimiterFactory("jdbc",
				() -> RateLimitStores.postgresql(dataSource, requestTimeout, Clock.systemUTC()), budget, settings,
				Clock.systemUTC(), Sleeper.SYSTEM);
	}

	private static Duration longer(StoreSettings settings) {
		return (settings.startupTimeout().compareTo(settings.timeout()) > 0) ? settings.startupTimeout()
				: settings.timeout();
	}

}
