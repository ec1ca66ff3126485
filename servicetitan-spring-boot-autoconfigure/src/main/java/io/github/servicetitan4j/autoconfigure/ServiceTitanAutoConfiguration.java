package io.github.servicetitan4j.autoconfigure;

import java.util.List;

import io.github.servicetitan4j.EndpointFactory;
import io.github.servicetitan4j.ServiceTitanClient;
import io.github.servicetitan4j.ServiceTitanClientListener;
import io.github.servicetitan4j.ratelimit.RateLimiterFactory;
import io.github.servicetitan4j.retry.RetrySettings;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.io.ResourceLoader;
import org.springframework.web.client.RestClient;

/**
 * Auto-configuration of the ServiceTitan client: binds {@code servicetitan.*} into an {@link EndpointFactory} bean
 * (a {@link ServiceTitanClient}) over the application's {@link RestClient.Builder}, so that its
 * {@code RestClientCustomizer}s and SSL settings apply. Nothing else is published: the OAuth2 client objects, the
 * {@link RestClient}s and the mapper stay private to the client, and the application's own Spring Security setup is left
 * alone. When no connection property is set, nothing is created.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration",
		"org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration",
		"org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration" })
@Conditional(ServiceTitanConfiguredCondition.class)
@EnableConfigurationProperties(ServiceTitanProperties.class)
public final class ServiceTitanAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(ServiceTitanConnectionDetails.class)
	PropertiesServiceTitanConnectionDetails serviceTitanConnectionDetails(ServiceTitanProperties properties) {
		return new PropertiesServiceTitanConnectionDetails(properties);
	}

	@Bean
	@ConditionalOnMissingBean(EndpointFactory.class)
	ServiceTitanClient serviceTitanClient(ServiceTitanProperties properties, ServiceTitanConnectionDetails connection,
			ObjectProvider<RestClient.Builder> restClientBuilder,
			ObjectProvider<ClientHttpRequestFactoryBuilder<?>> requestFactoryBuilder,
			ObjectProvider<HttpClientSettings> httpClientSettings,
			ObjectProvider<ServiceTitanRestClientCustomizer> restClientCustomizers, ObjectProvider<JsonMapper> jsonMapper,
			ObjectProvider<ServiceTitanClientBuilderCustomizer> clientCustomizers,
			ObjectProvider<ServiceTitanClientListener> listeners, ObjectProvider<RateLimiterFactory> rateLimiters,
			ResourceLoader resourceLoader) {
		ServiceTitanPropertiesValidator.validate(properties, false);
		HttpClientSettings settings = httpClientSettings.getIfAvailable(HttpClientSettings::defaults)
			.withTimeouts(properties.getConnectTimeout(), properties.getReadTimeout())
			.withRedirects(HttpRedirects.FOLLOW);
		ClientHttpRequestFactoryBuilder<?> factoryBuilder = requestFactoryBuilder
			.getIfAvailable(() -> ClientHttpRequestFactoryBuilder.detect(resourceLoader.getClassLoader()));
		RestClient.Builder builder = restClientBuilder.getIfAvailable(RestClient::builder);
		restClientCustomizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		RetrySettings retry = retrySettings(properties.getRetry());
		ServiceTitanClient.Builder client = ServiceTitanClient.builder()
			.apiUrl(connection.apiUrl())
			.authUrl(connection.authUrl())
			.tenantId(connection.tenantId())
			.appKey(connection.appKey())
			.clientId(connection.clientId())
			.clientSecret(connection.clientSecret())
			.restClientBuilder(builder)
			.requestFactory(factoryBuilder.build(settings))
			.connectTimeout(properties.getConnectTimeout())
			.readTimeout(properties.getReadTimeout())
			.pageSize(properties.getPageSize())
			.pagingConcurrency(properties.getPaging().getConcurrency())
			.retry(retry)
			.rateLimit(properties.getRateLimit().getRequestsPerSecond(), properties.getRateLimit().getBurst(),
					properties.getRateLimit().getMaxWait());
		RateLimiterFactory sharedLimiters = rateLimiters.getIfAvailable();
		ServiceTitanProperties.RateLimit.Store store = properties.getRateLimit().getStore();
		if (sharedLimiters != null && properties.getRateLimit().getRequestsPerSecond() > 0) {
			client.rateLimiter(sharedLimiters.rateLimiter(connection.tenantId(), connection.appKey()));
		}
		else if (store != ServiceTitanProperties.RateLimit.Store.LOCAL) {
			throw new InvalidServiceTitanPropertiesException(List.of(missingStore(store)));
		}
		jsonMapper.ifAvailable(client::jsonMapper);
		listeners.orderedStream().forEach(client::listener);
		clientCustomizers.orderedStream().forEach((customizer) -> customizer.customize(client));
		return client.build();
	}

	private static String missingStore(ServiceTitanProperties.RateLimit.Store store) {
		return switch (store) {
			case REDIS -> "servicetitan.rate-limit.store is 'redis' but the application has no Lettuce connection factory "
					+ "(spring-boot-starter-data-redis) or com.bucket4j:bucket4j_jdk17-lettuce is not on the class path";
			case JDBC -> "servicetitan.rate-limit.store is 'jdbc' but the application has no DataSource bean, or "
					+ "com.bucket4j:bucket4j_jdk17-postgresql or spring-jdbc is not on the class path";
			case LOCAL -> "servicetitan.rate-limit.store is 'local'";
		};
	}

	private static RetrySettings retrySettings(ServiceTitanProperties.Retry retry) {
		return new RetrySettings(retry.isEnabled(), retry.getMaxAttempts(), retry.getInitialBackoff(),
				retry.getMaxBackoff(), retry.getMaxRetryAfter());
	}

}
