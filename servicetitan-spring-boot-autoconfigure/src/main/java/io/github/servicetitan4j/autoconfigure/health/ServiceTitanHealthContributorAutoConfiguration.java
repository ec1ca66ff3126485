package io.github.servicetitan4j.autoconfigure.health;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.servicetitan4j.ServiceTitanTenants;
import io.github.servicetitan4j.auth.AccessTokenProvider;
import io.github.servicetitan4j.autoconfigure.ServiceTitanAutoConfiguration;
import io.github.servicetitan4j.autoconfigure.ServiceTitanConnectionDetails;
import io.github.servicetitan4j.autoconfigure.ServiceTitanProperties;
import io.github.servicetitan4j.health.ServiceTitanHealthIndicator;
import io.github.servicetitan4j.ratelimit.RateLimiterFactory;
import io.github.servicetitan4j.ratelimit.RateLimiterFactory.StoreStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

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

	// Nested, so that its condition's class is only loaded once spring-boot-health is known to be there. Both beans are
	// always defined (AOT fixes the definitions at build time) and each is null, that is absent, unless the tenants it
	// reports on are configured where the application runs.
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnEnabledHealthIndicator("servicetitan")
	static class HealthIndicatorConfiguration {

		// The token supplier the starter's client uses (its cached token answers), built without a client; with an
		// EndpointFactory of the application's own, the configured credentials' supplier, built the same way. One
		// tenant only.
		@Bean
		@ConditionalOnMissingBean(name = "servicetitanHealthIndicator")
		@Nullable ServiceTitanHealthIndicator servicetitanHealthIndicator(
				@Qualifier(ServiceTitanAutoConfiguration.TOKEN_PROVIDER) ObjectProvider<AccessTokenProvider> tokenProvider,
				ObjectProvider<ServiceTitanConnectionDetails> connectionDetails, ServiceTitanProperties properties,
				ObjectProvider<RateLimiterFactory> rateLimiters, Environment environment) {
			AccessTokenProvider tokens = tokenProvider.getIfAvailable();
			ServiceTitanConnectionDetails connection = connectionDetails.getIfAvailable();
			if (tokens == null || connection == null || tenantsSet(environment)) {
				return null;
			}
			return new ServiceTitanHealthIndicator(tokens, connection.tenantId(), connection.apiUrl(),
					properties.getHealth().getMinInterval(), Clock.systemUTC(), storeHealth(rateLimiters));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnEnabledHealthIndicator("servicetitan")
	static class TenantsHealthConfiguration {

		// servicetitan.tenants only, and not beside an application's own servicetitanHealthIndicator.
		@Bean
		@ConditionalOnMissingBean(name = "servicetitanHealthContributor")
		@Nullable CompositeHealthContributor servicetitanHealthContributor(ServiceTitanProperties properties,
				ObjectProvider<RateLimiterFactory> rateLimiters, ObjectProvider<ServiceTitanTenants> tenants,
				Environment environment, BeanFactory beans) {
			if (!tenantsSet(environment) || tenants.getIfAvailable() == null
					|| (beans.containsBean("servicetitanHealthIndicator")
							&& beans.getBean("servicetitanHealthIndicator") instanceof HealthContributor)) {
				return null;
			}
			StoreStatus store = storeHealth(rateLimiters);
			Map<String, AccessTokenProvider> suppliers = byName(beans, ServiceTitanAutoConfiguration.TOKEN_PROVIDERS);
			Map<String, HealthIndicator> indicators = new LinkedHashMap<>();
			// The configured tenants only (runtime tenants are not polled); none when the application brings its own
			// ServiceTitanTenants.
			Map<String, ServiceTitanConnectionDetails> connections = byName(beans,
					ServiceTitanAutoConfiguration.TENANT_CONNECTIONS);
			connections.forEach((name, connection) -> {
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

	// By name: injected by type, a Map parameter collects the beans of its value type instead. Absent when the
	// application brings its own ServiceTitanTenants.
	@SuppressWarnings("unchecked")
	private static <T> Map<String, T> byName(BeanFactory beans, String name) {
		return beans.containsBean(name) ? beans.getBean(name, Map.class) : Map.of();
	}

	private static boolean tenantsSet(Environment environment) {
		return Binder.get(environment)
			.bind("servicetitan.tenants", Bindable.mapOf(String.class, Object.class))
			.map((tenants) -> !tenants.isEmpty())
			.orElse(false);
	}

}
