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
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.BeanFactory;
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
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * Auto-configuration of the ServiceTitan client: binds {@code servicetitan.*} into an {@link EndpointFactory} bean
 * (a {@link ServiceTitanClient}) over the application's {@link RestClient.Builder}, so that its
 * {@code RestClientCustomizer}s and SSL settings apply, and a {@link ServiceTitanTenants} bean. Nothing else is
 * published: the OAuth2 client objects, the {@link RestClient}s and the mapper stay private to the client, and the
 * application's own Spring Security setup is left alone. When no connection property is set, no client is created.
 * <p>
 * The beans are defined whatever is configured, so that an application AOT-processed without credentials runs with
 * credentials given where it runs: each decides when it is created which tenants the properties describe (see
 * {@link ServiceTitanTenancy}), and a bean that does not apply is {@code null}, which injection treats as absent.
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

	// Absent when nothing is configured, so that an application with the starter but no ServiceTitan settings builds no
	// HTTP client.
	@Bean
	@Nullable TenantClientFactory serviceTitanTenantClientFactory(ServiceTitanProperties properties,
			Environment environment, ObjectProvider<ServiceTitanConnectionDetails> connectionDetails,
			ObjectProvider<ServiceTitanTenantSource> source,
			ObjectProvider<RestClient.Builder> restClientBuilder,
			ObjectProvider<ClientHttpRequestFactoryBuilder<?>> requestFactoryBuilder,
			ObjectProvider<HttpClientSettings> httpClientSettings,
			ObjectProvider<ServiceTitanRestClientCustomizer> restClientCustomizers, ObjectProvider<JsonMapper> jsonMapper,
			ObjectProvider<ServiceTitanClientBuilderCustomizer> clientCustomizers,
			ObjectProvider<ServiceTitanTenantCustomizer> tenantCustomizers,
			ObjectProvider<ServiceTitanClientListener> listeners,
			ObjectProvider<RateLimiterFactory> rateLimiters, ObjectProvider<ReportReadySignals> reportReady,
			ResourceLoader resourceLoader) {
		if (connectionDetails.getIfAvailable() == null
				&& ServiceTitanTenancy.fromProperties(environment, source.getIfAvailable() != null) == ServiceTitanTenancy.NONE) {
			return null;
		}
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

	// Always defined (AOT fixes the definitions at build time); null, that is absent, unless the properties describe one
	// tenant. It validates the properties, so a partial configuration fails startup here.
	@Bean
	@ConditionalOnMissingBean(ServiceTitanConnectionDetails.class)
	@Nullable PropertiesServiceTitanConnectionDetails serviceTitanConnectionDetails(ServiceTitanProperties properties,
			Environment environment, ObjectProvider<ServiceTitanTenantSource> source) {
		return (ServiceTitanTenancy.fromProperties(environment, source.getIfAvailable() != null) == ServiceTitanTenancy.ONE)
				? new PropertiesServiceTitanConnectionDetails(properties) : null;
	}

	// Built alone, before any client: the health indicator checks it even when the application brings its own
	// EndpointFactory, and the starter's client uses it, so that both see one cached token. Absent without one tenant.
	@Bean(name = TOKEN_PROVIDER, defaultCandidate = false)
	@ConditionalOnMissingBean(name = TOKEN_PROVIDER)
	@Nullable AccessTokenProvider serviceTitanAccessTokenProvider(ServiceTitanProperties properties,
			ObjectProvider<ServiceTitanConnectionDetails> connectionDetails, ObjectProvider<TenantClientFactory> factory) {
		ServiceTitanConnectionDetails connection = connectionDetails.getIfAvailable();
		if (connection == null) {
			return null;
		}
		if (!(connection instanceof PropertiesServiceTitanConnectionDetails)) {
			// Otherwise the properties' connection details have validated everything already: once per startup.
			ServiceTitanPropertiesValidator.validate(properties, false);
		}
		return factory.getObject().tokenProvider(connection.tenantId(), connection);
	}

	// One tenant: its client. Named tenants: the only one, or servicetitan.default-tenant; absent otherwise.
	@Bean
	@ConditionalOnMissingBean(EndpointFactory.class)
	@Nullable ServiceTitanClient serviceTitanClient(ServiceTitanProperties properties,
			ObjectProvider<ServiceTitanConnectionDetails> connectionDetails, ObjectProvider<TenantClientFactory> factory,
			@Qualifier(TOKEN_PROVIDER) ObjectProvider<AccessTokenProvider> tokens,
			ObjectProvider<ServiceTitanTenants> tenants) {
		ServiceTitanConnectionDetails connection = connectionDetails.getIfAvailable();
		if (connection != null) {
			return factory.getObject().create(connection.tenantId(), connection, tokens.getObject());
		}
		String name = properties.getDefaultTenant();
		if (name == null && properties.getTenants().size() == 1) {
			name = properties.getTenants().keySet().iterator().next();
		}
		ServiceTitanTenants all = (name != null) ? tenants.getIfAvailable() : null;
		// The tenants bean owns this client and closes it too; closing twice is harmless. An application's own
		// ServiceTitanTenants may answer with another kind of EndpointFactory: then the application defines the bean.
		return (all != null && all.tenant(name) instanceof ServiceTitanClient client) ? client : null;
	}

	// Named tenants only; empty with one tenant or none. Declared before the tenants bean, whose presence they test.
	@Bean(name = TENANT_CONNECTIONS, defaultCandidate = false)
	@ConditionalOnMissingBean(ServiceTitanTenants.class)
	Map<String, ServiceTitanConnectionDetails> serviceTitanTenantConnections(ServiceTitanProperties properties,
			ObjectProvider<ServiceTitanConnectionDetails> connectionDetails,
			ObjectProvider<TenantClientFactory> tenantClientFactory) {
		TenantClientFactory factory = tenantClientFactory.getIfAvailable();
		if (factory == null || connectionDetails.getIfAvailable() != null) {
			return Map.of();
		}
		ServiceTitanPropertiesValidator.validateTenants(properties);
		Map<String, ServiceTitanConnectionDetails> connections = new LinkedHashMap<>();
		properties.getTenants().forEach((name, tenant) -> connections.put(name, factory.connection(name, tenant)));
		return Collections.unmodifiableMap(connections);
	}

	@Bean(name = TOKEN_PROVIDERS, defaultCandidate = false)
	@ConditionalOnMissingBean(ServiceTitanTenants.class)
	Map<String, AccessTokenProvider> serviceTitanAccessTokenProviders(
			BeanFactory beans, ObjectProvider<TenantClientFactory> factory) {
		Map<String, ServiceTitanConnectionDetails> connections = byName(beans, TENANT_CONNECTIONS);
		Map<String, AccessTokenProvider> tokens = new LinkedHashMap<>();
		connections.forEach((name, connection) -> tokens.put(name, factory.getObject().tokenProvider(name, connection)));
		return Collections.unmodifiableMap(tokens);
	}

	@Bean
	@ConditionalOnMissingBean(ServiceTitanTenants.class)
	@Nullable DefaultServiceTitanTenants serviceTitanTenants(ServiceTitanProperties properties,
			ObjectProvider<ServiceTitanConnectionDetails> connectionDetails,
			ObjectProvider<EndpointFactory> endpointFactory, ObjectProvider<ServiceTitanTenantSource> source,
			ObjectProvider<TenantClientFactory> tenantClientFactory,
			BeanFactory beans) {
		TenantClientFactory factory = tenantClientFactory.getIfAvailable();
		if (factory == null) {
			return null;
		}
		int maxClients = properties.getRuntimeTenants().getMaxClients();
		if (connectionDetails.getIfAvailable() != null) {
			EndpointFactory single = endpointFactory.getIfUnique();
			Map<String, EndpointFactory> configured = (single != null) ? Map.of(DEFAULT_TENANT, single) : Map.of();
			return new DefaultServiceTitanTenants(configured, List.of(), source.getIfAvailable(), factory, maxClients);
		}
		Map<String, ServiceTitanConnectionDetails> connections = byName(beans, TENANT_CONNECTIONS);
		Map<String, AccessTokenProvider> tokens = byName(beans, TOKEN_PROVIDERS);
		Map<String, ServiceTitanClient> clients = new LinkedHashMap<>();
		try {
			connections.forEach((name, connection) -> clients.put(name,
					factory.create(name, connection, tokens.get(name))));
		}
		catch (RuntimeException ex) {
			clients.values().forEach(ServiceTitanClient::close);
			throw ex;
		}
		return new DefaultServiceTitanTenants(clients, List.copyOf(clients.values()), source.getIfAvailable(), factory,
				maxClients);
	}

	// By name: injected by type, a Map parameter collects the beans of its value type instead.
	@SuppressWarnings("unchecked")
	private static <T> Map<String, T> byName(BeanFactory beans, String name) {
		return beans.getBean(name, Map.class);
	}

}
