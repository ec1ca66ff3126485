package io.github.servicetitan4j.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the {@link ServiceTitanObservationDocumentation#OPERATION} observation. Define a bean of this type to
 * replace {@link DefaultServiceTitanObservationConvention} (extend it to add or drop a key).
 */
public interface ServiceTitanObservationConvention extends ObservationConvention<ServiceTitanOperationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof ServiceTitanOperationContext;
	}

}
