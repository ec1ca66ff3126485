package io.github.servicetitan4j.autoconfigure;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.servicetitan4j.EndpointFactory;
import io.github.servicetitan4j.ServiceTitanClient;
import io.github.servicetitan4j.ServiceTitanClientListener;
import io.github.servicetitan4j.ServiceTitanTenants;
import io.github.servicetitan4j.auth.AccessTokenProvider;
import io.github.servicetitan4j.internal.ReportReadySignals;
import io.github.servicetitan4j.ratelimit.RateLimiterFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.http.client.JdkClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.JdkHttpClientBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.ResourceLoader;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * Auto-configuration of the ServiceTitan client: binds {@code servicetitan.*} into an {@link EndpointFactory} bean
 * (a {@link ServiceTitanClient}) over the application's {@link RestClient.Builder}, so that its
 * {@code RestClientCustomizer}s and SSL settings apply, and a {@link ServiceTitanTenants} bean. Nothing else is
 * published: the OAuth2 client objects, the {@link RestClient}s and the mapper stay private to the client, and the
 * application's own Spring Security setup is left alone. When no connection property is set, nothing is created.
 * <p>
 * One tenant comes from {@code servicetitan.tenant-id}, {@code client-id} and {@code client-secret} (or a
 * {@link ServiceTitanConnectionDetails} bean) and is also {@code ServiceTitanTenants.tenant("default")}. Several come
 * from {@code servicetitan.tenants.<name>.*}; the {@link EndpointFactory} bean is then the only one, or the one
 * {@code servicetitan.default-tenant} names, and there is none otherwise. Either way a {@link ServiceTitanTenantSource}
 * bean adds tenants at runtime. Every tenant's client is built by one {@link TenantClientFactory}.
 * <p>
 * The token suppliers of the configured tenants are beans too, but no default candidates (they are injected only where
 * asked for by name, so an application's own {@link AccessTokenProvider} beans are undisturbed): the client of each
 * tenant uses its supplier, and the health indicator checks that same supplier without building a client:
 * {@value #TOKEN_PROVIDER} for the single tenant (also when the application defines its own {@link EndpointFactory}),
 * {@value #TOKEN_PROVIDERS} and {@value #TENANT_CONNECTIONS} by tenant name for {@code servicetitan.tenants}.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration",
		"org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration",
		"org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
		"org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
		"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration" })
@Conditional(ServiceTitanConfiguredCondition.class)
@EnableConfigurationProperties(ServiceTitanProperties.class)
@Import({ ServiceTitanRateLimitConfiguration.class, ServiceTitanExportLeaseConfiguration.class,
		ServiceTitanExportCheckpointConfiguration.class })
public final class ServiceTitanAutoConfiguration {

	/** Name of the single tenant of {@code servicetitan.tenant-id} in {@link ServiceTitanTenants}. */
	static final String DEFAULT_TENANT = "default";

	/** Name of the single tenant's {@link AccessTokenProvider} bean. */
	public static final String TOKEN_PROVIDER = "serviceTitanAccessTokenProvider";

	/** Name of the bean of the configured tenants' {@link AccessTokenProvider}s, by tenant name. */
	public static final String TOKEN_PROVIDERS = "serviceTitanAccessTokenProviders";

	/** Name of the bean of the configured tenants' {@link ServiceTitanConnectionDetails}, by tenant name. */
	public static final String TENANT_CONNECTIONS = "serviceTitanTenantConnections";

	@Bean
	TenantClientFactory serviceTitanTenantClientFactory(ServiceTitanProperties properties,
			ObjectProvider<RestClient.Builder> restClientBuilder,
			ObjectProvider<ClientHttpRequestFactoryBuilder<?>> requestFactoryBuilder,
			ObjectProvider<HttpClientSettings> httpClientSettings,
			ObjectProvider<ServiceTitanRestClientCustomizer> restClientCustomizers, ObjectProvider<JsonMapper> jsonMapper,
			ObjectProvider<ServiceTitanClientBuilderCustomizer> clientCustomizers,
			ObjectProvider<ServiceTitanTenantCustomizer> tenantCustomizers,
			ObjectProvider<ServiceTitanClientListener> listeners,
			ObjectProvider<RateLimiterFactory> rateLimiters, ObjectProvider<ReportReadySignals> reportReady,
			ResourceLoader resourceLoader) {
		// The client follows redirects itself, so that its credentials never go to another host.
		HttpClientSettings settings = httpClientSettings.getIfAvailable(HttpClientSettings::defaults)
			.withTimeouts(properties.getConnectTimeout(), properties.getReadTimeout())
			.withRedirects(HttpRedirects.DONT_FOLLOW);
		ClientHttpRequestFactoryBuilder<?> factoryBuilder = requestFactoryBuilder
			.getIfAvailable(() -> ClientHttpRequestFactoryBuilder.detect(resourceLoader.getClassLoader()));
		// Spring's JDK factory times the whole exchange and would cut a slow consumer of a stream off: the client's
		// own factory times each wait for the server, over an HttpClient built from the same settings (the read
		// timeout is the client's to apply: Boot's builder refuses one).
		ClientHttpRequestFactory requestFactory = (factoryBuilder instanceof JdkClientHttpRequestFactoryBuilder)
				? ServiceTitanClient.jdkRequestFactory(new JdkHttpClientBuilder().build(settings.withReadTimeout(null)),
						properties.getReadTimeout())
				: factoryBuilder.build(settings);
		// One request factory (one connection pool) for every tenant: thousands of tenants must not mean thousands of
		// HTTP clients.
		return new TenantClientFactory(properties, restClientBuilder, requestFactory,
				jsonMapper.getIfAvailable(() -> JsonMapper.builder().build()), restClientCustomizers, clientCustomizers,
				tenantCustomizers, listeners, rateLimiters, reportReady);
	}

	@Configuration(proxyBeanMethods = false)
	@Conditional(ServiceTitanTenancyCondition.OneTenant.class)
	static class OneTenantConfiguration {

		@Bean
		@ConditionalOnMissingBean(ServiceTitanConnectionDetails.class)
		PropertiesServiceTitanConnectionDetails serviceTitanConnectionDetails(ServiceTitanProperties properties) {
			return new PropertiesServiceTitanConnectionDetails(properties);
		}

		// Built alone, before any client: the health indicator checks it even when the application brings its own
		// EndpointFactory, and the starter's client uses it, so that both see one cached token.
		@Bean(name = TOKEN_PROVIDER, defaultCandidate = false)
		@ConditionalOnMissingBean(name = TOKEN_PROVIDER)
		AccessTokenProvider serviceTitanAccessTokenProvider(ServiceTitanProperties properties,
				ServiceTitanConnectionDetails connection, TenantClientFactory factory) {
			if (!(connection instanceof PropertiesServiceTitanConnectionDetails)) {
				// Otherwise the properties' connection details have validated everything already: once per startup.
				ServiceTitanPropertiesValidator.validate(properties, false);
			}
			return factory.tokenProvider(connection.tenantId(), connection);
		}

		@Bean
		@ConditionalOnMissingBean(EndpointFactory.class)
		ServiceTitanClient serviceTitanClient(ServiceTitanConnectionDetails connection, TenantClientFactory factory,
				@Qualifier(TOKEN_PROVIDER) AccessTokenProvider tokens) {
			return factory.create(connection.tenantId(), connection, tokens);
		}

		@Bean
		@ConditionalOnMissingBean(ServiceTitanTenants.class)
		DefaultServiceTitanTenants serviceTitanTenants(ServiceTitanProperties properties,
				ObjectProvider<EndpointFactory> endpointFactory, ObjectProvider<ServiceTitanTenantSource> source,
				TenantClientFactory factory) {
			EndpointFactory single = endpointFactory.getIfUnique();
			Map<String, EndpointFactory> configured = (single != null) ? Map.of(DEFAULT_TENANT, single) : Map.of();
			return new DefaultServiceTitanTenants(configured, List.of(), source.getIfAvailable(), factory,
					properties.getRuntimeTenants().getMaxClients());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Conditional(ServiceTitanTenancyCondition.ManyTenants.class)
	static class ManyTenantsConfiguration {

		@Bean(name = TENANT_CONNECTIONS, defaultCandidate = false)
		@ConditionalOnMissingBean(ServiceTitanTenants.class)
		Map<String, ServiceTitanConnectionDetails> serviceTitanTenantConnections(ServiceTitanProperties properties,
				TenantClientFactory factory) {
			ServiceTitanPropertiesValidator.validateTenants(properties);
			Map<String, ServiceTitanConnectionDetails> connections = new LinkedHashMap<>();
			properties.getTenants().forEach((name, tenant) -> connections.put(name, factory.connection(name, tenant)));
			return Collections.unmodifiableMap(connections);
		}

		@Bean(name = TOKEN_PROVIDERS, defaultCandidate = false)
		@ConditionalOnMissingBean(ServiceTitanTenants.class)
		Map<String, AccessTokenProvider> serviceTitanAccessTokenProviders(
				@Qualifier(TENANT_CONNECTIONS) Map<String, ServiceTitanConnectionDetails> connections,
				TenantClientFactory factory) {
			Map<String, AccessTokenProvider> tokens = new LinkedHashMap<>();
			connections.forEach((name, connection) -> tokens.put(name, factory.tokenProvider(name, connection)));
			return Collections.unmodifiableMap(tokens);
		}

		@Bean
		@ConditionalOnMissingBean(ServiceTitanTenants.class)
		DefaultServiceTitanTenants serviceTitanTenants(ServiceTitanProperties properties,
				ObjectProvider<ServiceTitanTenantSource> source, TenantClientFactory factory,
				@Qualifier(TENANT_CONNECTIONS) Map<String, ServiceTitanConnectionDetails> connections,
				@Qualifier(TOKEN_PROVIDERS) Map<String, AccessTokenProvider> tokens) {
			Map<String, ServiceTitanClient> clients = new LinkedHashMap<>();
			try {
				connections.forEach((name, connection) -> clients.put(name,
						factory.create(name, connection, tokens.get(name))));
			}
			catch (RuntimeException ex) {
				clients.values().forEach(ServiceTitanClient::close);
				throw ex;
			}
			return new DefaultServiceTitanTenants(clients, List.copyOf(clients.values()), source.getIfAvailable(),
					factory, properties.getRuntimeTenants().getMaxClients());
		}

		// The tenants bean closes the client.
		@Bean(destroyMethod = "")
		@Conditional(ServiceTitanTenancyCondition.DefaultTenant.class)
		@ConditionalOnMissingBean(EndpointFactory.class)
		EndpointFactory serviceTitanClient(ServiceTitanProperties properties, ServiceTitanTenants tenants) {
			String name = properties.getDefaultTenant();
			return tenants.tenant((name != null) ? name : properties.getTenants().keySet().iterator().next());
		}

	}

}
