package io.github.servicetitan4j.autoconfigure;

import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when the application means to use ServiceTitan: any of the connection properties or
 * {@code servicetitan.tenants} is set (so that a partial configuration fails loudly instead of silently switching the
 * client off), or a {@link ServiceTitanConnectionDetails} or {@link ServiceTitanTenantSource} bean exists.
 */
class ServiceTitanConfiguredCondition extends AnyNestedCondition {

	ServiceTitanConfiguredCondition() {
		super(ConfigurationPhase.REGISTER_BEAN);
	}

	@Conditional(AnyConnectionPropertySet.class)
	static class PropertiesSet {

	}

	@ConditionalOnBean(ServiceTitanConnectionDetails.class)
	static class ConnectionDetailsBean {

	}

	@ConditionalOnBean(ServiceTitanTenantSource.class)
	static class TenantSourceBean {

	}

	static class AnyConnectionPropertySet extends SpringBootCondition {

		private static final String[] PROPERTIES = { "servicetitan.client-id", "servicetitan.client-secret",
				"servicetitan.app-key", "servicetitan.tenant-id" };

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			Binder binder = Binder.get(context.getEnvironment());
			for (String property : PROPERTIES) {
				if (binder.bind(property, String.class).isBound()) {
					return ConditionOutcome.match(property + " is set");
				}
			}
			if (!ServiceTitanTenancyCondition.tenants(context.getEnvironment()).isEmpty()) {
				return ConditionOutcome.match("servicetitan.tenants is set");
			}
			return ConditionOutcome
				.noMatch("none of servicetitan.client-id, client-secret, app-key, tenant-id, tenants is set");
		}

	}

}
