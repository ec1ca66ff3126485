package io.github.servicetitan4j;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

import io.github.servicetitan4j.auth.AccessTokenProvider;
import io.github.servicetitan4j.errors.ServiceTitanException.ResponseTooLargeException;
import io.github.servicetitan4j.errors.ServiceTitanException.ServiceTitanMappingException;
import io.github.servicetitan4j.internal.RetryPolicy;
import io.github.servicetitan4j.internal.auth.ClientCredentialsTokenProvider;
import io.github.servicetitan4j.ratelimit.RateLimiter;
import io.github.servicetitan4j.ratelimit.RateLimiterFactory;
import io.github.servicetitan4j.retry.RetrySettings;
import io.github.servicetitan4j.retry.Sleeper;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;
import org.springframework.web.client.RestClient;

/**
 * A client of one ServiceTitan tenant: hands out {@link Endpoint}s that share one token, one connection pool, one rate
 * limiter and one retry policy. Usable without Spring Boot through {@link #builder()}; the starter builds one from
 * {@code servicetitan.*} properties and exposes it as the {@link EndpointFactory} bean.
 */
public final class ServiceTitanClient implements EndpointFactory, AutoCloseable {

	private static final Log logger = LogFactory.getLog(ServiceTitanClient.class);

	/** Default largest response body read whole into memory. */
	public static final DataSize DEFAULT_MAX_RESPONSE_SIZE = DataSize.ofMegabytes(64);

	/** Most pages a walk may fetch concurrently. */
	public static final int MAX_PAGING_CONCURRENCY = 16;

	/** Pages a walk fetches concurrently unless configured otherwise. */
	public static final int DEFAULT_PAGING_CONCURRENCY = 5;

	/** Largest page ServiceTitan serves ({@code pageSize}); the one home of this limit. */
	public static final int MAX_PAGE_SIZE = 5000;

	private final ClientContext context;

	private final Reports reports;

	private final TypedClients typedClients;

	private ServiceTitanClient(ClientContext context) {
		this.context = context;
		this.reports = new DefaultReports(context);
		this.typedClients = new TypedClients(context);
	}

	/** Plain http is for tests on this machine; anywhere else it sends credentials in clear text. */
	private static void warnIfPlainHttp(String name, URI url, String what) {
		if ("http".equalsIgnoreCase(url.getScheme()) && !isLoopback(url.getHost())) {
			logger.warn(name + " " + url.getScheme() + "://" + url.getHost() + " is plain http on a host other than this "
					+ "machine: " + what + " would travel unencrypted. Use https.");
		}
	}

	private static boolean isLoopback(@Nullable String host) {
		if (host == null) {
			return false;
		}
		String name = host.toLowerCase(Locale.ROOT);
		return name.equals("localhost") || name.endsWith(".localhost") || name.startsWith("127.")
				|| name.equals("[::1]") || name.equals("::1");
	}

	private static ReportLimits.Source reportLimiters(String tenantId, String appKey,
			@Nullable RateLimiterFactory factory) {
		if (factory == null) {
			return ReportLimits.Source.NONE;
		}
		return new ReportLimits.Source() {

			@Override
			public Optional<RateLimiter> limiter(long reportId, double requestsPerMinute, Duration maxWait) {
				return factory.reportRateLimiter(tenantId, appKey, reportId, requestsPerMinute, maxWait);
			}

			@Override
			public Optional<RateLimiterFactory.QuerySlots> querySlots(int slots) {
				return factory.querySlots(tenantId, appKey, slots);
			}

		};
	}

	private static RateLimiter defaultRateLimiter(Builder builder) {
		if (builder.requestsPerSecond == 0) {
			return RateLimiter.UNLIMITED;
		}
		RateLimiter.Budget budget = new RateLimiter.Budget(builder.requestsPerSecond, builder.burst, builder.maxWait);
		return RateLimiter.adaptive(budget, builder.nanoTime, builder.sleeper);
	}

	/**
	 * The client's default request factory over a JDK HTTP client of your own (SSL, proxy): the read timeout bounds
	 * the wait for the response headers and for each further piece of a body, never the time the caller spends
	 * between reads. One factory may serve many clients (one connection pool).
	 * @param httpClient the HTTP client, whose redirect policy must be {@code NEVER} (the client follows redirects
	 * itself, without its credentials to other hosts)
	 * @param readTimeout the read timeout
	 * @return the request factory
	 */
	public static ClientHttpRequestFactory jdkRequestFactory(HttpClient httpClient, Duration readTimeout) {
		return new JdkRequestFactory(httpClient, readTimeout);
	}

	/**
	 * Whether a tenant id has ServiceTitan's form: a number of at most 19 digits, surrounding whitespace ignored. The
	 * one home of this rule: the builder and the starter's property validation both ask here.
	 * @param tenantId the tenant id
	 * @return whether it is valid
	 */
	public static boolean isValidTenantId(@Nullable String tenantId) {
		return tenantId != null && tenantId.trim().matches("\\d{1,19}");
	}

	/**
	 * Starts a builder.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	@Override
	public Endpoint endpoint(String folder, String endpoint) {
		return this.context.endpoint(folder, endpoint);
	}

	/**
	 * Returns this tenant's client of a typed HTTP interface ({@code @HttpExchange} paths such as
	 * {@code /jpm/v2/tenant/{tenant}/jobs/{id}}, the tenant filled in), made once per interface and cached. Its calls
	 * go through this client like an {@link Endpoint}'s: token, limiter, retries, size bound, typed exceptions,
	 * observations and meters.
	 * @param api the interface
	 * @param <T> the interface
	 * @return the typed client; thread-safe
	 * @throws IllegalArgumentException if {@code api} is not an interface or has a method this client cannot call
	 */
	@Override
	public <T> T client(Class<T> api) {
		return this.typedClients.client(api);
	}

	@Override
	public Reports reports() {
		return this.reports;
	}

	/**
	 * API root this client calls.
	 * @return API root, such as {@code https://api.servicetitan.io}
	 */
	public URI apiUrl() {
		return this.context.apiUrl();
	}

	/**
	 * Tenant this client works for.
	 * @return tenant id
	 */
	public String tenantId() {
		return this.context.tenantId();
	}

	/**
	 * Page size of multi-page walks whose query names none.
	 * @return page size, 1 to 5000
	 */
	public int pageSize() {
		return this.context.pageSize();
	}

	/** Supplier of this client's access tokens, for tests of this package. */
	AccessTokenProvider tokenProvider() {
		return this.context.tokens();
	}

	/**
	 * Pages a walk fetches concurrently ahead of its consumer; 1 walks sequentially.
	 * @return pages fetched at once, 1 to {@value #MAX_PAGING_CONCURRENCY}
	 */
	public int pagingConcurrency() {
		return this.context.paging().concurrency();
	}

	/**
	 * Stops the threads that fetch pages ahead (walks still running fail on their next look-ahead page). Endpoints
	 * still work for everything else.
	 */
	@Override
	public void close() {
		this.context.paging().close();
	}

	/**
	 * Waits until every thread of the paging pool that {@link #close()} stopped has ended, so that tests can count the
	 * requests sent once nothing can send any more.
	 * @param timeout the longest to wait
	 * @return whether the pool stopped in time (also when there was none)
	 * @throws InterruptedException if interrupted while waiting
	 */
	boolean awaitPagingStopped(Duration timeout) throws InterruptedException {
		return this.context.paging().awaitStopped(timeout);
	}

	/**
	 * Largest response body read whole into memory, counted after decompression.
	 * @return limit
	 */
	public DataSize maxResponseSize() {
		return this.context.maxResponseSize();
	}

	/**
	 * Whether {@link #close()} was called.
	 * @return whether closed
	 */
	public boolean isClosed() {
		return this.context.paging().isClosed();
	}

	@Override
	public String toString() {
		return name(this.context.apiUrl(), this.context.tenantId());
	}

	private static String name(URI apiUrl, String tenantId) {
		return "ServiceTitanClient[apiUrl=" + apiUrl + ", tenantId=" + tenantId + "]";
	}

	/**
	 * Builds a {@link ServiceTitanClient}. Required: {@link #apiUrl}, {@link #tenantId}, {@link #appKey}, and either
	 * {@link #authUrl} with {@link #clientId} and {@link #clientSecret}, or a {@link #tokenProvider}.
	 */
	public static final class Builder {

		private @Nullable URI apiUrl;

		private @Nullable URI authUrl;

		private @Nullable String tenantId;

		private @Nullable String appKey;

		private @Nullable String clientId;

		private @Nullable String clientSecret;

		private @Nullable AccessTokenProvider tokenProvider;

		private RestClient.@Nullable Builder restClientBuilder;

		private @Nullable ClientHttpRequestFactory requestFactory;

		private @Nullable HttpClient httpClient;

		private Duration connectTimeout = Duration.ofSeconds(10);

		private Duration readTimeout = Duration.ofSeconds(100);

		private int pageSize = MAX_PAGE_SIZE;

		private RetrySettings retry = RetrySettings.DEFAULTS;

		private @Nullable RateLimiter rateLimiter;

		private double requestsPerSecond = 60;

		private int burst = 5;

		private Duration maxWait = Duration.ofSeconds(30);

		private Clock clock = Clock.systemUTC();

		private Sleeper sleeper = Sleeper.SYSTEM;

		private LongSupplier nanoTime = System::nanoTime;

		private DoubleSupplier jitter = () -> ThreadLocalRandom.current().nextDouble();

		private JsonMapper jsonMapper = JsonMapper.builder().build();

		private boolean strictRecords;

		private final List<ServiceTitanClientListener> listeners = new ArrayList<>();

		private OperationObserver observer = OperationObserver.NOOP;

		private int pagingConcurrency = DEFAULT_PAGING_CONCURRENCY;

		private DataSize maxResponseSize = DEFAULT_MAX_RESPONSE_SIZE;

		private Reports.Settings reporting = Reports.Settings.DEFAULTS;

		private @Nullable RateLimiterFactory reportRateLimiters;

		private Reports.@Nullable ReadyEvents reportReadyEvents;

		private Builder() {
		}

		/**
		 * Sets both roots from an environment.
		 * @param environment environment whose API and auth roots to use
		 * @return this builder
		 */
		public Builder environment(Environment environment) {
			this.apiUrl = environment.apiUrl();
			this.authUrl = environment.authUrl();
			return this;
		}

		/**
		 * API root, such as {@code https://api.servicetitan.io}.
		 * @param apiUrl API root, without the folder or tenant
		 * @return this builder
		 */
		public Builder apiUrl(URI apiUrl) {
			this.apiUrl = apiUrl;
			return this;
		}

		/**
		 * Auth root; the token endpoint is {@code {authUrl}/connect/token}.
		 * @param authUrl auth root, such as {@code https://auth.servicetitan.io}
		 * @return this builder
		 */
		public Builder authUrl(URI authUrl) {
			this.authUrl = authUrl;
			return this;
		}

		/**
		 * Tenant id (a number).
		 * @param tenantId tenant id, digits only
		 * @return this builder
		 */
		public Builder tenantId(String tenantId) {
			this.tenantId = tenantId;
			return this;
		}

		/**
		 * Application key, sent as {@code ST-App-Key}.
		 * @param appKey application key; never logged or shown
		 * @return this builder
		 */
		public Builder appKey(String appKey) {
			this.appKey = appKey;
			return this;
		}

		/**
		 * Client id of the tenant's client credentials.
		 * @param clientId client id, named in authentication errors
		 * @return this builder
		 */
		public Builder clientId(String clientId) {
			this.clientId = clientId;
			return this;
		}

		/**
		 * Client secret of the tenant's client credentials.
		 * @param clientSecret client secret; never logged or shown
		 * @return this builder
		 */
		public Builder clientSecret(String clientSecret) {
			this.clientSecret = clientSecret;
			return this;
		}

		/**
		 * Token supplier to use instead of the client-credentials one built from authUrl, clientId and clientSecret.
		 * @param tokenProvider supplier of access tokens; told to invalidate a token the API answered 401 to
		 * @return this builder
		 */
		public Builder tokenProvider(AccessTokenProvider tokenProvider) {
			this.tokenProvider = tokenProvider;
			return this;
		}

		/**
		 * Builder to derive the HTTP clients from (it is cloned, never modified).
		 * @param restClientBuilder builder carrying the application's customizations
		 * @return this builder
		 */
		public Builder restClientBuilder(RestClient.Builder restClientBuilder) {
			this.restClientBuilder = restClientBuilder;
			return this;
		}

		/**
		 * Request factory for API and token calls, replacing the default one (a JDK HttpClient with the configured
		 * timeouts). It must not follow redirects: the client follows them itself so that its credentials stay on the
		 * configured hosts, and a factory that follows them on its own would carry them along. Its read timeout should
		 * bound each wait for the server, not the whole exchange, or a slow consumer of a stream is cut off.
		 * @param requestFactory the request factory
		 * @return this builder
		 */
		public Builder requestFactory(ClientHttpRequestFactory requestFactory) {
			this.requestFactory = requestFactory;
			return this;
		}

		/**
		 * JDK HTTP client for the default request factory (for SSL or proxy settings); the read timeout is applied to
		 * each wait for the server. Ignored when a {@link #requestFactory} is set.
		 * @param httpClient the client, whose redirect policy must be {@code NEVER}
		 * @return this builder
		 */
		public Builder httpClient(HttpClient httpClient) {
			this.httpClient = httpClient;
			return this;
		}

		/**
		 * Connect timeout of the default request factory.
		 * @param connectTimeout connect timeout; 10 seconds unless set
		 * @return this builder
		 */
		public Builder connectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
			return this;
		}

		/**
		 * Read timeout of the default request factory: the longest wait for the response headers and for each further
		 * piece of a body; time the caller spends between records does not count.
		 * @param readTimeout read timeout; 100 seconds unless set, ServiceTitan's own request timeout
		 * @return this builder
		 */
		public Builder readTimeout(Duration readTimeout) {
			this.readTimeout = readTimeout;
			return this;
		}

		/**
		 * Page size of multi-page walks whose query names none (1 to 5000).
		 * @param pageSize records per page; 5000 unless set
		 * @return this builder
		 */
		public Builder pageSize(int pageSize) {
			this.pageSize = pageSize;
			return this;
		}

		/**
		 * Retry settings.
		 * @param retry retry settings; {@link RetrySettings#DEFAULTS} unless set
		 * @return this builder
		 */
		public Builder retry(RetrySettings retry) {
			this.retry = retry;
			return this;
		}

		/**
		 * Settings of the default client-side rate limiter (an {@linkplain RateLimiter#adaptive adaptive limiter} on
		 * this builder's {@link #nanoTime} and sleeper); by default 60 requests per second, a burst of 5 and a maximum
		 * wait of 30 seconds. Up to {@code burst} requests go through at once, and no one-second window sees more than
		 * {@code requestsPerSecond} requests: the bucket refills at {@link RateLimiter.Budget#sustainedRate()} (56 per
		 * second at the defaults).
		 * @param requestsPerSecond most requests in any one second; 0 turns the limiter off
		 * @param burst requests allowed back to back after a quiet spell
		 * @param maxWait longest a request waits for a permit
		 * @return this builder
		 */
		public Builder rateLimit(double requestsPerSecond, int burst, Duration maxWait) {
			this.requestsPerSecond = requestsPerSecond;
			this.burst = burst;
			this.maxWait = maxWait;
			return this;
		}

		/**
		 * Client-side rate limiter replacing the default one (share one between clients of the same tenant).
		 * @param rateLimiter rate limiter; the settings of {@link #rateLimit} are then ignored
		 * @return this builder
		 */
		public Builder rateLimiter(RateLimiter rateLimiter) {
			this.rateLimiter = rateLimiter;
			return this;
		}

		/**
		 * Wall-clock time source for token expiry and Retry-After dates.
		 * @param clock clock; {@code Clock.systemUTC()} unless set
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.clock = clock;
			return this;
		}

		/**
		 * Monotonic time source of the default rate limiter, {@code System::nanoTime} unless a test moves its own:
		 * intervals are never measured on the wall clock, which can step.
		 * @param nanoTime monotonic nanoseconds
		 * @return this builder
		 */
		public Builder nanoTime(LongSupplier nanoTime) {
			this.nanoTime = nanoTime;
			return this;
		}

		/**
		 * How the client waits (backoff, Retry-After, rate limiter).
		 * @param sleeper sleeper; {@code Sleeper.SYSTEM} unless set
		 * @return this builder
		 */
		public Builder sleeper(Sleeper sleeper) {
			this.sleeper = sleeper;
			return this;
		}

		/**
		 * Source of backoff jitter, a number in [0, 1).
		 * @param jitter source of random numbers; a fixed one makes backoff delays predictable in tests
		 * @return this builder
		 */
		public Builder jitter(DoubleSupplier jitter) {
			this.jitter = jitter;
			return this;
		}

		/**
		 * Mapper for request payloads, responses and typed records.
		 * @param jsonMapper mapper; a plain {@code JsonMapper} unless set
		 * @return this builder
		 */
		public Builder jsonMapper(JsonMapper jsonMapper) {
			this.jsonMapper = jsonMapper;
			return this;
		}

		/**
		 * Whether typed records ({@code Class<T>} overloads) must hold every property their type expects: a record
		 * component or bean property with no matching JSON property then fails with a
		 * {@link ServiceTitanMappingException} instead of staying null, so that a misspelt name shows up in tests.
		 * Only top-level properties are checked; a property present with the value null counts as present. Off by
		 * default: unknown JSON properties are ignored either way.
		 * @param strictRecords whether to check
		 * @return this builder
		 */
		public Builder strictRecords(boolean strictRecords) {
			this.strictRecords = strictRecords;
			return this;
		}

		/**
		 * Adds a listener of retries, rate-limiter waits, records and token requests. Every listener added hears every
		 * event, in the order added (the starter adds its Micrometer one first).
		 * @param listener the listener
		 * @return this builder
		 */
		public Builder listener(ServiceTitanClientListener listener) {
			this.listeners.add(listener);
			return this;
		}

		/**
		 * Observes operation calls.
		 * @param observer observer; none unless set
		 * @return this builder
		 */
		public Builder observer(OperationObserver observer) {
			this.observer = observer;
			return this;
		}

		/**
		 * Pages a walk ({@code getAll}, {@code streamAll}) may fetch concurrently ahead of the consumer, once its first
		 * page (which asks for {@code includeTotal=true} unless the query names it) has told how many pages there are;
		 * records are still delivered in page order, every request still waits for the rate limiter, and at most this
		 * many pages are held in memory. By default {@value ServiceTitanClient#DEFAULT_PAGING_CONCURRENCY}; 1 walks
		 * page by page; at most {@value ServiceTitanClient#MAX_PAGING_CONCURRENCY}.
		 * @param pagingConcurrency pages fetched at once
		 * @return this builder
		 */
		public Builder pagingConcurrency(int pagingConcurrency) {
			this.pagingConcurrency = pagingConcurrency;
			return this;
		}

		/**
		 * Largest response body read whole into memory ({@code getOne}, {@code getMany}, {@code create},
		 * {@code update}, {@code delete}, {@code exportOne}, look-ahead pages, {@code download} as bytes), counted
		 * after decompression; a larger one fails with a {@link ResponseTooLargeException}. Streaming walks and
		 * downloads to a file are not limited. 64 MB by default.
		 * @param maxResponseSize the limit
		 * @return this builder
		 */
		public Builder maxResponseSize(DataSize maxResponseSize) {
			this.maxResponseSize = maxResponseSize;
			return this;
		}

		/**
		 * How report runs are paced (a limiter per report, on top of the tenant's) and paged.
		 * @param reporting the settings; {@link Reports.Settings#DEFAULTS} unless set
		 * @return this builder
		 */
		public Builder reporting(Reports.Settings reporting) {
			this.reporting = reporting;
			return this;
		}

		/**
		 * Where each report's limiter comes from: a factory over a store keeps a report's budget there, so that every
		 * instance running the same report takes its turn from one budget
		 * ({@link RateLimiterFactory#reportRateLimiter}, at the pace of {@link #reporting}). A factory that keeps no
		 * report budgets, like none set, leaves each report's limiter in this client's memory.
		 * @param factory the factory, usually the one the tenant's limiter comes from
		 * @return this builder
		 */
		public Builder reportRateLimiters(RateLimiterFactory factory) {
			this.reportRateLimiters = factory;
			return this;
		}

		/**
		 * Where the client hears that a report query's data is ready, usually the starter's webhook receiver (set by
		 * the auto-configuration when {@code servicetitan.webhooks.enabled} is true). With one, asynchronous report
		 * queries ask for {@code notifyWhenReady} and wait for their event, polling only every
		 * {@link Reports.Settings#maxPollInterval()} in case it is lost.
		 * @param events the events; none unless set (queries poll)
		 * @return this builder
		 */
		public Builder reportReadyEvents(Reports.ReadyEvents events) {
			this.reportReadyEvents = events;
			return this;
		}

		/**
		 * Builds the client.
		 * @return new client
		 * @throws IllegalArgumentException if a required setting is missing or a setting is out of range
		 */
		public ServiceTitanClient build() {
			return new ServiceTitanClient(context());
		}

		/**
		 * Builds only the token supplier these settings describe, without a client: the {@link #tokenProvider} if one
		 * was set, else a client-credentials one from {@link #authUrl}, {@link #clientId} and {@link #clientSecret},
		 * with this builder's HTTP client, retry settings, clock and listeners. Give it to the builders of the clients
		 * that should share its token ({@link #tokenProvider}), or to a health check.
		 * @return the token supplier
		 * @throws IllegalArgumentException if neither a token provider nor the client credentials are set
		 */
		public AccessTokenProvider buildTokenProvider() {
			return tokens(restClientBase(), retryPolicy(), CompositeClientListener.of(this.listeners));
		}

		/** Checks the settings and builds every part of the client once, into the context its operations share. */
		private ClientContext context() {
			Assert.notNull(this.apiUrl, "apiUrl must be set");
			Arguments.requireTenantId(this.tenantId);
			Assert.hasText(this.appKey, "appKey must be set");
			Arguments.checkPageSize(this.pageSize);
			Assert.isTrue(this.pagingConcurrency >= 1 && this.pagingConcurrency <= MAX_PAGING_CONCURRENCY,
					() -> "pagingConcurrency must be between 1 and " + MAX_PAGING_CONCURRENCY + ", not "
							+ this.pagingConcurrency);
			Assert.isTrue(this.maxResponseSize.toBytes() > 0, "maxResponseSize must be positive");
			warnIfPlainHttp("apiUrl (servicetitan.api-url)", this.apiUrl, "the access token and the app key");
			String tenant = this.tenantId.trim();
			ServiceTitanClientListener listener = CompositeClientListener.of(this.listeners);
			RestClient.Builder base = restClientBase();
			// One policy for API requests, body re-reads and token requests: one budget, one backoff, one jitter.
			RetryPolicy policy = retryPolicy();
			AccessTokenProvider tokens = tokens(base, policy, listener);
			RateLimiter rateLimiter = (this.rateLimiter != null) ? this.rateLimiter : defaultRateLimiter(this);
			RecordMapper records = new RecordMapper(this.jsonMapper, this.strictRecords);
			RequestLog log = new RequestLog();
			Sender sender = new Sender(base.clone().build(), tokens, this.appKey, rateLimiter,
					new ProblemReader(this.clock), listener, log);
			RequestExecutor executor = new RequestExecutor(sender, policy, listener, log);
			return new ClientContext(this.apiUrl, tenant, this.pageSize, this.maxResponseSize, tokens, executor,
					new WholeBodyReader(executor, records, this.maxResponseSize), records, this.observer, listener,
					new PagingPool(this.pagingConcurrency, name(this.apiUrl, tenant)), this.reporting,
					new ReportLimits(this.reporting, reportLimiters(tenant, this.appKey, this.reportRateLimiters),
							this.clock, this.sleeper),
					this.reportReadyEvents, this.jsonMapper);
		}

		private RestClient.Builder restClientBase() {
			ClientHttpRequestFactory factory = (this.requestFactory != null) ? this.requestFactory
					: (this.httpClient != null) ? new JdkRequestFactory(this.httpClient, this.readTimeout)
							: JdkRequestFactory.of(this.connectTimeout, this.readTimeout);
			return ((this.restClientBuilder != null) ? this.restClientBuilder.clone() : RestClient.builder())
				.requestFactory(factory);
		}

		private RetryPolicy retryPolicy() {
			return new RetryPolicy(this.retry, this.jitter, this.sleeper);
		}

		private AccessTokenProvider tokens(RestClient.Builder base, RetryPolicy policy,
				ServiceTitanClientListener listener) {
			if (this.tokenProvider != null) {
				return this.tokenProvider;
			}
			if (this.authUrl != null) {
				warnIfPlainHttp("authUrl (servicetitan.auth-url)", this.authUrl, "the client secret");
			}
			Assert.notNull(this.authUrl, "authUrl must be set (or a tokenProvider)");
			Assert.hasText(this.clientId, "clientId must be set (or a tokenProvider)");
			Assert.hasText(this.clientSecret, "clientSecret must be set (or a tokenProvider)");
			String authRoot = this.authUrl.toString().replaceAll("/+$", "");
			// The token request is timed by the listener; it stays out of the application's HTTP client observations.
			RestClient.Builder tokenClient = base.clone().observationRegistry(ObservationRegistry.NOOP);
			return new ClientCredentialsTokenProvider(URI.create(authRoot + "/connect/token"), this.clientId,
					this.clientSecret, tokenClient, policy, this.clock, listener::onTokenRequest);
		}

	}

	/**
	 * The ServiceTitan environment a tenant's credentials belong to. Picks both the API root and the auth root.
	 */
	public enum Environment {

		/** Live tenants. */
		PRODUCTION("https://api.servicetitan.io", "https://auth.servicetitan.io"),

		/** The integration (sandbox) environment. */
		INTEGRATION("https://api-integration.servicetitan.io", "https://auth-integration.servicetitan.io");

		private final URI apiUrl;

		private final URI authUrl;

		Environment(String apiUrl, String authUrl) {
			this.apiUrl = URI.create(apiUrl);
			this.authUrl = URI.create(authUrl);
		}

		/**
		 * API root of this environment.
		 * @return API root, such as {@code https://api.servicetitan.io}
		 */
		public URI apiUrl() {
			return this.apiUrl;
		}

		/**
		 * Auth root of this environment; the token endpoint is {@code {auth-url}/connect/token}.
		 * @return auth root, such as {@code https://auth.servicetitan.io}
		 */
		public URI authUrl() {
			return this.authUrl;
		}

	}

}
