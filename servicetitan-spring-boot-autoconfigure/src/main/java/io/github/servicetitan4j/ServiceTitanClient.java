package io.github.servicetitan4j;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;

import io.github.servicetitan4j.auth.AccessTokenProvider;
import io.github.servicetitan4j.auth.ClientCredentialsTokenProvider;
import io.github.servicetitan4j.retry.AdaptiveRateLimiter;
import io.github.servicetitan4j.retry.Backoff;
import io.github.servicetitan4j.retry.RateBudget;
import io.github.servicetitan4j.retry.RateLimiter;
import io.github.servicetitan4j.retry.RetrySettings;
import io.github.servicetitan4j.retry.Sleeper;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.Assert;
import org.springframework.web.client.RestClient;

/**
 * A client of one ServiceTitan tenant: hands out {@link Endpoint}s that share one token, one connection pool, one rate
 * limiter and one retry policy. Usable without Spring Boot through {@link #builder()}; the starter builds one from
 * {@code servicetitan.*} properties and exposes it as the {@link EndpointFactory} bean.
 */
public final class ServiceTitanClient implements EndpointFactory, AutoCloseable {

	/** Most pages a walk may fetch concurrently. */
	public static final int MAX_PAGING_CONCURRENCY = 16;

	/** Pages a walk fetches concurrently unless configured otherwise. */
	public static final int DEFAULT_PAGING_CONCURRENCY = 5;

	private final URI apiUrl;

	private final String tenantId;

	private final int pageSize;

	private final AccessTokenProvider tokenProvider;

	private final RequestExecutor executor;

	private final RecordMapper records;

	private final OperationObserver observer;

	private final ServiceTitanClientListener listener;

	private final int pagingConcurrency;

	private final Reports reports;

	private final Object pagingPoolLock = new Object();

	private @Nullable ThreadPoolExecutor pagingPool;

	private boolean closed;

	private ServiceTitanClient(Builder builder) {
		Assert.notNull(builder.apiUrl, "apiUrl must be set");
		Assert.hasText(builder.tenantId, "tenantId must be set");
		Assert.hasText(builder.appKey, "appKey must be set");
		Arguments.checkPageSize(builder.pageSize);
		Assert.isTrue(builder.pagingConcurrency >= 1 && builder.pagingConcurrency <= MAX_PAGING_CONCURRENCY,
				() -> "pagingConcurrency must be between 1 and " + MAX_PAGING_CONCURRENCY + ", not "
						+ builder.pagingConcurrency);
		this.pagingConcurrency = builder.pagingConcurrency;
		this.apiUrl = builder.apiUrl;
		this.tenantId = builder.tenantId;
		this.pageSize = builder.pageSize;
		this.observer = builder.observer;
		this.listener = CompositeClientListener.of(builder.listeners);
		this.records = new RecordMapper(builder.jsonMapper);
		ClientHttpRequestFactory requestFactory = (builder.requestFactory != null) ? builder.requestFactory
				: defaultRequestFactory(builder.connectTimeout, builder.readTimeout);
		RestClient.Builder base = ((builder.restClientBuilder != null) ? builder.restClientBuilder.clone()
				: RestClient.builder())
			.requestFactory(requestFactory);
		this.tokenProvider = (builder.tokenProvider != null) ? builder.tokenProvider : tokenProvider(builder, base, this.listener);
		RateLimiter rateLimiter = (builder.rateLimiter != null) ? builder.rateLimiter : defaultRateLimiter(builder);
		this.executor = new RequestExecutor(base.clone().build(), this.tokenProvider, builder.appKey, builder.retry,
				new Backoff(builder.retry, builder.jitter), rateLimiter, builder.clock, builder.sleeper, this.listener);
		this.reports = new DefaultReports(this, this.executor, this.records, this.observer, this.listener, this.apiUrl,
				this.tenantId, builder.reporting, builder.clock, builder.sleeper);
	}

	private static AccessTokenProvider tokenProvider(Builder builder, RestClient.Builder base,
			ServiceTitanClientListener listener) {
		Assert.notNull(builder.authUrl, "authUrl must be set (or a tokenProvider)");
		Assert.hasText(builder.clientId, "clientId must be set (or a tokenProvider)");
		Assert.hasText(builder.clientSecret, "clientSecret must be set (or a tokenProvider)");
		String authRoot = builder.authUrl.toString().replaceAll("/+$", "");
		// The token request is timed by the listener; it stays out of the application's HTTP client observations.
		RestClient.Builder tokenClient = base.clone().observationRegistry(ObservationRegistry.NOOP);
		return new ClientCredentialsTokenProvider(URI.create(authRoot + "/connect/token"), builder.clientId,
				builder.clientSecret, tokenClient, builder.retry, new Backoff(builder.retry, builder.jitter), builder.clock,
				builder.sleeper, listener);
	}

	private static RateLimiter defaultRateLimiter(Builder builder) {
		if (builder.requestsPerSecond == 0) {
			return RateLimiter.UNLIMITED;
		}
		RateBudget budget = new RateBudget(builder.requestsPerSecond, builder.burst, builder.maxWait);
		return new AdaptiveRateLimiter(budget.sustainedRate(), budget.burst(), budget.maxWait(), builder.clock,
				builder.sleeper);
	}

	private static ClientHttpRequestFactory defaultRequestFactory(Duration connectTimeout, Duration readTimeout) {
		HttpClient httpClient = HttpClient.newBuilder()
			.connectTimeout(connectTimeout)
			.followRedirects(HttpClient.Redirect.NORMAL)
			.build();
		JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(httpClient);
		factory.setReadTimeout(readTimeout);
		return factory;
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
		return new DefaultEndpoint(this, folder, endpoint);
	}

	@Override
	public Reports reports() {
		return this.reports;
	}

	/** API root this client calls. */
	public URI apiUrl() {
		return this.apiUrl;
	}

	/** Tenant this client works for. */
	public String tenantId() {
		return this.tenantId;
	}

	/** Page size of multi-page walks whose query names none. */
	public int pageSize() {
		return this.pageSize;
	}

	/** Supplier of this client's access tokens (for health checks). */
	public AccessTokenProvider tokenProvider() {
		return this.tokenProvider;
	}

	/** Pages a walk fetches concurrently ahead of its consumer; 1 walks sequentially. */
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
				ThreadPoolExecutor pool = new ThreadPoolExecutor(this.pagingConcurrency, this.pagingConcurrency, 1,
						TimeUnit.MINUTES, new LinkedBlockingQueue<>(), threads);
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
				this.pagingPool = null;
			}
		}
	}

	/** Whether {@link #close()} was called. */
	public boolean isClosed() {
		synchronized (this.pagingPoolLock) {
			return this.closed;
		}
	}

	RequestExecutor executor() {
		return this.executor;
	}

	RecordMapper records() {
		return this.records;
	}

	OperationObserver observer() {
		return this.observer;
	}

	ServiceTitanClientListener listener() {
		return this.listener;
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

		private Duration connectTimeout = Duration.ofSeconds(10);

		private Duration readTimeout = Duration.ofSeconds(100);

		private int pageSize = Arguments.MAX_PAGE_SIZE;

		private RetrySettings retry = RetrySettings.DEFAULTS;

		private @Nullable RateLimiter rateLimiter;

		private double requestsPerSecond = 60;

		private int burst = 5;

		private Duration maxWait = Duration.ofSeconds(30);

		private Clock clock = Clock.systemUTC();

		private Sleeper sleeper = Sleeper.SYSTEM;

		private DoubleSupplier jitter = () -> ThreadLocalRandom.current().nextDouble();

		private JsonMapper jsonMapper = JsonMapper.builder().build();

		private final List<ServiceTitanClientListener> listeners = new ArrayList<>();

		private OperationObserver observer = OperationObserver.NOOP;

		private int pagingConcurrency = DEFAULT_PAGING_CONCURRENCY;

		private ReportingSettings reporting = ReportingSettings.DEFAULTS;

		private Builder() {
		}

		/** Sets both roots from an environment. */
		public Builder environment(ServiceTitanEnvironment environment) {
			this.apiUrl = environment.apiUrl();
			this.authUrl = environment.authUrl();
			return this;
		}

		/** API root, such as {@code https://api.servicetitan.io}. */
		public Builder apiUrl(URI apiUrl) {
			this.apiUrl = apiUrl;
			return this;
		}

		/** Auth root; the token endpoint is {@code {authUrl}/connect/token}. */
		public Builder authUrl(URI authUrl) {
			this.authUrl = authUrl;
			return this;
		}

		/** Tenant id (a number). */
		public Builder tenantId(String tenantId) {
			this.tenantId = tenantId;
			return this;
		}

		/** Application key, sent as {@code ST-App-Key}. */
		public Builder appKey(String appKey) {
			this.appKey = appKey;
			return this;
		}

		/** Client id of the tenant's client credentials. */
		public Builder clientId(String clientId) {
			this.clientId = clientId;
			return this;
		}

		/** Client secret of the tenant's client credentials. */
		public Builder clientSecret(String clientSecret) {
			this.clientSecret = clientSecret;
			return this;
		}

		/** Token supplier to use instead of the client-credentials one built from authUrl, clientId and clientSecret. */
		public Builder tokenProvider(AccessTokenProvider tokenProvider) {
			this.tokenProvider = tokenProvider;
			return this;
		}

		/** Builder to derive the HTTP clients from (it is cloned, never modified). */
		public Builder restClientBuilder(RestClient.Builder restClientBuilder) {
			this.restClientBuilder = restClientBuilder;
			return this;
		}

		/** Request factory for API and token calls; by default a JDK HttpClient with the configured timeouts. */
		public Builder requestFactory(ClientHttpRequestFactory requestFactory) {
			this.requestFactory = requestFactory;
			return this;
		}

		/** Connect timeout of the default request factory. */
		public Builder connectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
			return this;
		}

		/** Read timeout of the default request factory. */
		public Builder readTimeout(Duration readTimeout) {
			this.readTimeout = readTimeout;
			return this;
		}

		/** Page size of multi-page walks whose query names none (1 to 5000). */
		public Builder pageSize(int pageSize) {
			this.pageSize = pageSize;
			return this;
		}

		/** Retry settings. */
		public Builder retry(RetrySettings retry) {
			this.retry = retry;
			return this;
		}

		/**
		 * Settings of the default client-side rate limiter (an {@link AdaptiveRateLimiter} on this builder's clock and
		 * sleeper); by default 60 requests per second, a burst of 5 and a maximum wait of 30 seconds. Up to
		 * {@code burst} requests go through at once, and no one-second window sees more than {@code requestsPerSecond}
		 * requests: the bucket refills at {@link RateBudget#sustainedRate()} (56 per second at the defaults).
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

		/** Client-side rate limiter replacing the default one (share one between clients of the same tenant). */
		public Builder rateLimiter(RateLimiter rateLimiter) {
			this.rateLimiter = rateLimiter;
			return this;
		}

		/** Time source for token expiry, Retry-After dates and the rate limiter. */
		public Builder clock(Clock clock) {
			this.clock = clock;
			return this;
		}

		/** How the client waits (backoff, Retry-After, rate limiter). */
		public Builder sleeper(Sleeper sleeper) {
			this.sleeper = sleeper;
			return this;
		}

		/** Source of backoff jitter, a number in [0, 1). */
		public Builder jitter(DoubleSupplier jitter) {
			this.jitter = jitter;
			return this;
		}

		/** Mapper for request payloads, responses and typed records. */
		public Builder jsonMapper(JsonMapper jsonMapper) {
			this.jsonMapper = jsonMapper;
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

		/** Observes operation calls. */
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
		 * How report runs are paced (a limiter per report, on top of the tenant's) and paged.
		 * @param reporting the settings; {@link ReportingSettings#DEFAULTS} unless set
		 * @return this builder
		 */
		public Builder reporting(ReportingSettings reporting) {
			this.reporting = reporting;
			return this;
		}

		/** Builds the client. */
		public ServiceTitanClient build() {
			return new ServiceTitanClient(this);
		}

	}

}
