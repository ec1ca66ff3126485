package io.github.servicetitan4j.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.servicetitan4j.export.ExportLeaseMode;
import io.github.servicetitan4j.ratelimit.StoreFailurePolicy;
import io.github.servicetitan4j.ServiceTitanEnvironment;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties for the ServiceTitan client.
 */
@ConfigurationProperties("servicetitan")
public class ServiceTitanProperties {

	/**
	 * OAuth client id of the tenant's client credentials (per tenant and environment).
	 */
	private @Nullable String clientId;

	/**
	 * OAuth client secret of the tenant's client credentials.
	 */
	private @Nullable String clientSecret;

	/**
	 * Application key, sent as the ST-App-Key header; the same in every tenant and environment.
	 */
	private @Nullable String appKey;

	/**
	 * Tenant id, a number.
	 */
	private @Nullable String tenantId;

	/**
	 * ServiceTitan environment, 'production' or 'integration'; picks both the API root and the auth root.
	 */
	private ServiceTitanEnvironment environment = ServiceTitanEnvironment.PRODUCTION;

	/**
	 * API root overriding the environment's, such as https://api-integration.servicetitan.io.
	 */
	private @Nullable URI apiUrl;

	/**
	 * Auth root overriding the environment's; the token endpoint is {auth-url}/connect/token.
	 */
	private @Nullable URI authUrl;

	/**
	 * Connect timeout of API and token requests.
	 */
	private Duration connectTimeout = Duration.ofSeconds(10);

	/**
	 * Read timeout of API and token requests: the longest wait for the response headers and for each further piece
	 * of a body (ServiceTitan's own request timeout is 100 seconds). Time the application spends between records does
	 * not count.
	 */
	private Duration readTimeout = Duration.ofSeconds(100);

	/**
	 * Page size of multi-page walks (getAll, streamAll) whose query names none, 1 to 5000.
	 */
	private int pageSize = 5000;

	/**
	 * Largest response body read whole into memory (getOne, getMany, create, update, delete, exportOne, look-ahead
	 * pages, download as bytes), counted after decompression; a larger one fails with a ResponseTooLargeException.
	 * Streaming walks and downloads to a file are not limited.
	 */
	private DataSize maxResponseSize = DataSize.ofMegabytes(64);

	/**
	 * Tenants by name (the key), each with its own tenant id and client credentials; use instead of tenant-id,
	 * client-id and client-secret when the application serves several tenants. app-key, environment, api-url and
	 * auth-url above are shared by every tenant unless the tenant sets its own.
	 */
	private final Map<String, Tenant> tenants = new LinkedHashMap<>();

	/**
	 * Name of the tenant (a key of tenants) injected as the EndpointFactory bean when several tenants are configured.
	 */
	private @Nullable String defaultTenant;

	private final RuntimeTenants runtimeTenants = new RuntimeTenants();

	private final Retry retry = new Retry();

	private final RateLimit rateLimit = new RateLimit();

	private final Paging paging = new Paging();

	private final Export export = new Export();

	private final Records records = new Records();

	private final Observations observations = new Observations();

	private final Health health = new Health();

	private final Reporting reporting = new Reporting();

	/**
	 * {@code servicetitan.client-id}: OAuth client id of the tenant's client credentials (per tenant and environment).
	 * @return client id, or null when unset
	 */
	public @Nullable String getClientId() {
		return this.clientId;
	}

	/**
	 * Sets {@code servicetitan.client-id}; see {@link #getClientId()}.
	 * @param clientId client id, or null to unset
	 */
	public void setClientId(@Nullable String clientId) {
		this.clientId = clientId;
	}

	/**
	 * {@code servicetitan.client-secret}: OAuth client secret of the tenant's client credentials.
	 * @return client secret, or null when unset
	 */
	public @Nullable String getClientSecret() {
		return this.clientSecret;
	}

	/**
	 * Sets {@code servicetitan.client-secret}; see {@link #getClientSecret()}.
	 * @param clientSecret client secret, or null to unset
	 */
	public void setClientSecret(@Nullable String clientSecret) {
		this.clientSecret = clientSecret;
	}

	/**
	 * {@code servicetitan.app-key}: application key, sent as the ST-App-Key header; the same in every tenant and
	 * environment.
	 * @return app key, or null when unset
	 */
	public @Nullable String getAppKey() {
		return this.appKey;
	}

	/**
	 * Sets {@code servicetitan.app-key}; see {@link #getAppKey()}.
	 * @param appKey app key, or null to unset
	 */
	public void setAppKey(@Nullable String appKey) {
		this.appKey = appKey;
	}

	/**
	 * {@code servicetitan.tenant-id}: tenant id, a number.
	 * @return tenant id, or null when unset
	 */
	public @Nullable String getTenantId() {
		return this.tenantId;
	}

	/**
	 * Sets {@code servicetitan.tenant-id}; see {@link #getTenantId()}.
	 * @param tenantId tenant id, or null to unset
	 */
	public void setTenantId(@Nullable String tenantId) {
		this.tenantId = tenantId;
	}

	/**
	 * {@code servicetitan.environment}: ServiceTitan environment, 'production' or 'integration'; picks both the
	 * API root and the auth root.
	 * @return environment
	 */
	public ServiceTitanEnvironment getEnvironment() {
		return this.environment;
	}

	/**
	 * Sets {@code servicetitan.environment}; see {@link #getEnvironment()}.
	 * @param environment environment
	 */
	public void setEnvironment(ServiceTitanEnvironment environment) {
		this.environment = environment;
	}

	/**
	 * {@code servicetitan.api-url}: API root overriding the environment's, such as
	 * https://api-integration.servicetitan.io.
	 * @return API URL, or null when unset
	 */
	public @Nullable URI getApiUrl() {
		return this.apiUrl;
	}

	/**
	 * Sets {@code servicetitan.api-url}; see {@link #getApiUrl()}.
	 * @param apiUrl API URL, or null to unset
	 */
	public void setApiUrl(@Nullable URI apiUrl) {
		this.apiUrl = apiUrl;
	}

	/**
	 * {@code servicetitan.auth-url}: auth root overriding the environment's; the token endpoint is
	 * {auth-url}/connect/token.
	 * @return auth URL, or null when unset
	 */
	public @Nullable URI getAuthUrl() {
		return this.authUrl;
	}

	/**
	 * Sets {@code servicetitan.auth-url}; see {@link #getAuthUrl()}.
	 * @param authUrl auth URL, or null to unset
	 */
	public void setAuthUrl(@Nullable URI authUrl) {
		this.authUrl = authUrl;
	}

	/**
	 * {@code servicetitan.max-response-size}: largest response body read whole into memory (getOne, getMany,
	 * create, update, delete, exportOne, look-ahead pages, download as bytes), counted after decompression; a
	 * larger one fails with a ResponseTooLargeException. Streaming walks and downloads to a file are not limited.
	 * @return max response size
	 */
	public DataSize getMaxResponseSize() {
		return this.maxResponseSize;
	}

	/**
	 * Sets {@code servicetitan.max-response-size}; see {@link #getMaxResponseSize()}.
	 * @param maxResponseSize max response size
	 */
	public void setMaxResponseSize(DataSize maxResponseSize) {
		this.maxResponseSize = maxResponseSize;
	}

	/**
	 * {@code servicetitan.connect-timeout}: connect timeout of API and token requests.
	 * @return connect timeout
	 */
	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	/**
	 * Sets {@code servicetitan.connect-timeout}; see {@link #getConnectTimeout()}.
	 * @param connectTimeout connect timeout
	 */
	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	/**
	 * {@code servicetitan.read-timeout}: read timeout of API and token requests: the longest wait for the response
	 * headers and for each further piece of a body (ServiceTitan's own request timeout is 100 seconds). Time the
	 * application spends between records does not count.
	 * @return read timeout
	 */
	public Duration getReadTimeout() {
		return this.readTimeout;
	}

	/**
	 * Sets {@code servicetitan.read-timeout}; see {@link #getReadTimeout()}.
	 * @param readTimeout read timeout
	 */
	public void setReadTimeout(Duration readTimeout) {
		this.readTimeout = readTimeout;
	}

	/**
	 * {@code servicetitan.page-size}: page size of multi-page walks (getAll, streamAll) whose query names none, 1
	 * to 5000.
	 * @return page size
	 */
	public int getPageSize() {
		return this.pageSize;
	}

	/**
	 * Sets {@code servicetitan.page-size}; see {@link #getPageSize()}.
	 * @param pageSize page size
	 */
	public void setPageSize(int pageSize) {
		this.pageSize = pageSize;
	}

	/**
	 * {@code servicetitan.tenants}: tenants by name (the key), each with its own tenant id and client credentials;
	 * use instead of tenant-id, client-id and client-secret when the application serves several tenants. app-key,
	 * environment, api-url and auth-url above are shared by every tenant unless the tenant sets its own.
	 * @return tenants
	 */
	public Map<String, Tenant> getTenants() {
		return this.tenants;
	}

	/**
	 * {@code servicetitan.default-tenant}: name of the tenant (a key of tenants) injected as the EndpointFactory
	 * bean when several tenants are configured.
	 * @return default tenant, or null when unset
	 */
	public @Nullable String getDefaultTenant() {
		return this.defaultTenant;
	}

	/**
	 * Sets {@code servicetitan.default-tenant}; see {@link #getDefaultTenant()}.
	 * @param defaultTenant default tenant, or null to unset
	 */
	public void setDefaultTenant(@Nullable String defaultTenant) {
		this.defaultTenant = defaultTenant;
	}

	/**
	 * {@code servicetitan.runtime-tenants.*}: tenants a {@code ServiceTitanTenantSource} bean supplies at run time.
	 * @return runtime tenant settings
	 */
	public RuntimeTenants getRuntimeTenants() {
		return this.runtimeTenants;
	}

	/**
	 * {@code servicetitan.retry.*}: retries of failed calls.
	 * @return retry settings
	 */
	public Retry getRetry() {
		return this.retry;
	}

	/**
	 * {@code servicetitan.rate-limit.*}: client-side rate limit, shared by every endpoint of the tenant.
	 * @return rate-limit settings
	 */
	public RateLimit getRateLimit() {
		return this.rateLimit;
	}

	/**
	 * {@code servicetitan.paging.*}: multi-page walks ({@code getAll}, {@code streamAll}).
	 * @return paging settings
	 */
	public Paging getPaging() {
		return this.paging;
	}

	/**
	 * {@code servicetitan.export.*}: export feeds and where their checkpoints are kept.
	 * @return export settings
	 */
	public Export getExport() {
		return this.export;
	}

	/**
	 * {@code servicetitan.records.*}: typed records (the {@code Class} overloads of {@code Endpoint}).
	 * @return record settings
	 */
	public Records getRecords() {
		return this.records;
	}

	/**
	 * {@code servicetitan.observations.*}: observations and meters of the client.
	 * @return observation settings
	 */
	public Observations getObservations() {
		return this.observations;
	}

	/**
	 * {@code servicetitan.health.*}: health indicator of the client.
	 * @return health settings
	 */
	public Health getHealth() {
		return this.health;
	}

	/**
	 * {@code servicetitan.reporting.*}: report runs (the Reporting API).
	 * @return reporting settings
	 */
	public Reporting getReporting() {
		return this.reporting;
	}

	/**
	 * One tenant of several: its credentials, and where it differs from the shared settings.
	 */
	public static class Tenant {

		/**
		 * Tenant id, a number.
		 */
		private @Nullable String tenantId;

		/**
		 * OAuth client id of this tenant's client credentials.
		 */
		private @Nullable String clientId;

		/**
		 * OAuth client secret of this tenant's client credentials.
		 */
		private @Nullable String clientSecret;

		/**
		 * ServiceTitan environment of this tenant, 'production' or 'integration'; the shared environment when unset.
		 */
		private @Nullable ServiceTitanEnvironment environment;

		/**
		 * API root of this tenant; the shared api-url, or its environment's, when unset.
		 */
		private @Nullable URI apiUrl;

		/**
		 * Auth root of this tenant; the shared auth-url, or its environment's, when unset.
		 */
		private @Nullable URI authUrl;

		/**
		 * {@code servicetitan.tenants.<name>.tenant-id}: tenant id, a number.
		 * @return tenant id, or null when unset
		 */
		public @Nullable String getTenantId() {
			return this.tenantId;
		}

		/**
		 * Sets {@code servicetitan.tenants.<name>.tenant-id}; see {@link #getTenantId()}.
		 * @param tenantId tenant id, or null to unset
		 */
		public void setTenantId(@Nullable String tenantId) {
			this.tenantId = tenantId;
		}

		/**
		 * {@code servicetitan.tenants.<name>.client-id}: OAuth client id of this tenant's client credentials.
		 * @return client id, or null when unset
		 */
		public @Nullable String getClientId() {
			return this.clientId;
		}

		/**
		 * Sets {@code servicetitan.tenants.<name>.client-id}; see {@link #getClientId()}.
		 * @param clientId client id, or null to unset
		 */
		public void setClientId(@Nullable String clientId) {
			this.clientId = clientId;
		}

		/**
		 * {@code servicetitan.tenants.<name>.client-secret}: OAuth client secret of this tenant's client credentials.
		 * @return client secret, or null when unset
		 */
		public @Nullable String getClientSecret() {
			return this.clientSecret;
		}

		/**
		 * Sets {@code servicetitan.tenants.<name>.client-secret}; see {@link #getClientSecret()}.
		 * @param clientSecret client secret, or null to unset
		 */
		public void setClientSecret(@Nullable String clientSecret) {
			this.clientSecret = clientSecret;
		}

		/**
		 * {@code servicetitan.tenants.<name>.environment}: ServiceTitan environment of this tenant, 'production'
		 * or 'integration'; the shared environment when unset.
		 * @return environment, or null when unset
		 */
		public @Nullable ServiceTitanEnvironment getEnvironment() {
			return this.environment;
		}

		/**
		 * Sets {@code servicetitan.tenants.<name>.environment}; see {@link #getEnvironment()}.
		 * @param environment environment, or null to unset
		 */
		public void setEnvironment(@Nullable ServiceTitanEnvironment environment) {
			this.environment = environment;
		}

		/**
		 * {@code servicetitan.tenants.<name>.api-url}: API root of this tenant; the shared api-url, or its
		 * environment's, when unset.
		 * @return API URL, or null when unset
		 */
		public @Nullable URI getApiUrl() {
			return this.apiUrl;
		}

		/**
		 * Sets {@code servicetitan.tenants.<name>.api-url}; see {@link #getApiUrl()}.
		 * @param apiUrl API URL, or null to unset
		 */
		public void setApiUrl(@Nullable URI apiUrl) {
			this.apiUrl = apiUrl;
		}

		/**
		 * {@code servicetitan.tenants.<name>.auth-url}: auth root of this tenant; the shared auth-url, or its
		 * environment's, when unset.
		 * @return auth URL, or null when unset
		 */
		public @Nullable URI getAuthUrl() {
			return this.authUrl;
		}

		/**
		 * Sets {@code servicetitan.tenants.<name>.auth-url}; see {@link #getAuthUrl()}.
		 * @param authUrl auth URL, or null to unset
		 */
		public void setAuthUrl(@Nullable URI authUrl) {
			this.authUrl = authUrl;
		}

	}

	/**
	 * Tenants that a ServiceTitanTenantSource bean supplies while the application runs.
	 */
	public static class RuntimeTenants {

		/**
		 * Most runtime tenants whose clients are kept at once; beyond it the least recently used client is closed and
		 * built again on its next use.
		 */
		private int maxClients = 1000;

		/**
		 * {@code servicetitan.runtime-tenants.max-clients}: most runtime tenants whose clients are kept at once;
		 * beyond it the least recently used client is closed and built again on its next use.
		 * @return max clients
		 */
		public int getMaxClients() {
			return this.maxClients;
		}

		/**
		 * Sets {@code servicetitan.runtime-tenants.max-clients}; see {@link #getMaxClients()}.
		 * @param maxClients max clients
		 */
		public void setMaxClients(int maxClients) {
			this.maxClients = maxClients;
		}

	}

	/**
	 * Retries of failed calls.
	 */
	public static class Retry {

		/**
		 * Whether failed calls are retried (transport failures, 408, 429, 500, 502, 503, 504; POST and PATCH only when
		 * the server cannot have acted). A 401 is repeated once with a new token either way.
		 */
		private boolean enabled = true;

		/**
		 * Attempts per call, the first included; also bounds the attempts of a token request.
		 */
		private int maxAttempts = 4;

		/**
		 * Delay before the first retry when the server sends no Retry-After; the ceiling doubles on each further retry
		 * and the delay is drawn between half the ceiling (at least this) and the ceiling.
		 */
		private Duration initialBackoff = Duration.ofMillis(500);

		/**
		 * Upper bound of the exponential backoff.
		 */
		private Duration maxBackoff = Duration.ofSeconds(30);

		/**
		 * Longest Retry-After the client waits for; a longer one fails the call at once with a
		 * ServiceTitanApiException.TooManyRequests carrying the server's value.
		 */
		private Duration maxRetryAfter = Duration.ofMinutes(2);

		/**
		 * {@code servicetitan.retry.enabled}: whether failed calls are retried (transport failures, 408, 429, 500,
		 * 502, 503, 504; POST and PATCH only when the server cannot have acted). A 401 is repeated once with a new
		 * token either way.
		 * @return whether calls are retried
		 */
		public boolean isEnabled() {
			return this.enabled;
		}

		/**
		 * Sets {@code servicetitan.retry.enabled}; see {@link #isEnabled()}.
		 * @param enabled whether to retry failed calls
		 */
		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		/**
		 * {@code servicetitan.retry.max-attempts}: attempts per call, the first included; also bounds the attempts
		 * of a token request.
		 * @return max attempts
		 */
		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		/**
		 * Sets {@code servicetitan.retry.max-attempts}; see {@link #getMaxAttempts()}.
		 * @param maxAttempts max attempts
		 */
		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		/**
		 * {@code servicetitan.retry.initial-backoff}: delay before the first retry when the server sends no
		 * Retry-After; the ceiling doubles on each further retry and the delay is drawn between half the ceiling
		 * (at least this) and the ceiling.
		 * @return initial backoff
		 */
		public Duration getInitialBackoff() {
			return this.initialBackoff;
		}

		/**
		 * Sets {@code servicetitan.retry.initial-backoff}; see {@link #getInitialBackoff()}.
		 * @param initialBackoff initial backoff
		 */
		public void setInitialBackoff(Duration initialBackoff) {
			this.initialBackoff = initialBackoff;
		}

		/**
		 * {@code servicetitan.retry.max-backoff}: upper bound of the exponential backoff.
		 * @return max backoff
		 */
		public Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		/**
		 * Sets {@code servicetitan.retry.max-backoff}; see {@link #getMaxBackoff()}.
		 * @param maxBackoff max backoff
		 */
		public void setMaxBackoff(Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

		/**
		 * {@code servicetitan.retry.max-retry-after}: longest Retry-After the client waits for; a longer one fails
		 * the call at once with a RateLimitException carrying the server's value.
		 * @return max retry after
		 */
		public Duration getMaxRetryAfter() {
			return this.maxRetryAfter;
		}

		/**
		 * Sets {@code servicetitan.retry.max-retry-after}; see {@link #getMaxRetryAfter()}.
		 * @param maxRetryAfter max retry after
		 */
		public void setMaxRetryAfter(Duration maxRetryAfter) {
			this.maxRetryAfter = maxRetryAfter;
		}

	}

	/**
	 * Client-side rate limit, shared by every endpoint of the tenant.
	 */
	public static class RateLimit {

		/**
		 * Most requests in any one second; ServiceTitan allows 60 per application and tenant. The bucket refills at
		 * this rate minus (burst - 1), so that a burst never pushes a second over it. 0 turns the limiter off.
		 */
		private double requestsPerSecond = 60;

		/**
		 * Requests allowed back to back after a quiet spell, on top of the sustained rate.
		 */
		private int burst = 5;

		/**
		 * Longest a request waits for its turn at the limiter before failing with RateLimiterTimeoutException; a pause
		 * that ServiceTitan asked for with a 429 is waited out on top of it.
		 */
		private Duration maxWait = Duration.ofSeconds(30);

		/**
		 * Where the rate budget lives: 'local' (each instance limits itself), 'redis' (the application's Redis
		 * connection, one budget for every instance) or 'jdbc' (a table in the application's PostgreSQL DataSource,
		 * one budget for every instance).
		 */
		private Store store = Store.LOCAL;

		/**
		 * What a shared limiter does while its store does not answer: 'fail-open' (each instance limits itself
		 * locally, with one warning and a health detail) or 'fail-closed' (requests fail without being sent).
		 */
		private StoreFailurePolicy onStoreFailure = StoreFailurePolicy.FAIL_OPEN;

		/**
		 * Longest a request waits for the store's answers before the store counts as unavailable (capped at
		 * max-wait).
		 */
		private Duration storeTimeout = Duration.ofMillis(500);

		/**
		 * Longest the startup waits for the store's first connection and round trip (a cold JVM, a new connection,
		 * the store's scripts), which store-timeout does not time. The application reports ready only after it; a store
		 * that does not answer by then is handled as on-store-failure says (fail-closed: the startup fails).
		 */
		private Duration storeStartupTimeout = Duration.ofSeconds(10);

		/**
		 * Share of the budget, more than 0 and at most 1, that each instance keeps to while it cannot reach the store
		 * and on-store-failure is fail-open: the default 0.25 keeps up to four instances cut off from the store within
		 * the budget together. The instance returns to the shared budget as soon as the store answers (tried every
		 * second).
		 */
		private double failOpenShare = 0.25;

		private final Jdbc jdbc = new Jdbc();

		public Duration getStoreStartupTimeout() {
			return this.storeStartupTimeout;
		}

		public void setStoreStartupTimeout(Duration storeStartupTimeout) {
			this.storeStartupTimeout = storeStartupTimeout;
		}

		public double getFailOpenShare() {
			return this.failOpenShare;
		}

		public void setFailOpenShare(double failOpenShare) {
			this.failOpenShare = failOpenShare;
		}

		/**
		 * {@code servicetitan.rate-limit.store}: where the rate budget lives: 'local' (each instance limits
		 * itself), 'redis' (the application's Redis connection, one budget for every instance) or 'jdbc' (a table
		 * in the application's PostgreSQL DataSource, one budget for every instance).
		 * @return store type
		 */
		public Store getStore() {
			return this.store;
		}

		/**
		 * Sets {@code servicetitan.rate-limit.store}; see {@link #getStore()}.
		 * @param store store type
		 */
		public void setStore(Store store) {
			this.store = store;
		}

		/**
		 * {@code servicetitan.rate-limit.on-store-failure}: what a shared limiter does while its store does not
		 * answer: 'fail-open' (each instance limits itself locally, with one warning and a health detail) or
		 * 'fail-closed' (requests fail without being sent).
		 * @return failure policy
		 */
		public StoreFailurePolicy getOnStoreFailure() {
			return this.onStoreFailure;
		}

		/**
		 * Sets {@code servicetitan.rate-limit.on-store-failure}; see {@link #getOnStoreFailure()}.
		 * @param onStoreFailure failure policy
		 */
		public void setOnStoreFailure(StoreFailurePolicy onStoreFailure) {
			this.onStoreFailure = onStoreFailure;
		}

		/**
		 * {@code servicetitan.rate-limit.store-timeout}: longest a request waits for the store's answers before
		 * the store counts as unavailable (capped at max-wait).
		 * @return store timeout
		 */
		public Duration getStoreTimeout() {
			return this.storeTimeout;
		}

		/**
		 * Sets {@code servicetitan.rate-limit.store-timeout}; see {@link #getStoreTimeout()}.
		 * @param storeTimeout store timeout
		 */
		public void setStoreTimeout(Duration storeTimeout) {
			this.storeTimeout = storeTimeout;
		}

		/**
		 * {@code servicetitan.rate-limit.jdbc.*}: JDBC rate-limit store, when store is jdbc.
		 * @return JDBC store settings
		 */
		public Jdbc getJdbc() {
			return this.jdbc;
		}

		/**
		 * Where the rate budget lives.
		 */
		public enum Store {

			/**
			 * In each instance: right for one instance.
			 */
			LOCAL,

			/**
			 * In the application's Redis: one budget for every instance.
			 */
			REDIS,

			/**
			 * In a table of the application's PostgreSQL DataSource: one budget for every instance.
			 */
			JDBC

		}

		/**
		 * JDBC rate-limit store.
		 */
		public static class Jdbc {

			/**
			 * Whether to create the rate-limit table at startup if it does not exist (the script is
			 * io/github/servicetitan4j/ratelimit/schema-postgresql.sql); turn off when the schema is managed elsewhere.
			 */
			private boolean initializeSchema = true;

			/**
			 * {@code servicetitan.rate-limit.jdbc.initialize-schema}: whether to create the rate-limit table at
			 * startup if it does not exist (the script is
			 * io/github/servicetitan4j/ratelimit/schema-postgresql.sql); turn off when the schema is managed elsewhere.
			 * @return whether the table is created at startup
			 */
			public boolean isInitializeSchema() {
				return this.initializeSchema;
			}

			/**
			 * Sets {@code servicetitan.rate-limit.jdbc.initialize-schema}; see {@link #isInitializeSchema()}.
			 * @param initializeSchema whether to create the table at startup
			 */
			public void setInitializeSchema(boolean initializeSchema) {
				this.initializeSchema = initializeSchema;
			}

		}

		/**
		 * {@code servicetitan.rate-limit.requests-per-second}: most requests in any one second; ServiceTitan
		 * allows 60 per application and tenant. The bucket refills at this rate minus (burst - 1), so that a burst
		 * never pushes a second over it. 0 turns the limiter off.
		 * @return requests per second
		 */
		public double getRequestsPerSecond() {
			return this.requestsPerSecond;
		}

		/**
		 * Sets {@code servicetitan.rate-limit.requests-per-second}; see {@link #getRequestsPerSecond()}.
		 * @param requestsPerSecond requests per second
		 */
		public void setRequestsPerSecond(double requestsPerSecond) {
			this.requestsPerSecond = requestsPerSecond;
		}

		/**
		 * {@code servicetitan.rate-limit.burst}: requests allowed back to back after a quiet spell, on top of the
		 * sustained rate.
		 * @return burst
		 */
		public int getBurst() {
			return this.burst;
		}

		/**
		 * Sets {@code servicetitan.rate-limit.burst}; see {@link #getBurst()}.
		 * @param burst burst
		 */
		public void setBurst(int burst) {
			this.burst = burst;
		}

		/**
		 * {@code servicetitan.rate-limit.max-wait}: longest a request waits for its turn at the limiter before
		 * failing with RateLimiterTimeoutException; a pause that ServiceTitan asked for with a 429 is waited out
		 * on top of it.
		 * @return max wait
		 */
		public Duration getMaxWait() {
			return this.maxWait;
		}

		/**
		 * Sets {@code servicetitan.rate-limit.max-wait}; see {@link #getMaxWait()}.
		 * @param maxWait max wait
		 */
		public void setMaxWait(Duration maxWait) {
			this.maxWait = maxWait;
		}

	}

	/**
	 * Multi-page walks (getAll, streamAll).
	 */
	public static class Paging {

		/**
		 * Pages fetched concurrently ahead of the consumer, 1 to 16, once the first page (which asks for
		 * includeTotal=true unless the query names it) has told the page count; records are still delivered in page
		 * order, the rate limit still holds and at most this many pages are held in memory. 1 walks page by page.
		 */
		private int concurrency = 5;

		/**
		 * {@code servicetitan.paging.concurrency}: pages fetched concurrently ahead of the consumer, 1 to 16, once
		 * the first page (which asks for includeTotal=true unless the query names it) has told the page count;
		 * records are still delivered in page order, the rate limit still holds and at most this many pages are
		 * held in memory. 1 walks page by page.
		 * @return pages fetched at once
		 */
		public int getConcurrency() {
			return this.concurrency;
		}

		/**
		 * Sets {@code servicetitan.paging.concurrency}; see {@link #getConcurrency()}.
		 * @param concurrency pages fetched at once
		 */
		public void setConcurrency(int concurrency) {
			this.concurrency = concurrency;
		}

	}

	/**
	 * Export feeds.
	 */
	public static class Export {

		/**
		 * Where the ExportCheckpointStore bean keeps export checkpoints: 'memory' (lost on restart) or 'jdbc' (a table
		 * in the application's DataSource).
		 */
		private CheckpointStoreType checkpoints = CheckpointStoreType.MEMORY;

		private final Jdbc jdbc = new Jdbc();

		private final Lease lease = new Lease();

		/**
		 * {@code servicetitan.export.lease.*}: leases of checkpointed export feeds, so that one instance drains a
		 * feed at a time.
		 * @return lease settings
		 */
		public Lease getLease() {
			return this.lease;
		}

		/**
		 * {@code servicetitan.export.checkpoints}: where the ExportCheckpointStore bean keeps export checkpoints:
		 * 'memory' (lost on restart) or 'jdbc' (a table in the application's DataSource).
		 * @return checkpoint store type
		 */
		public CheckpointStoreType getCheckpoints() {
			return this.checkpoints;
		}

		/**
		 * Sets {@code servicetitan.export.checkpoints}; see {@link #getCheckpoints()}.
		 * @param checkpoints checkpoint store type
		 */
		public void setCheckpoints(CheckpointStoreType checkpoints) {
			this.checkpoints = checkpoints;
		}

		/**
		 * {@code servicetitan.export.jdbc.*}: JDBC export checkpoint store.
		 * @return JDBC store settings
		 */
		public Jdbc getJdbc() {
			return this.jdbc;
		}

		/**
		 * Kinds of export checkpoint store.
		 */
		public enum CheckpointStoreType {

			/**
			 * In memory: exports resume within one run of the application.
			 */
			MEMORY,

			/**
			 * In a database table: exports resume across restarts.
			 */
			JDBC

		}

		/**
		 * JDBC export checkpoint store.
		 */
		public static class Jdbc {

			/**
			 * Whether to create the checkpoint table (io/github/servicetitan4j/export/schema.sql) and, with JDBC
			 * leases, the lease table (io/github/servicetitan4j/export/lease-schema.sql) at startup if they do not
			 * exist; turn off when the schema is managed elsewhere.
			 */
			private boolean initializeSchema = true;

			/**
			 * {@code servicetitan.export.jdbc.initialize-schema}: whether to create the checkpoint table
			 * (io/github/servicetitan4j/export/schema.sql) and, with JDBC leases, the lease table
			 * (io/github/servicetitan4j/export/lease-schema.sql) at startup if they do not exist; turn off when
			 * the schema is managed elsewhere.
			 * @return whether the table is created at startup
			 */
			public boolean isInitializeSchema() {
				return this.initializeSchema;
			}

			/**
			 * Sets {@code servicetitan.export.jdbc.initialize-schema}; see {@link #isInitializeSchema()}.
			 * @param initializeSchema whether to create the table at startup
			 */
			public void setInitializeSchema(boolean initializeSchema) {
				this.initializeSchema = initializeSchema;
			}

		}

		/**
		 * Leases of checkpointed export feeds: one instance drains a feed at a time.
		 */
		public static class Lease {

			/**
			 * Where the leases live: 'none' (every instance drains every feed), 'jdbc' (a table in the application's
			 * DataSource, through Spring Integration's JdbcLockRegistry) or 'redis' (the application's Redis, through
			 * RedisLockRegistry).
			 */
			private LeaseStore store = LeaseStore.NONE;

			/**
			 * What an instance does while another one drains the feed: 'skip' (the export returns nothing at once)
			 * or 'wait' (for up to max-wait, then drain from the other's last checkpoint).
			 */
			private ExportLeaseMode whenHeld = ExportLeaseMode.SKIP;

			/**
			 * How long a lease lasts without renewal; it is renewed after every batch, and lapses this long after its
			 * holder died.
			 */
			private Duration timeToLive = Duration.ofSeconds(30);

			/**
			 * Longest an instance waits for a lease when when-held is 'wait'.
			 */
			private Duration maxWait = Duration.ofMinutes(1);

			/**
			 * {@code servicetitan.export.lease.store}: where the leases live: 'none' (every instance drains every
			 * feed), 'jdbc' (a table in the application's DataSource, through Spring Integration's
			 * JdbcLockRegistry) or 'redis' (the application's Redis, through RedisLockRegistry).
			 * @return store type
			 */
			public LeaseStore getStore() {
				return this.store;
			}

			/**
			 * Sets {@code servicetitan.export.lease.store}; see {@link #getStore()}.
			 * @param store store type
			 */
			public void setStore(LeaseStore store) {
				this.store = store;
			}

			/**
			 * {@code servicetitan.export.lease.when-held}: what an instance does while another one drains the
			 * feed: 'skip' (the export returns nothing at once) or 'wait' (for up to max-wait, then drain from the
			 * other's last checkpoint).
			 * @return what to do while another instance holds the lease
			 */
			public ExportLeaseMode getWhenHeld() {
				return this.whenHeld;
			}

			/**
			 * Sets {@code servicetitan.export.lease.when-held}; see {@link #getWhenHeld()}.
			 * @param whenHeld what to do while another instance holds the lease
			 */
			public void setWhenHeld(ExportLeaseMode whenHeld) {
				this.whenHeld = whenHeld;
			}

			/**
			 * {@code servicetitan.export.lease.time-to-live}: how long a lease lasts without renewal; it is
			 * renewed after every batch, and lapses this long after its holder died.
			 * @return time to live
			 */
			public Duration getTimeToLive() {
				return this.timeToLive;
			}

			/**
			 * Sets {@code servicetitan.export.lease.time-to-live}; see {@link #getTimeToLive()}.
			 * @param timeToLive time to live
			 */
			public void setTimeToLive(Duration timeToLive) {
				this.timeToLive = timeToLive;
			}

			/**
			 * {@code servicetitan.export.lease.max-wait}: longest an instance waits for a lease when when-held is
			 * 'wait'.
			 * @return max wait
			 */
			public Duration getMaxWait() {
				return this.maxWait;
			}

			/**
			 * Sets {@code servicetitan.export.lease.max-wait}; see {@link #getMaxWait()}.
			 * @param maxWait max wait
			 */
			public void setMaxWait(Duration maxWait) {
				this.maxWait = maxWait;
			}

			/**
			 * Where export leases live.
			 */
			public enum LeaseStore {

				/**
				 * Nowhere: no lease is taken.
				 */
				NONE,

				/**
				 * In a table of the application's DataSource.
				 */
				JDBC,

				/**
				 * In the application's Redis.
				 */
				REDIS

			}

		}

	}

	/**
	 * Observations and metrics of the client.
	 */
	public static class Observations {

		/**
		 * Whether observations and meters carry the tenant as a tag (its tenant id, or its name under
		 * servicetitan.tenants); with it off the tag's value is 'none'.
		 */
		private boolean tenantTag = true;

		/**
		 * {@code servicetitan.observations.tenant-tag}: whether observations and meters carry the tenant as a tag
		 * (its tenant id, or its name under servicetitan.tenants); with it off the tag's value is 'none'.
		 * @return whether the tenant is tagged
		 */
		public boolean isTenantTag() {
			return this.tenantTag;
		}

		/**
		 * Sets {@code servicetitan.observations.tenant-tag}; see {@link #isTenantTag()}.
		 * @param tenantTag whether to tag the tenant
		 */
		public void setTenantTag(boolean tenantTag) {
			this.tenantTag = tenantTag;
		}

	}

	/**
	 * Typed records (the Class overloads of Endpoint).
	 */
	public static class Records {

		/**
		 * Whether a typed record must hold every property its type expects: a record component or bean property with
		 * no matching JSON property fails with ServiceTitanMappingException instead of staying null. Meant for tests.
		 */
		private boolean strict;

		/**
		 * {@code servicetitan.records.strict}: whether a typed record must hold every property its type expects: a
		 * record component or bean property with no matching JSON property fails with ServiceTitanMappingException
		 * instead of staying null. Meant for tests.
		 * @return whether typed records are checked
		 */
		public boolean isStrict() {
			return this.strict;
		}

		/**
		 * Sets {@code servicetitan.records.strict}; see {@link #isStrict()}.
		 * @param strict whether to check typed records
		 */
		public void setStrict(boolean strict) {
			this.strict = strict;
		}

	}

	/**
	 * Health indicator of the client.
	 */
	public static class Health {

		/**
		 * Shortest time between two token requests of the health indicator after a failed one; polls in between
		 * answer the last result.
		 */
		private Duration minInterval = Duration.ofMinutes(1);

		/**
		 * {@code servicetitan.health.min-interval}: shortest time between two token requests of the health
		 * indicator after a failed one; polls in between answer the last result.
		 * @return min interval
		 */
		public Duration getMinInterval() {
			return this.minInterval;
		}

		/**
		 * Sets {@code servicetitan.health.min-interval}; see {@link #getMinInterval()}.
		 * @param minInterval min interval
		 */
		public void setMinInterval(Duration minInterval) {
			this.minInterval = minInterval;
		}

	}

	/**
	 * Report runs (the Reporting API).
	 */
	public static class Reporting {

		/**
		 * Data requests allowed per minute for each report, on top of the tenant's rate limit; ServiceTitan allows a
		 * few runs of the same report per minute per tenant, and a run of several pages makes one request per page. 0
		 * turns the per-report limiter off.
		 */
		private double requestsPerMinute = 1;

		/**
		 * Longest a data request waits for its report's turn before failing with ReportRateLimiterTimeoutException; a
		 * pause ServiceTitan asked for with a 429 is waited out on top of it.
		 */
		private Duration maxWait = Duration.ofMinutes(2);

		/**
		 * Rows per data request, 1 to 5000; larger pages mean fewer requests against the report's limit.
		 */
		private int pageSize = 5000;

		/**
		 * Whether each report's budget lives in the rate-limit store when servicetitan.rate-limit.store is redis or
		 * jdbc, so that every instance running the same report takes its turn from one budget; off, each instance
		 * limits each report alone.
		 */
		private boolean sharedBudget = true;

		public boolean isSharedBudget() {
			return this.sharedBudget;
		}

		public void setSharedBudget(boolean sharedBudget) {
			this.sharedBudget = sharedBudget;
		}

		/**
		 * {@code servicetitan.reporting.requests-per-minute}: data requests allowed per minute for each report, on
		 * top of the tenant's rate limit; ServiceTitan allows a few runs of the same report per minute per tenant,
		 * and a run of several pages makes one request per page. 0 turns the per-report limiter off.
		 * @return requests per minute
		 */
		public double getRequestsPerMinute() {
			return this.requestsPerMinute;
		}

		/**
		 * Sets {@code servicetitan.reporting.requests-per-minute}; see {@link #getRequestsPerMinute()}.
		 * @param requestsPerMinute requests per minute
		 */
		public void setRequestsPerMinute(double requestsPerMinute) {
			this.requestsPerMinute = requestsPerMinute;
		}

		/**
		 * {@code servicetitan.reporting.max-wait}: longest a data request waits for its report's turn before
		 * failing with ReportRateLimiterTimeoutException; a pause ServiceTitan asked for with a 429 is waited out
		 * on top of it.
		 * @return max wait
		 */
		public Duration getMaxWait() {
			return this.maxWait;
		}

		/**
		 * Sets {@code servicetitan.reporting.max-wait}; see {@link #getMaxWait()}.
		 * @param maxWait max wait
		 */
		public void setMaxWait(Duration maxWait) {
			this.maxWait = maxWait;
		}

		/**
		 * {@code servicetitan.reporting.page-size}: rows per data request, 1 to 5000; larger pages mean fewer
		 * requests against the report's limit.
		 * @return page size
		 */
		public int getPageSize() {
			return this.pageSize;
		}

		/**
		 * Sets {@code servicetitan.reporting.page-size}; see {@link #getPageSize()}.
		 * @param pageSize page size
		 */
		public void setPageSize(int pageSize) {
			this.pageSize = pageSize;
		}

	}

}
