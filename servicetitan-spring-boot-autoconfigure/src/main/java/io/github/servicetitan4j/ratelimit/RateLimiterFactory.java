package io.github.servicetitan4j.ratelimit;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;

import io.github.servicetitan4j.errors.ServiceTitanException;
import io.lettuce.core.AbstractRedisClient;

import org.springframework.util.Assert;

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
	 * The limiter of one report of a tenant, when this factory keeps report budgets too (a factory over a store does:
	 * every instance running the same report then takes its turn from one budget). ServiceTitan counts a report's runs
	 * per minute, so the limiter has no burst.
	 * @param tenantId the tenant
	 * @param appKey the application key
	 * @param reportId the report
	 * @param requestsPerMinute data requests allowed per minute for the report, more than 0
	 * @param maxWait longest a data request waits for its turn
	 * @return the report's limiter, the same instance for the same report; empty when the factory keeps no report
	 * budgets (each client then limits each report in memory)
	 */
	default Optional<RateLimiter> reportRateLimiter(String tenantId, String appKey, long reportId,
			double requestsPerMinute, Duration maxWait) {
		return Optional.empty();
	}

	/**
	 * The report query slots of a tenant shared by every instance, when this factory keeps them (a factory over a
	 * store does): at most {@code slots} asynchronous report queries of the tenant and application key run at once
	 * across the instances.
	 * @param tenantId the tenant
	 * @param appKey the application key
	 * @param slots queries running at once, 1 or more
	 * @return the slots; empty when the factory keeps none (each client then keeps its own, in memory)
	 */
	default Optional<QuerySlots> querySlots(String tenantId, String appKey, int slots) {
		return Optional.empty();
	}

	/**
	 * Connects to the store and loads what the limiters need (connection, driver classes, the store's scripts), so that
	 * the first request of a cold instance is already limited by the shared budget: call it before the application
	 * takes traffic (the auto-configuration does, before the application reports ready). Without it, the first
	 * request does it, waiting up to the startup timeout. Nothing by default.
	 * @throws RateLimitStoreUnavailableException if the store does not answer within the startup timeout and the
	 * factory fails closed (failing open, its limiters start at their share of the budget instead)
	 */
	default void warmUp() {
	}

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
	 * shared by every instance of the application that uses the same Redis. The client is asked for when the factory
	 * connects ({@link #warmUp()}, or else the first request). The fail-open share and startup timeout are the
	 * defaults of {@link StoreSettings}.
	 * @param client the Lettuce client ({@code RedisClient} or {@code RedisClusterClient}), asked for when first needed
	 * @param budget each tenant's budget
	 * @param onStoreFailure what a request does while Redis does not answer
	 * @param storeTimeout longest a permit waits for Redis
	 * @return the factory; close it when done
	 */
	static RateLimiterFactory redis(Supplier<? extends AbstractRedisClient> client, RateLimiter.Budget budget,
			StoreFailurePolicy onStoreFailure, Duration storeTimeout) {
		return redis(client, budget, StoreSettings.of(onStoreFailure, storeTimeout));
	}

	/**
	 * Limiters whose budgets (each tenant's, and each report's) live in Redis, as
	 * {@link #redis(Supplier, RateLimiter.Budget, StoreFailurePolicy, Duration)} with every store setting given.
	 * @param client the Lettuce client ({@code RedisClient} or {@code RedisClusterClient}), asked for when first needed
	 * @param budget each tenant's budget
	 * @param settings failure policy, timeouts and fail-open share
	 * @return the factory; call {@link #warmUp()} before taking traffic, and close it when done
	 */
	static RateLimiterFactory redis(Supplier<? extends AbstractRedisClient> client, RateLimiter.Budget budget,
			StoreSettings settings) {
		return StoreLimiters.redis(client, budget, settings);
	}

	/**
	 * Limiters whose budgets live in PostgreSQL (Bucket4j; needs {@code com.bucket4j:bucket4j_jdk17-postgresql}), in
	 * the table {@link #POSTGRESQL_TABLE}, shared by every instance of the application that uses the same database.
	 * The fail-open share and startup timeout are the defaults of {@link StoreSettings}.
	 * @param dataSource the database
	 * @param budget each tenant's budget
	 * @param onStoreFailure what a request does while the database does not answer
	 * @param storeTimeout longest a permit waits for the database
	 * @return the factory; close it when done
	 */
	static RateLimiterFactory postgresql(DataSource dataSource, RateLimiter.Budget budget,
			StoreFailurePolicy onStoreFailure, Duration storeTimeout) {
		return postgresql(dataSource, budget, StoreSettings.of(onStoreFailure, storeTimeout));
	}

	/**
	 * Limiters whose budgets (each tenant's, and each report's) live in PostgreSQL, as
	 * {@link #postgresql(DataSource, RateLimiter.Budget, StoreFailurePolicy, Duration)} with every store setting given.
	 * @param dataSource the database
	 * @param budget each tenant's budget
	 * @param settings failure policy, timeouts and fail-open share
	 * @return the factory; call {@link #warmUp()} before taking traffic, and close it when done
	 */
	static RateLimiterFactory postgresql(DataSource dataSource, RateLimiter.Budget budget, StoreSettings settings) {
		return StoreLimiters.postgresql(dataSource, budget, settings);
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
	 * A tenant's report query slots in a store, a counting semaphore of leases: a holder that is never released (its
	 * instance died) stops counting when its lease expires.
	 */
	interface QuerySlots {

		/**
		 * Takes a slot if one is free, without waiting.
		 * @param holder who takes it, unique to one query
		 * @param lease how long the slot stays taken unless released first
		 * @return whether the holder has a slot now
		 * @throws RateLimitStoreUnavailableException if the store did not answer in time, whatever the policy
		 */
		boolean tryAcquire(String holder, Duration lease);

		/**
		 * Frees a holder's slot; nothing when it has none.
		 * @param holder the holder
		 * @throws RateLimitStoreUnavailableException if the store did not answer in time (the lease then expires)
		 */
		void release(String holder);

		/**
		 * What a caller does while the store does not answer: fail-open, wait for a slot of its own client instead.
		 * @return the store's failure policy
		 */
		StoreFailurePolicy onStoreFailure();

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

		/**
		 * Creates the exception for a store that did not answer when the application started.
		 * @param store kind of store, such as {@code redis} or {@code jdbc}
		 * @param cause failure or timeout of the store
		 * @param startupTimeout how long the store was given to answer
		 */
		public RateLimitStoreUnavailableException(String store, Throwable cause, Duration startupTimeout) {
			super("The " + store + " rate-limit store did not answer at startup within " + startupTimeout.toMillis()
					+ " ms (" + cause.getClass().getSimpleName() + ", servicetitan.rate-limit.store-startup-timeout): "
					+ "without it no request could be sent (servicetitan.rate-limit.on-store-failure=fail-closed); "
					+ "start the store first, or choose fail-open to start with each instance at its share of the "
					+ "budget", cause);
		}

	}

	/**
	 * How the limiters of a {@link RateLimiterFactory} over a store use it.
	 *
	 * @param onStoreFailure what a request does while the store does not answer
	 * @param timeout longest the round trips of one permit may take on an established connection
	 * @param startupTimeout longest the first connection and round trip may take (a cold JVM, a new connection, the
	 * store's scripts): they are not timed by {@code timeout}
	 * @param failOpenShare share of the budget (more than 0, at most 1) each instance limits itself to while it cannot
	 * reach the store and {@code onStoreFailure} is {@link StoreFailurePolicy#FAIL_OPEN}
	 */
	record StoreSettings(StoreFailurePolicy onStoreFailure, Duration timeout, Duration startupTimeout,
			double failOpenShare) {

		/** Default of {@link #startupTimeout}. */
		public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(10);

		/**
		 * Default of {@link #failOpenShare}: a quarter of the budget, so that up to four instances cut off from the store
		 * together stay within it, and more than four exceed it by at most what the server's 429s then slow down.
		 */
		public static final double DEFAULT_FAIL_OPEN_SHARE = 0.25;

		/**
		 * Checks the settings when they are made.
		 * @param onStoreFailure what a request does while the store does not answer
		 * @param timeout longest the round trips of one permit may take, positive
		 * @param startupTimeout longest the first connection and round trip may take, positive
		 * @param failOpenShare share of the budget each instance keeps to while fail-open, more than 0 and at most 1
		 * @throws IllegalArgumentException if a value is missing or out of range
		 */
		public StoreSettings {
			Assert.notNull(onStoreFailure, "onStoreFailure must not be null");
			Assert.isTrue(timeout != null && !timeout.isNegative() && !timeout.isZero(), "timeout must be positive");
			Assert.isTrue(startupTimeout != null && !startupTimeout.isNegative() && !startupTimeout.isZero(),
					"startupTimeout must be positive");
			Assert.isTrue(failOpenShare > 0 && failOpenShare <= 1, "failOpenShare must be more than 0 and at most 1");
		}

		/**
		 * Settings with the default startup timeout and fail-open share.
		 * @param onStoreFailure what a request does while the store does not answer
		 * @param timeout longest the round trips of one permit may take
		 * @return the settings
		 */
		public static StoreSettings of(StoreFailurePolicy onStoreFailure, Duration timeout) {
			return new StoreSettings(onStoreFailure, timeout, DEFAULT_STARTUP_TIMEOUT, DEFAULT_FAIL_OPEN_SHARE);
		}

		/**
		 * The budget an instance keeps to while it cannot reach the store: the share of the rate, and of the burst (at
		 * least one request).
		 * @param budget the shared budget
		 * @return the local budget
		 */
		RateLimiter.Budget fallback(RateLimiter.Budget budget) {
			return new RateLimiter.Budget(budget.requestsPerSecond() * this.failOpenShare,
					Math.max(1, (int) Math.floor(budget.burst() * this.failOpenShare)), budget.maxWait());
		}

	}

}
