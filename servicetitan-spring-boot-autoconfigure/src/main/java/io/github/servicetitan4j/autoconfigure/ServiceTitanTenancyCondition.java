package io.github.servicetitan4j.autoconfigure;

import java.util.Map;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Tells the two ways of configuring tenants apart. One tenant: any of {@code servicetitan.tenant-id},
 * {@code client-id} and {@code client-secret} is set, or a {@link ServiceTitanConnectionDetails} bean exists, or
 * neither {@code servicetitan.tenants} nor a {@link ServiceTitanTenantSource} bean is there (so that a partial
 * configuration fails naming the single tenant's properties, as before). Many tenants: otherwise.
 */
abstract class ServiceTitanTenancyCondition extends SpringBootCondition {

	private static final String[] SINGLE_TENANT_PROPERTIES = { "servicetitan.tenant-id", "servicetitan.client-id",
			"servicetitan.client-secret" };

	static Map<String, ServiceTitanProperties.Tenant> tenants(Environment environment) {
		return Binder.get(environment)
			.bind("servicetitan.tenants", Bindable.mapOf(String.class, ServiceTitanProperties.Tenant.class))
			.orElse(Map.of());
	}

	static boolean oneTenant(ConditionContext context) {
		Binder binder = Binder.get(context.getEnvironment());
		for (String property : SINGLE_TENANT_PROPERTIES) {
			if (binder.bind(property, String.class).isBound()) {
				return true;
			}
		}
		ConfigurableListableBeanFactory beans = context.getBeanFactory();
		if (beans != null && beans.getBeanNamesForType(ServiceTitanConnectionDetails.class, true, false).length > 0) {
			return true;
		}
		boolean source = beans != null
				&& beans.getBeanNamesForType(ServiceTitanTenantSource.class, true, false).length > 0;
		return !source && tenants(context.getEnvironment()).isEmpty();
	}

	static final class OneTenant extends ServiceTitanTenancyCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return oneTenant(context) ? ConditionOutcome.match("one ServiceTitan tenant")
					: ConditionOutcome.noMatch("servicetitan.tenants or a ServiceTitanTenantSource");
		}

	}

	static final class ManyTenants extends ServiceTitanTenancyCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return oneTenant(context) ? ConditionOutcome.noMatch("one ServiceTitan tenant")
					: ConditionOutcome.match("servicetitan.tenants or a ServiceTitanTenantSource");
		}

	}

	/** Among many tenants, one is the {@code EndpointFactory} bean: the only one, or the one named the default. */
	static final class DefaultTenant extends ServiceTitanTenancyCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			if (Binder.get(context.getEnvironment()).bind("servicetitan.default-tenant", String.class).isBound()) {
				return ConditionOutcome.match("servicetitan.default-tenant is set");
			}
			int count = tenants(context.getEnvironment()).size();
			return (count == 1) ? ConditionOutcome.match("one tenant in servicetitan.tenants")
					: ConditionOutcome.noMatch(count + " tenants in servicetitan.tenants and no servicetitan.default-tenant");
		}

	}

}
