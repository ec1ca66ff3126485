package io.github.servicetitan4j.autoconfigure;

import java.net.URI;
import java.util.function.Consumer;

import io.github.servicetitan4j.Reports;
import io.github.servicetitan4j.ServiceTitanClient;
import io.github.servicetitan4j.ServiceTitanClientListener;
import io.github.servicetitan4j.auth.AccessTokenProvider;
import io.github.servicetitan4j.internal.ReportReadySignals;
import io.github.servicetitan4j.ratelimit.RateLimiterFactory;
import io.github.servicetitan4j.retry.RetrySettings;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * Builds the client of one tenant, the same way for the single tenant, each configured tenant and each runtime
 * tenant: the application's {@link RestClient.Builder} and customizers, the listeners and observations, and the
 * retry, rate-limit, paging and timeout properties all apply to each. The tenants share one HTTP request factory (one
 * connection pool) and one JSON mapper; each gets its own token, rate limiter and retry state. A tenant's token supplier
 * can be built first, alone ({@link #tokenProvider}), and handed to its client, so that the health indicator checks the
 * very token the client uses without building a client of its own.
 */
final class TenantClientFactory {

	private final ServiceTitanProperties properties;

	private final ObjectProvider<RestClient.Builder> restClientBuilder;

	private final ClientHttpRequestFactory requestFactory;

	private final JsonMapper jsonMapper;

	private final ObjectProvider<ServiceTitanRestClientCustomizer> restClientCustomizers;

	private final ObjectProvider<ServiceTitanClientBuilderCustomizer> clientCustomizers;

	private final ObjectProvider<ServiceTitanTenantCustomizer> tenantCustomizers;

	private final ObjectProvider<ServiceTitanClientListener> listeners;

	private final ObjectProvider<RateLimiterFactory> rateLimiters;

	private final ObjectProvider<ReportReadySignals> reportReady;

	private volatile @Nullable String appKey;

	TenantClientFactory(ServiceTitanProperties properties, ObjectProvider<RestClient.Builder> restClientBuilder,
			ClientHttpRequestFactory requestFactory, JsonMapper jsonMapper,
			ObjectProvider<ServiceTitanRestClientCustomizer> restClientCustomizers,
			ObjectProvider<ServiceTitanClientBuilderCustomizer> clientCustomizers,
			ObjectProvider<ServiceTitanTenantCustomizer> tenantCustomizers,
			ObjectProvider<ServiceTitanClientListener> listeners,
			ObjectProvider<RateLimiterFactory> rateLimiters, ObjectProvider<ReportReadySignals> reportReady) {
		this.properties = properties;
		this.restClientBuilder = restClientBuilder;
		this.requestFactory = requestFactory;
		this.jsonMapper = jsonMapper;
		this.restClientCustomizers = restClientCustomizers;
		this.clientCustomizers = clientCustomizers;
		this.tenantCustomizers = tenantCustomizers;
		this.listeners = listeners;
		this.rateLimiters = rateLimiters;
		this.reportReady = reportReady;
	}

	/**
	 * Builds a tenant's client.
	 * @param tenant the tenant's name, as the tenant customizers (and so the meters' tenant tag) see it
	 * @param connection where and as whom it connects
	 * @return the client; the caller closes it
	 */
	ServiceTitanClient create(String tenant, ServiceTitanConnectionDetails connection) {
		return builder(tenant, connection, (client) -> rateLimit(connection, client)).build();
	}

	/**
	 * Builds a tenant's client around a token supplier built before by {@link #tokenProvider}.
	 * @param tenant the tenant's name, as the tenant customizers (and so the meters' tenant tag) see it
	 * @param connection where and as whom it connects
	 * @param tokens the tenant's token supplier
	 * @return the client; the caller closes it
	 */
	ServiceTitanClient create(String tenant, ServiceTitanConnectionDetails connection, AccessTokenProvider tokens) {
		return builder(tenant, connection, (client) -> rateLimit(connection, client)).tokenProvider(tokens).build();
	}

	/**
	 * Builds a tenant's token supplier alone, configured as its client would be (HTTP client, customizers, retries,
	 * listeners), without building a client.
	 * @param tenant the tenant's name, as the tenant customizers see it
	 * @param connection where and as whom it connects
	 * @return the token supplier
	 */
	AccessTokenProvider tokenProvider(String tenant, ServiceTitanConnectionDetails connection) {
		// Token requests do not pass the API's rate limiter: none is set up for them.
		return builder(tenant, connection, (client) -> {
		}).buildTokenProvider();
	}

	private ServiceTitanClient.Builder builder(String tenant, ServiceTitanConnectionDetails connection,
			Consumer<ServiceTitanClient.Builder> rateLimit) {
		RestClient.Builder builder = this.restClientBuilder.getIfAvailable(RestClient::builder);
		this.restClientCustomizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		ServiceTitanClient.Builder client = ServiceTitanClient.builder()
			.apiUrl(connection.apiUrl())
			.authUrl(connection.authUrl())
			.tenantId(connection.tenantId())
			.appKey(connection.appKey())
			.clientId(connection.clientId())
			.clientSecret(connection.clientSecret())
			.restClientBuilder(builder)
			.requestFactory(this.requestFactory)
			.connectTimeout(this.properties.getConnectTimeout())
			.readTimeout(this.properties.getReadTimeout())
			.pageSize(this.properties.getPageSize())
			.maxResponseSize(this.properties.getMaxResponseSize())
			.pagingConcurrency(this.properties.getPaging().getConcurrency())
			.strictRecords(this.properties.getRecords().isStrict())
			.retry(retrySettings(this.properties.getRetry()))
			.reporting(reportingSettings(this.properties.getReporting()))
			.jsonMapper(this.jsonMapper);
		// With the webhook receiver, report queries wait for their ready event; the event's token names the query, so
		// events are not filtered by tenant (a token of another tenant only causes one early poll).
		this.reportReady.ifAvailable((signals) -> client
			.reportReadyEvents((listener) -> signals.subscribe((eventTenant, data) -> listener.accept(data))));
		rateLimit.accept(client);
		this.listeners.orderedStream().forEach(client::listener);
		this.clientCustomizers.orderedStream().forEach((customizer) -> customizer.customize(client));
		this.tenantCustomizers.orderedStream().forEach((customizer) -> customizer.customize(tenant, client, builder));
		return client;
	}

	private static Reports.Settings reportingSettings(ServiceTitanProperties.Reporting reporting) {
		return new Reports.Settings(reporting.getRequestsPerMinute(), reporting.getMaxWait(), reporting.getPageSize(),
				reporting.getFlow(), reporting.getPollInterval(), reporting.getMaxPollInterval(),
				reporting.getMaxQueryDuration(), reporting.getMaxConcurrentQueries());
	}

	/** Where each tenant's rate limiter comes from: the application's factory, or one of the tenant's own. */
	private void rateLimit(ServiceTitanConnectionDetails connection, ServiceTitanClient.Builder client) {
		RateLimiterFactory factory = this.rateLimiters.getIfAvailable();
		if (factory != null) {
			client.rateLimiter(factory.rateLimiter(connection.tenantId(), connection.appKey()));
			if (this.properties.getReporting().isSharedBudget()) {
				client.reportRateLimiters(factory);
			}
			return;
		}
		ServiceTitanProperties.RateLimit rateLimit = this.properties.getRateLimit();
		client.rateLimit(rateLimit.getRequestsPerSecond(), rateLimit.getBurst(), rateLimit.getMaxWait());
	}

	/**
	 * The connection of a tenant of {@code servicetitan.tenants} (validated): the tenant's own settings first, then
	 * the shared ones.
	 */
	ServiceTitanConnectionDetails connection(String name, ServiceTitanProperties.Tenant tenant) {
		String prefix = "servicetitan.tenants." + name + ".";
		return resolve(CredentialValue.clean(prefix + "tenant-id", tenant.getTenantId()),
				CredentialValue.clean(prefix + "client-id", tenant.getClientId()),
				CredentialValue.clean(prefix + "client-secret", tenant.getClientSecret()), tenant.getEnvironment(),
				tenant.getApiUrl(), tenant.getAuthUrl());
	}

	/** The connection of a runtime tenant, completed with the shared settings. */
	ServiceTitanConnectionDetails connection(ServiceTitanTenantSource.Connection tenant) {
		return resolve(tenant.tenantId(), tenant.clientId(), tenant.clientSecret(), tenant.environment(),
				tenant.apiUrl(), tenant.authUrl());
	}

	private ServiceTitanConnectionDetails resolve(String tenantId, String clientId, String clientSecret,
			ServiceTitanClient.@Nullable Environment environment, @Nullable URI apiUrl, @Nullable URI authUrl) {
		// A tenant naming its own environment leaves the shared roots (which belong to the shared environment) alone.
		ServiceTitanClient.Environment shared = this.properties.getEnvironment();
		URI api = first(apiUrl, (environment != null) ? environment.apiUrl() : null, this.properties.getApiUrl(),
				shared.apiUrl());
		URI auth = first(authUrl, (environment != null) ? environment.authUrl() : null, this.properties.getAuthUrl(),
				shared.authUrl());
		return new TenantConnectionDetails(api, auth, tenantId.trim(),
				appKey(), clientId, clientSecret);
	}

	/**
	 * The shared app key, cleaned once: a WARN about whitespace around it appears once, not once per tenant client
	 * (there may be thousands of runtime tenants).
	 */
	private String appKey() {
		String appKey = this.appKey;
		if (appKey == null) {
			synchronized (this) {
				appKey = this.appKey;
				if (appKey == null) {
					appKey = CredentialValue.clean("servicetitan.app-key", this.properties.getAppKey());
					this.appKey = appKey;
				}
			}
		}
		return appKey;
	}

	private static URI first(@Nullable URI tenantUrl, @Nullable URI tenantEnvironmentUrl, @Nullable URI sharedUrl,
			URI sharedEnvironmentUrl) {
		for (URI url : new @Nullable URI[] { tenantUrl, tenantEnvironmentUrl, sharedUrl }) {
			if (url != null) {
				return url;
			}
		}
		return sharedEnvironmentUrl;
	}

	private static RetrySettings retrySettings(ServiceTitanProperties.Retry retry) {
		return new RetrySettings(retry.isEnabled(), retry.getMaxAttempts(), retry.getInitialBackoff(),
				retry.getMaxBackoff(), retry.getMaxRetryAfter());
	}

	/** One tenant's resolved connection; its secret stays out of {@link #toString()}. */
	private record TenantConnectionDetails(URI apiUrl, URI authUrl, String tenantId, String appKey, String clientId,
			String clientSecret) implements ServiceTitanConnectionDetails {

		@Override
		public String toString() {
			return "ServiceTitanConnectionDetails[apiUrl=" + this.apiUrl + ", tenantId=" + this.tenantId + ", clientId="
					+ this.clientId + "]";
		}

	}

}
