package io.github.servicetitan4j.autoconfigure;

import java.util.Set;

import io.github.servicetitan4j.EndpointFactory;
import io.github.servicetitan4j.ServiceTitanClient;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;

/**
 * Explains why no {@link EndpointFactory} (or {@code ServiceTitanTenants}) bean exists when the application asks for
 * one: the starter creates it only
 * when the {@code servicetitan.*} connection properties are set, and, when several tenants are configured, only for
 * {@code servicetitan.default-tenant}. Runs before Boot's generic no-such-bean analysis.
 */
class MissingServiceTitanConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<NoSuchBeanDefinitionException>
		implements Ordered {

	private final @Nullable Environment environment;

	MissingServiceTitanConfigurationFailureAnalyzer() {
		this.environment = null;
	}

	/**
	 * Creates the analyzer Boot uses, which can tell "nothing configured" from "several tenants, none the default".
	 * @param environment the application's environment
	 */
	public MissingServiceTitanConfigurationFailureAnalyzer(Environment environment) {
		this.environment = environment;
	}

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, NoSuchBeanDefinitionException cause) {
		ResolvableType type = cause.getResolvableType();
		Class<?> beanType = (type != null) ? type.resolve() : cause.getBeanType();
		if (beanType == null || beanType == Object.class || !(beanType.isAssignableFrom(ServiceTitanClient.class)
				|| beanType.isAssignableFrom(DefaultServiceTitanTenants.class))) {
			return null;
		}
		Set<String> tenants = (this.environment != null)
				? ServiceTitanTenancy.tenants(this.environment).keySet() : Set.of();
		if (tenants.size() > 1) {
			String description = "A bean of type " + beanType.getName() + " was required, but several ServiceTitan "
					+ "tenants are configured (" + String.join(", ", tenants) + ") and servicetitan.default-tenant "
					+ "names none of them, so there is no single EndpointFactory to inject.";
			String action = "Inject io.github.servicetitan4j.ServiceTitanTenants and call tenant(name) for the tenant "
					+ "you mean, or set servicetitan.default-tenant to one of " + tenants + ".";
			return new FailureAnalysis(description, action, cause);
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
