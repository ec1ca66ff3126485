package io.github.servicetitan4j;

import io.github.servicetitan4j.observation.ServiceTitanRequestObservationConvention;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request convention reads the attributes the executor sets: their names must stay the same.
 */
class ObservationAttributeTests {

	@Test
	void conventionReadsTheAttributesTheExecutorSets() {
		assertThat(ServiceTitanRequestObservationConvention.CALL_ATTRIBUTE).isEqualTo(RequestExecutor.CALL_ATTRIBUTE);
		assertThat(ServiceTitanRequestObservationConvention.URI_TEMPLATE_ATTRIBUTE)
			.isEqualTo(RequestExecutor.URI_TEMPLATE_ATTRIBUTE);
	}

}
