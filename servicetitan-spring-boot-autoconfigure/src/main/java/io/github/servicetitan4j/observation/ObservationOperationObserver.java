package io.github.servicetitan4j.observation;

import java.util.function.Supplier;

import io.github.servicetitan4j.OperationObserver;
import io.github.servicetitan4j.ServiceTitanClientListener.CallDescriptor;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * An {@link OperationObserver} on Micrometer's Observation API: each operation call is one
 * {@link ServiceTitanObservationDocumentation#OPERATION} observation, and its HTTP requests run in its scope, so that
 * they become its children (child spans, when tracing is on).
 */
final class ObservationOperationObserver implements OperationObserver {

	private static final ServiceTitanObservationConvention DEFAULT_CONVENTION = new DefaultServiceTitanObservationConvention();

	private final ObservationRegistry registry;

	private final @Nullable ServiceTitanObservationConvention convention;

	private final String tenantId;

	/**
	 * Creates an observer.
	 * @param registry the registry to observe in
	 * @param convention the convention, or null for {@link DefaultServiceTitanObservationConvention}
	 * @param tenantId the tenant of the client observed
	 */
	public ObservationOperationObserver(ObservationRegistry registry,
			@Nullable ServiceTitanObservationConvention convention, String tenantId) {
		this.registry = registry;
		this.convention = convention;
		this.tenantId = tenantId;
	}

	@Override
	public Operation start(CallDescriptor call, @Nullable String id) {
		Observation observation = ServiceTitanObservationDocumentation.OPERATION
			.observation(this.convention, DEFAULT_CONVENTION,
					() -> new ServiceTitanOperationContext(call, id, this.tenantId), this.registry)
			.start();
		return new ObservedOperation(observation);
	}

	private record ObservedOperation(Observation observation) implements Operation {

		@Override
		public <T> T inScope(Supplier<T> work) {
			// Errors are left to error(): the caller reports them once, for the whole call.
			Observation.Scope scope = this.observation.openScope();
			try {
				return work.get();
			}
			finally {
				scope.close();
			}
		}

		@Override
		public void error(Throwable error) {
			this.observation.error(error);
		}

		@Override
		public void stop() {
			this.observation.stop();
		}

	}

}
