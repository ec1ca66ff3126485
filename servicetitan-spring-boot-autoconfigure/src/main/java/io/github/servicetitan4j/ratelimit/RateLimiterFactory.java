package io.github.servicetitan4j.ratelimit;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;

import io.github.servicetitan4j.errors.ServiceTitanException;
import io.lettuce.core.AbstractRedisClient;

/**
 * Hands out the rate limiter of a tenant: every client of the same tenant and application key, in this process or
 * another one sharing the store, gets a limiter over the same budget (ServiceTitan counts requests per application per
 * tenant). The one place a tenant's client-side rate limiter comes from in the starter: without a bean of this type
 * each tenant's client builds its own {@link RateLimiter#adaptive adaptive} limiter from
 * {@code servicetitan.rate-limit.*}, in memory; a bean of this type replaces it for every tenant, configured or
 * runtime. {@code servicetitan.rate-limit.store=redis|jdbc} provides one over the application's Redis or PostgreSQL
 * ({@link #redis}, {@link #postgresql}); without Spring Boot, build those yourself and hand each client
 * {@code factory.rateLimiter(tenantId, appKey)}.
 */
@FunctionalInterface
public interface RateLimiterFactory extends AutoCloseable {

	/** Table of the PostgreSQL store, created by the script at {@link #POSTGRESQL_SCHEMA_LOCATION}. */
	String POSTGRESQL_TABLE = "servicetitan_rate_limit";

	/** Class path location of the script that creates {@link #POSTGRESQL_TABLE}. */
	String POSTGRESQL_SCHEMA_LOCATION = "classpath:io/github/servicetitan4j/ratelimit/schema-postgresql.sql";

	/**
	 * The limiter of a tenant. ServiceTitan's limit is per application and tenant, so the limiters of two tenants
	 * must not share a budget.
	 * @param tenantId the tenant
	 * @param appKey the application key (shared by every tenant; a limiter kept outside the process names its budget
	 * by a hash of it, never by the key itself)
	 * @return its limiter, the same instance for the same tenant and key
	 */
	RateLimiter rateLimiter(String tenantId, String appKey);

	/**
	 * Whether the store behind the limiters answers, for the health endpoint.
	 * @return the store's health, or empty when there is no store
	 */
	default Optional<? extends StoreStatus> storeHealth() {
		return Optional.empty();
	}

	/**
	 * Releases what the factory holds (the store's connections); nothing by default.
	 */
	@Override
	default void close() {
	}

	/**
	 * Limiters whose budgets live in Redis (Bucket4j over Lettuce; needs {@code com.bucket4j:bucket4j_jdk17-lettuce}),
	 * shared by every instance of the application that uses the same Redis. The client is asked for at the first
	 * request, so an application starts while Redis is down.
	 * @param client the Lettuce client ({@code RedisClient} or {@code RedisClusterClient}), asked for when first needed
	 * @param budget each tenant's budget
	 * @param onStoreFailure what a request does while Redis does not answer
	 * @param storeTimeout longest a permit waits for Redis
	 * @return the factory; close it when done
	 */
	static RateLimiterFactory redis(Supplier<? extends AbstractRedisClient> client, RateLimiter.Budget budget,
			StoreFailurePolicy onStoreFailure, Duration storeTimeout) {
		return StoreLimiters.redis(client, budget, onStoreFailure, storeTimeout);
	}

	/**
	 * Limiters whose budgets live in PostgreSQL (Bucket4j; needs {@code com.bucket4j:bucket4j_jdk17-postgresql}), in
	 * the table {@link #POSTGRESQL_TABLE}, shared by every instance of the application that uses the same database.
	 * @param dataSource the database
	 * @param budget each tenant's budget
	 * @param onStoreFailure what a request does while the database does not answer
	 * @param storeTimeout longest a permit waits for the database
	 * @return the factory; close it when done
	 */
	static RateLimiterFactory postgresql(DataSource dataSource, RateLimiter.Budget budget, StoreFailurePolicy onStoreFailure,
			Duration storeTimeout) {
		return StoreLimiters.postgresql(dataSource, budget, onStoreFailure, storeTimeout);
	}

	/**
	 * Whether the store behind a factory's limiters answers, as the health endpoint shows it.
	 */
	interface StoreStatus {

		/**
		 * Whether the store answered its last request.
		 * @return true while it answers
		 */
		boolean available();

		/**
		 * What the health endpoint shows of the store: its name, the failure policy and, while it is down, since when
		 * and the last exception's class name (never a message, which may name a host or a user).
		 * @return details, in a stable order
		 */
		Map<String, Object> details();

	}

	/**
	 * What a shared rate limiter does while its store cannot be reached.
	 */
	enum StoreFailurePolicy {

		/**
		 * Each instance falls back to its own local limiter (warning once), and goes back to the store once it answers:
		 * calls go on, and the instances together may exceed the budget until the store is back.
		 */
		FAIL_OPEN,

		/**
		 * Calls fail with a {@link RateLimitStoreUnavailableException}, without reaching the server: the budget is
		 * never exceeded, and nothing is sent while the store is down.
		 */
		FAIL_CLOSED

	}

	/**
	 * The store of the shared rate limiter did not answer in time (or failed), and the limiter is configured to fail
	 * closed: the request was not sent.
	 */
	class RateLimitStoreUnavailableException extends ServiceTitanException {

		private static final long serialVersionUID = 1L;

		/**
		 * Creates the exception; the message names the store and the setting that made the request fail.
		 * @param store kind of store, such as {@code redis} or {@code jdbc}
		 * @param cause failure or timeout of the store
		 */
		public RateLimitStoreUnavailableException(String store, Throwable cause) {
			super("The " + store + " rate-limit store is unavailable (" + cause.getClass().getSimpleName()
					+ "); the request was not sent (servicetitan.rate-limit.on-store-failure=fail-closed)", cause);
		}

	}

}
