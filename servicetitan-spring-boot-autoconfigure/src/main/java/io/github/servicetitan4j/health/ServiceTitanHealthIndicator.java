package io.github.servicetitan4j.health;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

import io.github.servicetitan4j.ServiceTitanClient;
import io.github.servicetitan4j.auth.AccessTokenProvider;
import io.github.servicetitan4j.internal.Failures;
import io.github.servicetitan4j.ratelimit.RateLimiterFactory.StoreStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health of the ServiceTitan client: UP when its credentials get a token, DOWN with a reason when they do not. It needs
 * only the client's {@link AccessTokenProvider} (and the names it reports), never the client: give it the supplier the
 * client uses ({@code ServiceTitanClient.Builder.buildTokenProvider()}, then {@code tokenProvider(...)} on the client's
 * builder), so that a token the client holds counts.
 * <p>
 * It never calls the API, so it spends no rate limit. A cached, valid token counts as UP without any request; only
 * when none is cached does it ask the token endpoint, so however often health is polled there is at most one token
 * request per token lifetime. A failure is remembered for {@code minInterval}: polls within it answer the same DOWN
 * without asking again.
 */
public class ServiceTitanHealthIndicator implements HealthIndicator {

	private final AccessTokenProvider tokens;

	private final String environment;

	private final String tenantId;

	private final String apiUrl;

	private final Duration minInterval;

	private final Clock clock;

	private final ReentrantLock lock = new ReentrantLock();

	private final @Nullable StoreStatus rateLimitStore;

	private @Nullable Failure lastFailure;

	/**
	 * Creates an indicator of any token supplier: what it needs is a way to get a token, not a particular client.
	 * @param tokens the token supplier to check
	 * @param tenantId the tenant, shown in the details
	 * @param apiUrl the API root, shown in the details (and naming the environment)
	 * @param minInterval how long a failed check is answered from memory
	 * @param clock the time source for that interval
	 */
	public ServiceTitanHealthIndicator(AccessTokenProvider tokens, String tenantId, URI apiUrl, Duration minInterval,
			Clock clock) {
		this(tokens, tenantId, apiUrl, minInterval, clock, null);
	}

	/**
	 * Creates an indicator of any token supplier that also tells whether the shared rate-limit store answers.
	 * @param tokens the token supplier to check
	 * @param tenantId the tenant, shown in the details
	 * @param apiUrl the API root, shown in the details (and naming the environment)
	 * @param minInterval how long a failed check is answered from memory
	 * @param clock the time source for that interval
	 * @param rateLimitStore the store of the rate limiter, or null when there is none
	 */
	public ServiceTitanHealthIndicator(AccessTokenProvider tokens, String tenantId, URI apiUrl, Duration minInterval,
			Clock clock, @Nullable StoreStatus rateLimitStore) {
		this.rateLimitStore = rateLimitStore;
		this.tokens = tokens;
		this.environment = environmentName(apiUrl);
		this.tenantId = tenantId;
		this.apiUrl = apiUrl.toString();
		this.minInterval = minInterval;
		this.clock = clock;
	}

	@Override
	public Health health() {
		Optional<Instant> cached = this.tokens.cachedTokenExpiry();
		if (cached.isPresent()) {
			return up(cached.get());
		}
		// One check at a time, so that concurrent polls make one token request between them.
		this.lock.lock();
		try {
			Failure failure = this.lastFailure;
			Instant now = this.clock.instant();
			if (failure != null && now.isBefore(failure.at().plus(this.minInterval))) {
				return failure.health();
			}
			cached = this.tokens.cachedTokenExpiry();
			if (cached.isPresent()) {
				return up(cached.get());
			}
			return check(now);
		}
		finally {
			this.lock.unlock();
		}
	}

	private Health check(Instant now) {
		try {
			this.tokens.token();
			this.lastFailure = null;
			return this.tokens.cachedTokenExpiry().map(this::up).orElseGet(() -> details(Health.up()).build());
		}
		catch (RuntimeException ex) {
			Health down = details(Health.down()).withDetail(Detail.REASON.key(), reason(ex))
				.withDetail(Detail.ERROR.key(), String.valueOf(ex.getMessage()))
				.build();
			this.lastFailure = new Failure(now, down);
			return down;
		}
	}

	private Health up(Instant expiresAt) {
		return details(Health.up()).withDetail(Detail.TOKEN_EXPIRES_AT.key(), expiresAt.toString())
			.build();
	}

	private Health.Builder details(Health.Builder builder) {
		builder.withDetail(Detail.ENVIRONMENT.key(), this.environment)
			.withDetail(Detail.TENANT_ID.key(), this.tenantId)
			.withDetail(Detail.API_URL.key(), this.apiUrl);
		StoreStatus store = this.rateLimitStore;
		if (store != null) {
			builder.withDetail(Detail.RATE_LIMIT_STORE.key(), store.details());
		}
		return builder;
	}

	/**
	 * Says in one word why no token could be had.
	 * @param failure what the token request threw
	 * @return the reason
	 */
	static String reason(Throwable failure) {
		return Failures.healthReason(failure);
	}

	private static String environmentName(URI apiUrl) {
		for (ServiceTitanClient.Environment environment : ServiceTitanClient.Environment.values()) {
			if (environment.apiUrl().equals(apiUrl)) {
				return environment.name().toLowerCase(Locale.ROOT);
			}
		}
		return "custom";
	}

	private record Failure(Instant at, Health health) {
	}

	/**
	 * The details {@link ServiceTitanHealthIndicator} reports; never a secret, a token or the app key. The README's
	 * "Monitoring" section is rendered from this list.
	 */
	public enum Detail {

		/** Environment. */
		ENVIRONMENT("environment", "`production`, `integration`, or `custom` when `api-url` names another root"),

		/** Tenant id. */
		TENANT_ID("tenantId", "tenant id"),

		/** API root. */
		API_URL("apiUrl", "API root the client calls"),

		/** Token expiry. */
		TOKEN_EXPIRES_AT("tokenExpiresAt", "expiry time of the cached token (UP only)"),

		/** Why the check failed. */
		REASON("reason",
				"why no token could be had (DOWN only): the OAuth error code (`invalid_client`, ...), "
						+ "`auth_server_unreachable`, `timeout`, `auth_server_error`, `http_<status>`"),

		/** The failure, without secrets. */
		ERROR("error", "the failure's message, naming the client id and never the secret (DOWN only)"),

		/** The shared rate-limit store. */
		RATE_LIMIT_STORE("rateLimitStore",
				"with a shared `rate-limit.store`: `store`, `available`, `onStoreFailure`, `failOpenShare` (with "
						+ "`fail-open`) and, while the store does not answer, `error` (an exception class) and "
						+ "`limiting` (what happens meanwhile: the share and rate each instance keeps to); does not "
						+ "change the status");

		private final String key;

		private final String description;

		Detail(String key, String description) {
			this.key = key;
			this.description = description;
		}

		/**
		 * Key in the health details.
		 * @return key, such as {@code error}
		 */
		public String key() {
			return this.key;
		}

		/**
		 * What the value says, for the README.
		 * @return description
		 */
		public String description() {
			return this.description;
		}

	}

}
