package io.github.servicetitan4j.autoconfigure.health;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.servicetitan4j.EndpointFactory;
import io.github.servicetitan4j.ServiceTitanClient;
import io.github.servicetitan4j.ServiceTitanTenants;
import io.github.servicetitan4j.autoconfigure.ServiceTitanAutoConfiguration;
import io.github.servicetitan4j.autoconfigure.ServiceTitanConnectionDetails;
import io.github.servicetitan4j.autoconfigure.ServiceTitanProperties;
import io.github.servicetitan4j.autoconfigure.TenantClientFactory;
import io.github.servicetitan4j.health.ServiceTitanHealthIndicator;
import io.github.servicetitan4j.ratelimit.RateLimiterFactory;
import io.github.servicetitan4j.ratelimit.RateLimiterFactory.StoreStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Auto-configuration of the {@code servicetitan} health contributor ({@code /actuator/health/servicetitan}), switched
 * by {@code management.health.servicetitan.enabled}. With one tenant it is one indicator, as it always was; with
 * {@code servicetitan.tenants} it is a composite with one indicator per configured tenant, named as the tenant
 * ({@code /actuator/health/servicetitan/acme}). Runtime tenants are not polled: there may be thousands, and each
 * poll could cost a token request.
 */
@AutoConfiguration(after = ServiceTitanAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
public final class ServiceTitanHealthContributorAutoConfiguration {

	/** The single tenant's name, as tenant customizers (and the meters' tenant tag) see it. */
	private static final String DEFAULT_TENANT = "default";

	// Nested, so that its condition's class is only loaded once spring-boot-health is known to be there.
	// Keyed on the EndpointFactory interface and the connection details, not on the starter's own client: an
	// application that defines its own factory keeps its health contributor, which then checks the configured
	// credentials.
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnEnabledHealthIndicator("servicetitan")
	@ConditionalOnBean({ EndpointFactory.class, ServiceTitanConnectionDetails.class })
	@Conditional(NoTenantMap.class)
	static class HealthIndicatorConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "servicetitanHealthIndicator")
		ServiceTitanHealthIndicator servicetitanHealthIndicator(ObjectProvider<EndpointFactory> factories,
				ServiceTitanConnectionDetails connection, ServiceTitanProperties properties,
				ObjectProvider<RateLimiterFactory> rateLimiters,
				ObjectProvider<TenantClientFactory> clientFactory) {
			// The starter's client: its cached token answers. Any other factory: a token-only client of the configured
			// credentials (it sends no API request), built like every other client, so that the HTTP client settings
			// (an SSL bundle, a proxy), retries and customizers apply to its token requests too.
			ServiceTitanClient client = (factories.getIfUnique() instanceof ServiceTitanClient own) ? own
					: tokenClient(connection, properties, clientFactory.getIfAvailable());
			RateLimiterFactory limiters = rateLimiters.getIfAvailable();
			return new ServiceTitanHealthIndicator(client.tokenProvider(), connection.tenantId(), connection.apiUrl(),
					properties.getHealth().getMinInterval(), Clock.systemUTC(),
					(limiters != null) ? limiters.storeHealth().orElse(null) : null);
		}

	}

	private static ServiceTitanClient tokenClient(ServiceTitanConnectionDetails connection,
			ServiceTitanProperties properties, @Nullable TenantClientFactory clientFactory) {
		if (clientFactory != null) {
			return clientFactory.create(DEFAULT_TENANT, connection);
		}
		// Without the starter's client configuration there is nothing more to apply than the properties.
		return ServiceTitanClient.builder()
			.apiUrl(connection.apiUrl())
			.authUrl(connection.authUrl())
			.tenantId(connection.tenantId())
			.appKey(connection.appKey())
			.clientId(connection.clientId())
			.clientSecret(connection.clientSecret())
			.connectTimeout(properties.getConnectTimeout())
			.readTimeout(properties.getReadTimeout())
			.build();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnEnabledHealthIndicator("servicetitan")
	@ConditionalOnBean(ServiceTitanTenants.class)
	@Conditional(TenantMap.class)
	static class TenantsHealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = { "servicetitanHealthIndicator", "servicetitanHealthContributor" })
		CompositeHealthContributor servicetitanHealthContributor(ServiceTitanTenants tenants,
				ServiceTitanProperties properties, ObjectProvider<RateLimiterFactory> rateLimiters) {
			RateLimiterFactory limiters = rateLimiters.getIfAvailable();
			StoreStatus store = (limiters != null) ? limiters.storeHealth().orElse(null) : null;
			Map<String, HealthIndicator> indicators = new LinkedHashMap<>();
			for (String name : properties.getTenants().keySet()) {
				EndpointFactory tenant = tenants.tenant(name);
				if (tenant instanceof ServiceTitanClient client) {
					indicators.put(name, new ServiceTitanHealthIndicator(client,
							properties.getHealth().getMinInterval(), Clock.systemUTC(), store));
				}
			}
			return CompositeHealthContributor.fromMap(indicators);
		}

	}

	static class TenantMap extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			boolean set = Binder.get(context.getEnvironment())
				.bind("servicetitan.tenants", Bindable.mapOf(String.class, Object.class))
				.map((tenants) -> !tenants.isEmpty())
				.orElse(false);
			return set ? ConditionOutcome.match("servicetitan.tenants is set")
					: ConditionOutcome.noMatch("servicetitan.tenants is not set");
		}

	}

	static class NoTenantMap extends TenantMap {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			ConditionOutcome tenants = super.getMatchOutcome(context, metadata);
			return new ConditionOutcome(!tenants.isMatch(), tenants.getMessage());
		}

	}

}
