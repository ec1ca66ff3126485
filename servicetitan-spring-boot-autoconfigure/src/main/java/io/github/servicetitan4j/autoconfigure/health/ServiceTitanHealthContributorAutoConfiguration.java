package io.github.servicetitan4j.autoconfigure.health;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.servicetitan4j.EndpointFactory;
import io.github.servicetitan4j.ServiceTitanTenants;
import io.github.servicetitan4j.auth.AccessTokenProvider;
import io.github.servicetitan4j.autoconfigure.ServiceTitanAutoConfiguration;
import io.github.servicetitan4j.autoconfigure.ServiceTitanConnectionDetails;
import io.github.servicetitan4j.autoconfigure.ServiceTitanProperties;
import io.github.servicetitan4j.health.ServiceTitanHealthIndicator;
import io.github.servicetitan4j.ratelimit.RateLimiterFactory;
import io.github.servicetitan4j.ratelimit.RateLimiterFactory.StoreStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
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

	// Nested, so that its condition's class is only loaded once spring-boot-health is known to be there.
	// Keyed on the EndpointFactory interface and the connection details, not on the starter's own client: an
	// application that defines its own factory keeps its health contributor, which then checks the configured
	// credentials.
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnEnabledHealthIndicator("servicetitan")
	@ConditionalOnBean(value = { EndpointFactory.class, ServiceTitanConnectionDetails.class },
			name = ServiceTitanAutoConfiguration.TOKEN_PROVIDER)
	@Conditional(NoTenantMap.class)
	static class HealthIndicatorConfiguration {

		// The token supplier the starter's client uses (its cached token answers), built without a client; with an
		// EndpointFactory of the application's own, the configured credentials' supplier, built the same way.
		@Bean
		@ConditionalOnMissingBean(name = "servicetitanHealthIndicator")
		ServiceTitanHealthIndicator servicetitanHealthIndicator(
				@Qualifier(ServiceTitanAutoConfiguration.TOKEN_PROVIDER) AccessTokenProvider tokens,
				ServiceTitanConnectionDetails connection, ServiceTitanProperties properties,
				ObjectProvider<RateLimiterFactory> rateLimiters) {
			return new ServiceTitanHealthIndicator(tokens, connection.tenantId(), connection.apiUrl(),
					properties.getHealth().getMinInterval(), Clock.systemUTC(), storeHealth(rateLimiters));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnEnabledHealthIndicator("servicetitan")
	@ConditionalOnBean(ServiceTitanTenants.class)
	@Conditional(TenantMap.class)
	static class TenantsHealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = { "servicetitanHealthIndicator", "servicetitanHealthContributor" })
		CompositeHealthContributor servicetitanHealthContributor(ServiceTitanProperties properties,
				@Qualifier(ServiceTitanAutoConfiguration.TENANT_CONNECTIONS)
				ObjectProvider<Map<String, ServiceTitanConnectionDetails>> connections,
				@Qualifier(ServiceTitanAutoConfiguration.TOKEN_PROVIDERS)
				ObjectProvider<Map<String, AccessTokenProvider>> tokens,
				ObjectProvider<RateLimiterFactory> rateLimiters) {
			StoreStatus store = storeHealth(rateLimiters);
			Map<String, AccessTokenProvider> suppliers = tokens.getIfAvailable(Map::of);
			Map<String, HealthIndicator> indicators = new LinkedHashMap<>();
			// The configured tenants only (runtime tenants are not polled); none when the application brings its own
			// ServiceTitanTenants.
			connections.getIfAvailable(Map::of).forEach((name, connection) -> {
				AccessTokenProvider supplier = suppliers.get(name);
				if (supplier != null) {
					indicators.put(name, new ServiceTitanHealthIndicator(supplier, connection.tenantId(),
							connection.apiUrl(), properties.getHealth().getMinInterval(), Clock.systemUTC(), store));
				}
			});
			return CompositeHealthContributor.fromMap(indicators);
		}

	}

	private static @Nullable StoreStatus storeHealth(ObjectProvider<RateLimiterFactory> rateLimiters) {
		RateLimiterFactory limiters = rateLimiters.getIfAvailable();
		return (limiters != null) ? limiters.storeHealth().orElse(null) : null;
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
