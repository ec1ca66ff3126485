package io.github.servicetitan4j.test;

import java.time.Duration;
import java.util.LinkedHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Starts the simulator for one application context, registers it as the {@code serviceTitanSimulator} bean, puts its
 * {@code servicetitan.*} properties first in the environment, and stops it when the context closes. Equal annotations
 * give equal customizers, so Spring's context cache shares one simulator between test classes configured alike.
 */
final class ServiceTitanSimulatorContextCustomizer implements ContextCustomizer {

	static final String BEAN_NAME = "serviceTitanSimulator";

	static final String PROPERTY_SOURCE_NAME = "serviceTitanSimulator";

	private final AutoConfigureServiceTitanSimulator annotation;

	ServiceTitanSimulatorContextCustomizer(AutoConfigureServiceTitanSimulator annotation) {
		this.annotation = annotation;
	}

	@Override
	public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
		ServiceTitanSimulator.Builder builder = ServiceTitanSimulator.builder();
		for (String tenant : this.annotation.tenants()) {
			builder.tenant(tenant);
		}
		ServiceTitanSimulator simulator = builder.seed(this.annotation.seed())
			.customers(this.annotation.customers())
			.locations(this.annotation.locations())
			.jobs(this.annotation.jobs())
			.appointments(this.annotation.appointments())
			.invoices(this.annotation.invoices())
			.rateLimit(this.annotation.rateLimit())
			.exportBatchSize(this.annotation.exportBatchSize())
			.tokenLifetime(Duration.ofSeconds(this.annotation.tokenLifetimeSeconds()))
			.start();
		context.getBeanFactory().registerSingleton(BEAN_NAME, simulator);
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, new LinkedHashMap<>(simulator.properties())));
		context.addApplicationListener(new SimulatorCloser(context, simulator));
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (other instanceof ServiceTitanSimulatorContextCustomizer customizer)
				&& this.annotation.equals(customizer.annotation);
	}

	@Override
	public int hashCode() {
		return this.annotation.hashCode();
	}

	/** Stops the simulator with its context (not with a child context, whose events reach the parent too). */
	private record SimulatorCloser(ConfigurableApplicationContext context,
			ServiceTitanSimulator simulator) implements ApplicationListener<ContextClosedEvent> {

		@Override
		public void onApplicationEvent(ContextClosedEvent event) {
			if (event.getApplicationContext() == this.context) {
				this.simulator.close();
			}
		}

	}

}
