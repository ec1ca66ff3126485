package io.github.servicetitan4j.test;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Finds {@link AutoConfigureServiceTitanSimulator} on a test class (or an enclosing class) and contributes the
 * customizer that starts the simulator. Registered in {@code META-INF/spring.factories}.
 */
class ServiceTitanSimulatorContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		AutoConfigureServiceTitanSimulator annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass,
				AutoConfigureServiceTitanSimulator.class);
		return (annotation != null) ? new ServiceTitanSimulatorContextCustomizer(annotation) : null;
	}

}
