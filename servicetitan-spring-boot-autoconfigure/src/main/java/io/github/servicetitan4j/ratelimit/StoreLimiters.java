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

	static RateLimiterFactory redis(Supplier<? extends AbstractRedisClient> client, RateLimiter.Budget budget,
			StoreSettings settings) {
		// Bucket4j's own request timeout is the longer one (a future on a Lettuce connection; nothing is locked): the
		// first round trip is timed by the startup timeout.
		Duration requestTimeout = longer(settings);
		return new SharedRateLimiterFactory("redis",
				() -> RateLimitStores.redis(client.get(), requestTimeout, Clock.systemUTC()),
				new QuerySlotStores.Redis(client), budget, settings,
				Clock.systemUTC(), Sleeper.SYSTEM);
	}

	static RateLimiterFactory postgresql(DataSource dataSource, RateLimiter.Budget budget, StoreSettings settings) {
		// The store timeout as the statements' own: a statement left behind by a caller who stopped waiting must not
		// hold its row lock (SELECT ... FOR UPDATE) against the other instances for longer. The pool's first
		// connection is not a statement: the startup timeout bounds it through the first round trip.
		return new SharedRateLimiterFactory("jdbc",
				() -> RateLimitStores.postgresql(dataSource, settings.timeout(), Clock.systemUTC()),
				new QuerySlotStores.Postgresql(dataSource, settings.timeout()), budget, settings,
				Clock.systemUTC(), Sleeper.SYSTEM);
	}

	private static Duration longer(StoreSettings settings) {
		return (settings.startupTimeout().compareTo(settings.timeout()) > 0) ? settings.startupTimeout()
				: settings.timeout();
	}

}
