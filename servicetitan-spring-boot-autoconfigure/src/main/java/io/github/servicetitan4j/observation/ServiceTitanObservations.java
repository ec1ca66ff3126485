package io.github.servicetitan4j.observation;

import io.github.servicetitan4j.OperationObserver;
import io.github.servicetitan4j.ServiceTitanClientListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Micrometer for a ServiceTitan client built by hand; the starter gives them to every tenant's client when Micrometer
 * is there. Hand the results to {@code ServiceTitanClient.Builder.observer} and {@code listener}, and
 * {@link ServiceTitanRequestObservationConvention} to the client's {@code RestClient.Builder}.
 */
public final class ServiceTitanObservations {

	private ServiceTitanObservations() {
	}

	/**
	 * Observes each operation call as one {@link ServiceTitanObservationDocumentation#OPERATION} observation, in
	 * whose scope its HTTP requests run, so that they become its children (child spans, when tracing is on).
	 * @param registry the registry to observe in
	 * @param convention the convention, or null for {@link DefaultServiceTitanObservationConvention}
	 * @param tenantId the tenant of the client observed
	 * @return the observer
	 */
	public static OperationObserver observer(ObservationRegistry registry,
			@Nullable ServiceTitanObservationConvention convention, String tenantId) {
		return new ObservationOperationObserver(registry, convention, tenantId);
	}

	/**
	 * Records what the client hears beyond its requests as the meters of {@link ServiceTitanMeterDocumentation}:
	 * retries, rate-limiter waits, records delivered and token requests.
	 * @param registry where to record
	 * @param tenantId the client's tenant id
	 * @param tenantTag whether to tag the tenant id (otherwise the tenant tag is {@code none})
	 * @return the listener
	 */
	public static ServiceTitanClientListener meters(MeterRegistry registry, String tenantId, boolean tenantTag) {
		return new MeterServiceTitanClientListener(registry, tenantId, tenantTag);
	}

}
