package io.github.servicetitan4j.autoconfigure;

import io.github.servicetitan4j.EndpointFactory;
import io.github.servicetitan4j.ServiceTitanClient;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;

/**
 * Explains why no {@link EndpointFactory} bean exists when the application asks for one: the starter creates it only
 * when the {@code servicetitan.*} connection properties are set. Runs before Boot's generic no-such-bean analysis.
 */
class MissingServiceTitanConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<NoSuchBeanDefinitionException>
		implements Ordered {

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, NoSuchBeanDefinitionException cause) {
		ResolvableType type = cause.getResolvableType();
		Class<?> beanType = (type != null) ? type.resolve() : cause.getBeanType();
		if (beanType == null || !beanType.isAssignableFrom(ServiceTitanClient.class)
				|| beanType == Object.class) {
			return null;
		}
		String description = "A bean of type " + beanType.getName() + " was required, but the ServiceTitan starter did "
				+ "not create one because no ServiceTitan connection is configured (none of servicetitan.client-id, "
				+ "servicetitan.client-secret, servicetitan.app-key and servicetitan.tenant-id is set).";
		return new FailureAnalysis(description, ServiceTitanSetupHelp.ACTION, cause);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
