package io.github.servicetitan4j.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.servicetitan4j.Reports;
import io.github.servicetitan4j.ServiceTitanClient;
import io.github.servicetitan4j.export.ExportLeases;
import io.github.servicetitan4j.ratelimit.RateLimiterFactory.StoreFailurePolicy;
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
	private ServiceTitanClient.Environment environment = ServiceTitanClient.Environment.PRODUCTION;

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

	public @Nullable String getClientId() {
		return this.clientId;
	}

	public void setClientId(@Nullable String clientId) {
		this.clientId = clientId;
	}

	public @Nullable String getClientSecret() {
		return this.clientSecret;
	}

	public void setClientSecret(@Nullable String clientSecret) {
		this.clientSecret = clientSecret;
	}

	public @Nullable String getAppKey() {
		return this.appKey;
	}

	public void setAppKey(@Nullable String appKey) {
		this.appKey = appKey;
	}

	public @Nullable String getTenantId() {
		return this.tenantId;
	}

	public void setTenantId(@Nullable String tenantId) {
		this.tenantId = tenantId;
	}

	public ServiceTitanClient.Environment getEnvironment() {
		return this.environment;
	}

	public void setEnvironment(ServiceTitanClient.Environment environment) {
		this.environment = environment;
	}

	public @Nullable URI getApiUrl() {
		return this.apiUrl;
	}

	public void setApiUrl(@Nullable URI apiUrl) {
		this.apiUrl = apiUrl;
	}

	public @Nullable URI getAuthUrl() {
		return this.authUrl;
	}

	public void setAuthUrl(@Nullable URI authUrl) {
		this.authUrl = authUrl;
	}

	public DataSize getMaxResponseSize() {
		return this.maxResponseSize;
	}

	public void setMaxResponseSize(DataSize maxResponseSize) {
		this.maxResponseSize = maxResponseSize;
	}

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public Duration getReadTimeout() {
		return this.readTimeout;
	}

	public void setReadTimeout(Duration readTimeout) {
		this.readTimeout = readTimeout;
	}

	public int getPageSize() {
		return this.pageSize;
	}

	public void setPageSize(int pageSize) {
		this.pageSize = pageSize;
	}

	public Map<String, Tenant> getTenants() {
		return this.tenants;
	}

	public @Nullable String getDefaultTenant() {
		return this.defaultTenant;
	}

	public void setDefaultTenant(@Nullable String defaultTenant) {
		this.defaultTenant = defaultTenant;
	}

	public RuntimeTenants getRuntimeTenants() {
		return this.runtimeTenants;
	}

	public Retry getRetry() {
		return this.retry;
	}

	public RateLimit getRateLimit() {
		return this.rateLimit;
	}

	public Paging getPaging() {
		return this.paging;
	}

	public Export getExport() {
		return this.export;
	}

	public Records getRecords() {
		return this.records;
	}

	public Observations getObservations() {
		return this.observations;
	}

	public Health getHealth() {
		return this.health;
	}

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
		private ServiceTitanClient.@Nullable Environment environment;

		/**
		 * API root of this tenant; the shared api-url, or its environment's, when unset.
		 */
		private @Nullable URI apiUrl;

		/**
		 * Auth root of this tenant; the shared auth-url, or its environment's, when unset.
		 */
		private @Nullable URI authUrl;

		public @Nullable String getTenantId() {
			return this.tenantId;
		}

		public void setTenantId(@Nullable String tenantId) {
			this.tenantId = tenantId;
		}

		public @Nullable String getClientId() {
			return this.clientId;
		}

		public void setClientId(@Nullable String clientId) {
			this.clientId = clientId;
		}

		public @Nullable String getClientSecret() {
			return this.clientSecret;
		}

		public void setClientSecret(@Nullable String clientSecret) {
			this.clientSecret = clientSecret;
		}

		public ServiceTitanClient.@Nullable Environment getEnvironment() {
			return this.environment;
		}

		public void setEnvironment(ServiceTitanClient.@Nullable Environment environment) {
			this.environment = environment;
		}

		public @Nullable URI getApiUrl() {
			return this.apiUrl;
		}

		public void setApiUrl(@Nullable URI apiUrl) {
			this.apiUrl = apiUrl;
		}

		public @Nullable URI getAuthUrl() {
			return this.authUrl;
		}

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

		public int getMaxClients() {
			return this.maxClients;
		}

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

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public Duration getInitialBackoff() {
			return this.initialBackoff;
		}

		public void setInitialBackoff(Duration initialBackoff) {
			this.initialBackoff = initialBackoff;
		}

		public Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

		public Duration getMaxRetryAfter() {
			return this.maxRetryAfter;
		}

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

		public Store getStore() {
			return this.store;
		}

		public void setStore(Store store) {
			this.store = store;
		}

		public StoreFailurePolicy getOnStoreFailure() {
			return this.onStoreFailure;
		}

		public void setOnStoreFailure(StoreFailurePolicy onStoreFailure) {
			this.onStoreFailure = onStoreFailure;
		}

		public Duration getStoreTimeout() {
			return this.storeTimeout;
		}

		public void setStoreTimeout(Duration storeTimeout) {
			this.storeTimeout = storeTimeout;
		}

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

			public boolean isInitializeSchema() {
				return this.initializeSchema;
			}

			public void setInitializeSchema(boolean initializeSchema) {
				this.initializeSchema = initializeSchema;
			}

		}

		public double getRequestsPerSecond() {
			return this.requestsPerSecond;
		}

		public void setRequestsPerSecond(double requestsPerSecond) {
			this.requestsPerSecond = requestsPerSecond;
		}

		public int getBurst() {
			return this.burst;
		}

		public void setBurst(int burst) {
			this.burst = burst;
		}

		public Duration getMaxWait() {
			return this.maxWait;
		}

		public void setMaxWait(Duration maxWait) {
			this.maxWait = maxWait;
		}

	}

	/**
	 * Multi-page walks (getAll, streamAll) and export streams.
	 */
	public static class Paging {

		/**
		 * Pages fetched concurrently ahead of the consumer, 1 to 16, once the first page (which asks for
		 * includeTotal=true unless the query names it) has told the page count; records are still delivered in page
		 * order, the rate limit still holds and at most this many pages are held in memory. Above 1, an export stream
		 * also reads its next batch while the current one is consumed (one batch held ahead). 1 walks page by page
		 * and reads exports batch by batch.
		 */
		private int concurrency = 5;

		public int getConcurrency() {
			return this.concurrency;
		}

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

		public Lease getLease() {
			return this.lease;
		}

		public CheckpointStoreType getCheckpoints() {
			return this.checkpoints;
		}

		public void setCheckpoints(CheckpointStoreType checkpoints) {
			this.checkpoints = checkpoints;
		}

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

			public boolean isInitializeSchema() {
				return this.initializeSchema;
			}

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
			private ExportLeases.Mode whenHeld = ExportLeases.Mode.SKIP;

			/**
			 * How long a lease lasts without renewal; it is renewed after every batch, and lapses this long after its
			 * holder died.
			 */
			private Duration timeToLive = Duration.ofSeconds(30);

			/**
			 * Longest an instance waits for a lease when when-held is 'wait'.
			 */
			private Duration maxWait = Duration.ofMinutes(1);

			public LeaseStore getStore() {
				return this.store;
			}

			public void setStore(LeaseStore store) {
				this.store = store;
			}

			public ExportLeases.Mode getWhenHeld() {
				return this.whenHeld;
			}

			public void setWhenHeld(ExportLeases.Mode whenHeld) {
				this.whenHeld = whenHeld;
			}

			public Duration getTimeToLive() {
				return this.timeToLive;
			}

			public void setTimeToLive(Duration timeToLive) {
				this.timeToLive = timeToLive;
			}

			public Duration getMaxWait() {
				return this.maxWait;
			}

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

		public boolean isTenantTag() {
			return this.tenantTag;
		}

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

		public boolean isStrict() {
			return this.strict;
		}

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

		public Duration getMinInterval() {
			return this.minInterval;
		}

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
		 * Whether each report's budget, and the tenant's query slots, live in the rate-limit store when
		 * servicetitan.rate-limit.store is redis or jdbc, so that every instance running the same report takes its turn
		 * from one budget and the query slots count every instance's queries; off, each instance limits each report and
		 * its queries alone.
		 */
		private boolean sharedBudget = true;

		/**
		 * Which data flow runs use: synchronous (POST .../data, reported deprecated since 2026), asynchronous
		 * (POST .../data/query, polled while pending, cancelled when the run stops early) or automatic (the
		 * asynchronous one, falling back for good to the synchronous one where the server answers it 404 or 405).
		 */
		private Reports.Settings.Flow flow = Reports.Settings.Flow.AUTOMATIC;

		/**
		 * First wait before polling a pending query; each later wait is twice the one before, up to max-poll-interval.
		 */
		private Duration pollInterval = Duration.ofSeconds(1);

		/**
		 * Longest wait between two polls of a pending query.
		 */
		private Duration maxPollInterval = Duration.ofSeconds(30);

		/**
		 * Longest a query may stay pending; it is then cancelled and fails with Reports.QueryTimeoutException.
		 */
		private Duration maxQueryDuration = Duration.ofMinutes(30);

		/**
		 * Asynchronous queries of a tenant running at once, across every instance when the report budgets are shared
		 * in the rate-limit store (shared-budget), per instance otherwise; more wait their turn. ServiceTitan
		 * publishes no number, hence one.
		 */
		private int maxConcurrentQueries = 1;

		public double getRequestsPerMinute() {
			return this.requestsPerMinute;
		}

		public void setRequestsPerMinute(double requestsPerMinute) {
			this.requestsPerMinute = requestsPerMinute;
		}

		public Duration getMaxWait() {
			return this.maxWait;
		}

		public void setMaxWait(Duration maxWait) {
			this.maxWait = maxWait;
		}

		public int getPageSize() {
			return this.pageSize;
		}

		public void setPageSize(int pageSize) {
			this.pageSize = pageSize;
		}

		public Reports.Settings.Flow getFlow() {
			return this.flow;
		}

		public void setFlow(Reports.Settings.Flow flow) {
			this.flow = flow;
		}

		public Duration getPollInterval() {
			return this.pollInterval;
		}

		public void setPollInterval(Duration pollInterval) {
			this.pollInterval = pollInterval;
		}

		public Duration getMaxPollInterval() {
			return this.maxPollInterval;
		}

		public void setMaxPollInterval(Duration maxPollInterval) {
			this.maxPollInterval = maxPollInterval;
		}

		public Duration getMaxQueryDuration() {
			return this.maxQueryDuration;
		}

		public void setMaxQueryDuration(Duration maxQueryDuration) {
			this.maxQueryDuration = maxQueryDuration;
		}

		public int getMaxConcurrentQueries() {
			return this.maxConcurrentQueries;
		}

		public void setMaxConcurrentQueries(int maxConcurrentQueries) {
			this.maxConcurrentQueries = maxConcurrentQueries;
		}

		public boolean isSharedBudget() {
			return this.sharedBudget;
		}

		public void setSharedBudget(boolean sharedBudget) {
			this.sharedBudget = sharedBudget;
		}

	}

}
