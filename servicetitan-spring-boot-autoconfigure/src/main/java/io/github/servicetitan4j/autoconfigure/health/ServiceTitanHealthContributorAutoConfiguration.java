package io.github.servicetitan4j.autoconfigure.health;

import java.time.Clock;

import io.github.servicetitan4j.ServiceTitanClient;
import io.github.servicetitan4j.autoconfigure.ServiceTitanAutoConfiguration;
import io.github.servicetitan4j.autoconfigure.ServiceTitanProperties;
import io.github.servicetitan4j.health.ServiceTitanHealthIndicator;
import io.github.servicetitan4j.ratelimit.RateLimiterFactory;

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
 * by {@code management.health.servicetitan.enabled}.
 */
@AutoConfiguration(after = ServiceTitanAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(ServiceTitanClient.class)
public final class ServiceTitanHealthContributorAutoConfiguration {

	// Nested, so that its condition's class is only loaded once spring-boot-health is known to be there.
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnEnabledHealthIndicator("servicetitan")
	static class HealthIndicatorConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "servicetitanHealthIndicator")
		ServiceTitanHealthIndicator servicetitanHealthIndicator(ServiceTitanClient client,
				ServiceTitanProperties properties, ObjectProvider<RateLimiterFactory> rateLimiters) {
			RateLimiterFactory limiters = rateLimiters.getIfAvailable();
			return new ServiceTitanHealthIndicator(client, properties.getHealth().getMinInterval(), Clock.systemUTC(),
					(limiters != null) ? limiters.storeHealth().orElse(null) : null);
		}

	}

}
