package io.github.servicetitan4j;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

import io.github.servicetitan4j.auth.AccessTokenProvider;
import io.github.servicetitan4j.errors.ResponseTooLargeException;
import io.github.servicetitan4j.errors.ServiceTitanMappingException;
import io.github.servicetitan4j.internal.RetryPolicy;
import io.github.servicetitan4j.internal.auth.ClientCredentialsTokenProvider;
import io.github.servicetitan4j.ratelimit.RateBudget;
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

	private final URI apiUrl;

	private final String tenantId;

	private final int pageSize;

	private final AccessTokenProvider tokenProvider;

	private final RequestExecutor executor;

	private final RecordMapper records;

	private final OperationObserver observer;

	private final ServiceTitanClientListener listener;

	private final int pagingConcurrency;

	private final DataSize maxResponseSize;

	private final Reports reports;

	private final ClientContext context;

	private final Object pagingPoolLock = new Object();

	private @Nullable PagingPool pagingPool;

	private @Nullable PagingPool closedPagingPool;

	private boolean closed;

	private ServiceTitanClient(Builder builder) {
		Assert.notNull(builder.apiUrl, "apiUrl must be set");
		Arguments.requireTenantId(builder.tenantId);
		Assert.hasText(builder.appKey, "appKey must be set");
		Arguments.checkPageSize(builder.pageSize);
		Assert.isTrue(builder.pagingConcurrency >= 1 && builder.pagingConcurrency <= MAX_PAGING_CONCURRENCY,
				() -> "pagingConcurrency must be between 1 and " + MAX_PAGING_CONCURRENCY + ", not "
						+ builder.pagingConcurrency);
		this.pagingConcurrency = builder.pagingConcurrency;
		Assert.isTrue(builder.maxResponseSize.toBytes() > 0, "maxResponseSize must be positive");
		this.maxResponseSize = builder.maxResponseSize;
		warnIfPlainHttp("apiUrl (servicetitan.api-url)", builder.apiUrl, "the access token and the app key");
		if (builder.tokenProvider == null && builder.authUrl != null) {
			warnIfPlainHttp("authUrl (servicetitan.auth-url)", builder.authUrl, "the client secret");
		}
		this.apiUrl = builder.apiUrl;
		this.tenantId = builder.tenantId.trim();
		this.pageSize = builder.pageSize;
		this.observer = builder.observer;
		this.listener = CompositeClientListener.of(builder.listeners);
		this.records = new RecordMapper(builder.jsonMapper, builder.strictRecords);
		ClientHttpRequestFactory requestFactory = (builder.requestFactory != null) ? builder.requestFactory
				: (builder.httpClient != null) ? new JdkRequestFactory(builder.httpClient, builder.readTimeout)
						: JdkRequestFactory.of(builder.connectTimeout, builder.readTimeout);
		RestClient.Builder base = ((builder.restClientBuilder != null) ? builder.restClientBuilder.clone()
				: RestClient.builder())
			.requestFactory(requestFactory);
		// One policy for API requests, body re-reads and token requests: one budget, one backoff, one jitter.
		RetryPolicy policy = new RetryPolicy(builder.retry, builder.jitter, builder.sleeper);
		this.tokenProvider = (builder.tokenProvider != null) ? builder.tokenProvider
				: tokenProvider(builder, base, policy, this.listener);
		RateLimiter rateLimiter = (builder.rateLimiter != null) ? builder.rateLimiter : defaultRateLimiter(builder);
		this.executor = new RequestExecutor(base.clone().build(), this.tokenProvider, builder.appKey, policy, rateLimiter,
				builder.clock, this.listener);
		this.context = new ClientContext(this.apiUrl, this.tenantId, this.pageSize, this.pagingConcurrency,
				this.maxResponseSize, this.executor, this.records, this.observer, this.listener, this::pagingPool);
		this.reports = new DefaultReports(this, this.executor, this.records, this.observer, this.listener, this.apiUrl,
				this.tenantId, this.context.maxResponseSize(), builder.reporting,
				reportLimiters(builder, builder.reportRateLimiters), builder.clock, builder.sleeper);
	}

	private static AccessTokenProvider tokenProvider(Builder builder, RestClient.Builder base, RetryPolicy policy,
			ServiceTitanClientListener listener) {
		Assert.notNull(builder.authUrl, "authUrl must be set (or a tokenProvider)");
		Assert.hasText(builder.clientId, "clientId must be set (or a tokenProvider)");
		Assert.hasText(builder.clientSecret, "clientSecret must be set (or a tokenProvider)");
		String authRoot = builder.authUrl.toString().replaceAll("/+$", "");
		// The token request is timed by the listener; it stays out of the application's HTTP client observations.
		RestClient.Builder tokenClient = base.clone().observationRegistry(ObservationRegistry.NOOP);
		return new ClientCredentialsTokenProvider(URI.create(authRoot + "/connect/token"), builder.clientId,
				builder.clientSecret, tokenClient, policy, builder.clock, listener::onTokenRequest);
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

	private static ReportLimits.Source reportLimiters(Builder builder, @Nullable RateLimiterFactory factory) {
		if (factory == null) {
			return ReportLimits.Source.NONE;
		}
		String tenantId = builder.tenantId.trim();
		String appKey = builder.appKey;
		return (reportId, requestsPerMinute, maxWait) -> factory.reportRateLimiter(tenantId, appKey, reportId,
				requestsPerMinute, maxWait);
	}

	private static RateLimiter defaultRateLimiter(Builder builder) {
		if (builder.requestsPerSecond == 0) {
			return RateLimiter.UNLIMITED;
		}
		RateBudget budget = new RateBudget(builder.requestsPerSecond, builder.burst, builder.maxWait);
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
		return new DefaultEndpoint(this.context, folder, endpoint);
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
		return this.apiUrl;
	}

	/**
	 * Tenant this client works for.
	 * @return tenant id
	 */
	public String tenantId() {
		return this.tenantId;
	}

	/**
	 * Page size of multi-page walks whose query names none.
	 * @return page size, 1 to 5000
	 */
	public int pageSize() {
		return this.pageSize;
	}

	/**
	 * Supplier of this client's access tokens (for health checks).
	 * @return token provider
	 */
	public AccessTokenProvider tokenProvider() {
		return this.tokenProvider;
	}

	/**
	 * Pages a walk fetches concurrently ahead of its consumer; 1 walks sequentially.
	 * @return pages fetched at once, 1 to {@value #MAX_PAGING_CONCURRENCY}
	 */
	public int pagingConcurrency() {
		return this.pagingConcurrency;
	}

	/**
	 * The pool that fetches pages ahead of the consumer, created when first needed. Its threads are daemons and end
	 * after a minute of idleness, so a client that is never closed holds no thread for long.
	 */
	ExecutorService pagingPool() {
		synchronized (this.pagingPoolLock) {
			if (this.closed) {
				throw new IllegalStateException(this + " is closed");
			}
			if (this.pagingPool == null) {
				AtomicInteger count = new AtomicInteger();
				ThreadFactory threads = (task) -> {
					Thread thread = new Thread(task, "servicetitan-paging-" + count.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				};
				PagingPool pool = new PagingPool(this.pagingConcurrency, threads);
				pool.allowCoreThreadTimeOut(true);
				this.pagingPool = pool;
			}
			return this.pagingPool;
		}
	}

	/**
	 * Stops the threads that fetch pages ahead (walks still running fail on their next look-ahead page). Endpoints
	 * still work for everything else.
	 */
	@Override
	public void close() {
		synchronized (this.pagingPoolLock) {
			this.closed = true;
			if (this.pagingPool != null) {
				this.pagingPool.shutdownNow();
				// Queued pages would never run and running ones may not heed the interrupt: cancel every one, so that
				// each consumer waiting for a page wakes with an exception instead of waiting forever.
				this.pagingPool.cancelAll();
				this.closedPagingPool = this.pagingPool;
				this.pagingPool = null;
			}
		}
	}

	/**
	 * Waits until every thread of the paging pool that {@link #close()} stopped has ended, so that tests can count the
	 * requests sent once nothing can send any more.
	 * @param timeout the longest to wait
	 * @return whether the pool stopped in time (also when there was none)
	 * @throws InterruptedException if interrupted while waiting
	 */
	boolean awaitPagingStopped(Duration timeout) throws InterruptedException {
		PagingPool pool;
		synchronized (this.pagingPoolLock) {
			pool = this.closedPagingPool;
		}
		return pool == null || pool.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS);
	}

	/**
	 * The paging pool, which knows its unfinished pages so that {@link #close()} can cancel them.
	 */
	private static final class PagingPool extends ThreadPoolExecutor {

		private final Set<Future<?>> unfinished = ConcurrentHashMap.newKeySet();

		PagingPool(int threads, ThreadFactory threadFactory) {
			super(threads, threads, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(), threadFactory);
		}

		@Override
		protected <T> RunnableFuture<T> newTaskFor(Callable<T> callable) {
			FutureTask<T> task = new FutureTask<>(callable) {

				@Override
				protected void done() {
					PagingPool.this.unfinished.remove(this);
				}

			};
			this.unfinished.add(task);
			return task;
		}

		void cancelAll() {
			this.unfinished.forEach((task) -> task.cancel(true));
		}

	}

	/**
	 * Largest response body read whole into memory, counted after decompression.
	 * @return limit
	 */
	public DataSize maxResponseSize() {
		return this.maxResponseSize;
	}

	/**
	 * Whether {@link #close()} was called.
	 * @return whether closed
	 */
	public boolean isClosed() {
		synchronized (this.pagingPoolLock) {
			return this.closed;
		}
	}

	@Override
	public String toString() {
		return "ServiceTitanClient[apiUrl=" + this.apiUrl + ", tenantId=" + this.tenantId + "]";
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

		private ReportingSettings reporting = ReportingSettings.DEFAULTS;

		private @Nullable RateLimiterFactory reportRateLimiters;

		private Builder() {
		}

		/**
		 * Sets both roots from an environment.
		 * @param environment environment whose API and auth roots to use
		 * @return this builder
		 */
		public Builder environment(ServiceTitanEnvironment environment) {
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
		 * {@code requestsPerSecond} requests: the bucket refills at {@link RateBudget#sustainedRate()} (56 per second
		 * at the defaults).
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
		 * many pages are held in memory. By default {@value ServiceTitanClient#DEFAULT_PAGING_CONCURRENCY}; 1 walks page
		 * by page; at most {@value ServiceTitanClient#MAX_PAGING_CONCURRENCY}.
		 * @param pagingConcurrency pages fetched at once
		 * @return this builder
		 */
		public Builder pagingConcurrency(int pagingConcurrency) {
			this.pagingConcurrency = pagingConcurrency;
			return this;
		}

		/**
		 * Largest response body read whole into memory ({@code getOne}, {@code getMany}, {@code create},
		 * {@code update}, {@code delete}, {@code exportOne}, look-ahead pages, {@code download} as bytes), counted after
		 * decompression; a larger one fails with a {@link ResponseTooLargeException}. Streaming walks and downloads to
		 * a file are not limited. 64 MB by default.
		 * @param maxResponseSize the limit
		 * @return this builder
		 */
		public Builder maxResponseSize(DataSize maxResponseSize) {
			this.maxResponseSize = maxResponseSize;
			return this;
		}

		/**
		 * How report runs are paced (a limiter per report, on top of the tenant's) and paged.
		 * @param reporting the settings; {@link ReportingSettings#DEFAULTS} unless set
		 * @return this builder
		 */
		public Builder reporting(ReportingSettings reporting) {
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
		 * Builds the client.
		 * @return new client
		 * @throws IllegalArgumentException if a required setting is missing or a setting is out of range
		 */
		public ServiceTitanClient build() {
			return new ServiceTitanClient(this);
		}

	}

}
