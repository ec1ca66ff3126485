package io.github.servicetitan4j.test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.util.ClassUtils;

/**
 * Starts the simulator for one application context, registers it as the {@code serviceTitanSimulator} bean, puts its
 * {@code servicetitan.*} properties first in the environment (and a fast retry backoff and the per-report limit last),
 * registers the {@link SimulatorSleeper} that makes the clients wait on its clock, clears the starter's checkpoint
 * store on each reset of the simulator, and stops it when the context closes. Equal annotations
 * give equal customizers, so Spring's context cache shares one simulator between test classes configured alike.
 */
final class ServiceTitanSimulatorContextCustomizer implements ContextCustomizer {

	static final String BEAN_NAME = "serviceTitanSimulator";

	static final String PROPERTY_SOURCE_NAME = "serviceTitanSimulator";

	static final String RETRY_PROPERTY_SOURCE_NAME = "serviceTitanSimulatorRetry";

	static final String REPORTING_PROPERTY_SOURCE_NAME = "serviceTitanSimulatorReporting";

	static final String SLEEPER_BEAN_NAME = "serviceTitanSimulatorSleeper";

	private static final String REPORT_REQUESTS_PER_MINUTE = "servicetitan.reporting.requests-per-minute";

	private static final boolean STARTER_PRESENT = ClassUtils.isPresent(
			"io.github.servicetitan4j.autoconfigure.ServiceTitanClientBuilderCustomizer",
			ServiceTitanSimulatorContextCustomizer.class.getClassLoader());

	private static final String INITIAL_BACKOFF = "servicetitan.retry.initial-backoff";

	private static final String MAX_BACKOFF = "servicetitan.retry.max-backoff";

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
		for (String resource : this.annotation.resources()) {
			builder.resource(resource);
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
		SimulatorCheckpointReset.register(simulator, context);
		fastRetries(context.getEnvironment(), this.annotation.retryBackoff());
		reportLimit(context.getEnvironment(), this.annotation.reportRequestsPerMinute());
		if (this.annotation.waitOnSimulatorClock() && STARTER_PRESENT) {
			SimulatorSleeper sleeper = new SimulatorSleeper(simulator);
			context.getBeanFactory().registerSingleton(SLEEPER_BEAN_NAME, sleeper);
			context.getBeanFactory()
				.registerSingleton(SLEEPER_BEAN_NAME + "Customizer", new SimulatorSleeper.Customizer(sleeper));
		}
	}

	/** The client's per-report limit for tests, behind every other property source, unless the test sets it. */
	private static void reportLimit(ConfigurableEnvironment environment, String requestsPerMinute) {
		if (requestsPerMinute.isBlank() || environment.containsProperty(REPORT_REQUESTS_PER_MINUTE)) {
			return;
		}
		environment.getPropertySources()
			.addLast(new MapPropertySource(REPORTING_PROPERTY_SOURCE_NAME,
					Map.of(REPORT_REQUESTS_PER_MINUTE, requestsPerMinute.trim())));
	}

	/**
	 * Retry backoff for tests, behind every other property source, and only when the test configures neither backoff
	 * (one of them alone could fall on the wrong side of the other).
	 */
	private static void fastRetries(ConfigurableEnvironment environment, String backoff) {
		if (backoff.isBlank() || environment.containsProperty(INITIAL_BACKOFF)
				|| environment.containsProperty(MAX_BACKOFF)) {
			return;
		}
		Duration initial = DurationStyle.detectAndParse(backoff);
		environment.getPropertySources()
			.addLast(new MapPropertySource(RETRY_PROPERTY_SOURCE_NAME,
					Map.of(INITIAL_BACKOFF, initial.toString(), MAX_BACKOFF, initial.multipliedBy(10).toString())));
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
