package io.github.servicetitan4j.autoconfigure.observation;

import io.github.servicetitan4j.ServiceTitanTenants;
import io.github.servicetitan4j.autoconfigure.ServiceTitanAutoConfiguration;
import io.github.servicetitan4j.autoconfigure.ServiceTitanProperties;
import io.github.servicetitan4j.autoconfigure.ServiceTitanTenantCustomizer;
import io.github.servicetitan4j.observation.DefaultServiceTitanObservationConvention;
import io.github.servicetitan4j.observation.ServiceTitanObservationConvention;
import io.github.servicetitan4j.observation.ServiceTitanObservations;
import io.github.servicetitan4j.observation.ServiceTitanRequestObservationConvention;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the ServiceTitan client's observations and meters, when the application has an
 * {@link ObservationRegistry} and (for the meters) a {@link MeterRegistry}. Contributes to each tenant's client
 * through tenant customizers only, tagged with the tenant's name: an {@linkplain ServiceTitanObservations#observer
 * observer} for operation calls, the client's own request observation convention on its own
 * {@code RestClient.Builder} (the application's other RestClients keep theirs), and a
 * {@linkplain ServiceTitanObservations#meters listener} for retries, rate-limiter waits, records and token requests.
 */
@AutoConfiguration(after = ServiceTitanAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnBean(ServiceTitanTenants.class)
public final class ServiceTitanObservationAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(ObservationRegistry.class)
	static class ObservationConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ServiceTitanObservationConvention serviceTitanObservationConvention(ServiceTitanProperties properties) {
			return new DefaultServiceTitanObservationConvention(properties.getObservations().isTenantTag());
		}

		@Bean
		ServiceTitanTenantCustomizer serviceTitanObservationTenantCustomizer(ObservationRegistry observationRegistry,
				ServiceTitanObservationConvention convention, ServiceTitanProperties properties) {
			boolean tenantTag = properties.getObservations().isTenantTag();
			return (tenant, client, restClient) -> {
				client.observer(ServiceTitanObservations.observer(observationRegistry, convention, tenant));
				// Not a ClientRequestObservationConvention bean: Boot would put that on every RestClient of the
				// application.
				restClient.observationRegistry(observationRegistry)
					.observationConvention(new ServiceTitanRequestObservationConvention(tenant, tenantTag));
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	@ConditionalOnBean(MeterRegistry.class)
	static class MetricsConfiguration {

		@Bean
		ServiceTitanTenantCustomizer serviceTitanMetricsTenantCustomizer(MeterRegistry meterRegistry,
				ServiceTitanProperties properties) {
			boolean tenantTag = properties.getObservations().isTenantTag();
			return (tenant, client, restClient) -> client
				.listener(ServiceTitanObservations.meters(meterRegistry, tenant, tenantTag));
		}

	}

}
