package io.github.servicetitan4j.autoconfigure.observation;

import io.github.servicetitan4j.autoconfigure.ServiceTitanAutoConfiguration;
import io.github.servicetitan4j.autoconfigure.ServiceTitanClientBuilderCustomizer;
import io.github.servicetitan4j.autoconfigure.ServiceTitanConnectionDetails;
import io.github.servicetitan4j.autoconfigure.ServiceTitanProperties;
import io.github.servicetitan4j.autoconfigure.ServiceTitanRestClientCustomizer;
import io.github.servicetitan4j.observation.DefaultServiceTitanObservationConvention;
import io.github.servicetitan4j.observation.MeterServiceTitanClientListener;
import io.github.servicetitan4j.observation.ObservationOperationObserver;
import io.github.servicetitan4j.observation.ServiceTitanObservationConvention;
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
 * {@link ObservationRegistry} and (for the meters) a {@link MeterRegistry}. Contributes to the auto-configured client
 * through customizers only: an {@link ObservationOperationObserver} for operation calls, the client's own request
 * observation convention on its own {@code RestClient.Builder} (the application's other RestClients keep theirs), and a
 * {@link MeterServiceTitanClientListener} for retries, rate-limiter waits, records and token requests. Keyed on the
 * connection details (the tenant it tags), not on the starter's own client: an application that builds its own
 * {@code EndpointFactory} applies the same customizer beans to its builder and gets the same observations.
 */
@AutoConfiguration(after = ServiceTitanAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnBean(ServiceTitanConnectionDetails.class)
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
		ServiceTitanClientBuilderCustomizer serviceTitanObservationClientBuilderCustomizer(
				ObservationRegistry observationRegistry, ServiceTitanObservationConvention convention,
				ServiceTitanConnectionDetails connection) {
			return (builder) -> builder
				.observer(new ObservationOperationObserver(observationRegistry, convention, connection.tenantId()));
		}

		@Bean
		ServiceTitanRestClientCustomizer serviceTitanObservationRestClientCustomizer(
				ObservationRegistry observationRegistry, ServiceTitanProperties properties,
				ServiceTitanConnectionDetails connection) {
			// Not a ClientRequestObservationConvention bean: Boot would put that on every RestClient of the application.
			ServiceTitanRequestObservationConvention convention = new ServiceTitanRequestObservationConvention(
					connection.tenantId(), properties.getObservations().isTenantTag());
			return (builder) -> builder.observationRegistry(observationRegistry).observationConvention(convention);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	@ConditionalOnBean(MeterRegistry.class)
	static class MetricsConfiguration {

		@Bean
		ServiceTitanClientBuilderCustomizer serviceTitanMetricsClientBuilderCustomizer(MeterRegistry meterRegistry,
				ServiceTitanProperties properties, ServiceTitanConnectionDetails connection) {
			MeterServiceTitanClientListener listener = new MeterServiceTitanClientListener(meterRegistry,
					connection.tenantId(), properties.getObservations().isTenantTag());
			return (builder) -> builder.listener(listener);
		}

	}

}
