package io.github.servicetitan4j.autoconfigure.health;

import java.time.Clock;

import io.github.servicetitan4j.EndpointFactory;
import io.github.servicetitan4j.ServiceTitanClient;
import io.github.servicetitan4j.autoconfigure.ServiceTitanAutoConfiguration;
import io.github.servicetitan4j.autoconfigure.ServiceTitanConnectionDetails;
import io.github.servicetitan4j.autoconfigure.ServiceTitanProperties;
import io.github.servicetitan4j.health.ServiceTitanHealthIndicator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the {@code servicetitan} health contributor ({@code /actuator/health/servicetitan}), switched
 * by {@code management.health.servicetitan.enabled}. Keyed on the {@link EndpointFactory} interface and the connection
 * details, not on the starter's own client: an application that defines its own factory keeps its health contributor,
 * which then checks the configured credentials.
 */
@AutoConfiguration(after = ServiceTitanAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean({ EndpointFactory.class, ServiceTitanConnectionDetails.class })
public final class ServiceTitanHealthContributorAutoConfiguration {

	// Nested, so that its condition's class is only loaded once spring-boot-health is known to be there.
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnEnabledHealthIndicator("servicetitan")
	static class HealthIndicatorConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "servicetitanHealthIndicator")
		ServiceTitanHealthIndicator servicetitanHealthIndicator(ObjectProvider<EndpointFactory> factories,
				ServiceTitanConnectionDetails connection, ServiceTitanProperties properties) {
			// The starter's client: its cached token answers. Any other factory: a token-only client of the configured
			// credentials (it sends no API request).
			ServiceTitanClient client = (factories.getIfUnique() instanceof ServiceTitanClient own) ? own
					: ServiceTitanClient.builder()
						.apiUrl(connection.apiUrl())
						.authUrl(connection.authUrl())
						.tenantId(connection.tenantId())
						.appKey(connection.appKey())
						.clientId(connection.clientId())
						.clientSecret(connection.clientSecret())
						.connectTimeout(properties.getConnectTimeout())
						.readTimeout(properties.getReadTimeout())
						.build();
			return new ServiceTitanHealthIndicator(client.tokenProvider(), connection.tenantId(), connection.apiUrl(),
					properties.getHealth().getMinInterval(), Clock.systemUTC());
		}

	}

}
