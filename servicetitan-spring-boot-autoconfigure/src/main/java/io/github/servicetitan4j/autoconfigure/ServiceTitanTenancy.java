package io.github.servicetitan4j.autoconfigure;

import java.util.Map;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * How the application configured its tenants, read when the beans are created, not by conditions: AOT processing
 * fixes the bean definitions at build time, and credentials are deployment data, set only where the application runs.
 * So every bean an application injects is always defined, and each decides at creation what it is, or is absent (a
 * {@code null} bean, which injection treats as missing).
 * <ul>
 * <li>{@link #ONE}: any of {@code servicetitan.tenant-id}, {@code client-id} and {@code client-secret} is set, or a
 * {@link ServiceTitanConnectionDetails} bean of the application's exists; also when only {@code app-key} is set and
 * nothing names several tenants, so that a partial configuration fails naming the single tenant's properties.</li>
 * <li>{@link #MANY}: otherwise, when {@code servicetitan.tenants} is set or a {@link ServiceTitanTenantSource} bean
 * exists.</li>
 * <li>{@link #NONE}: nothing is configured; the starter creates no client, and an application that injects one fails
 * to start with {@link MissingServiceTitanConfigurationFailureAnalyzer}'s explanation.</li>
 * </ul>
 */
enum ServiceTitanTenancy {

	/** Nothing is configured. */
	NONE,

	/** One tenant: {@code servicetitan.tenant-id} and its credentials, or a connection details bean. */
	ONE,

	/** Named tenants: {@code servicetitan.tenants}, a tenant source, or both. */
	MANY;

	private static final String[] SINGLE_TENANT_PROPERTIES = { "servicetitan.tenant-id", "servicetitan.client-id",
			"servicetitan.client-secret" };

	/**
	 * The tenancy the properties describe, before any connection details bean of the application's is looked at.
	 * @param environment the application's environment, at run time
	 * @param tenantSource whether a {@link ServiceTitanTenantSource} bean exists
	 * @return the tenancy
	 */
	static ServiceTitanTenancy fromProperties(Environment environment, boolean tenantSource) {
		Binder binder = Binder.get(environment);
		for (String property : SINGLE_TENANT_PROPERTIES) {
			if (binder.bind(property, String.class).isBound()) {
				return ONE;
			}
		}
		if (tenantSource || !tenants(environment).isEmpty()) {
			return MANY;
		}
		return binder.bind("servicetitan.app-key", String.class).isBound() ? ONE : NONE;
	}

	/**
	 * The tenants of {@code servicetitan.tenants}, bound from the environment.
	 * @param environment the application's environment
	 * @return the tenants by name, empty when none is set
	 */
	static Map<String, ServiceTitanProperties.Tenant> tenants(Environment environment) {
		return Binder.get(environment)
			.bind("servicetitan.tenants", Bindable.mapOf(String.class, ServiceTitanProperties.Tenant.class))
			.orElse(Map.of());
	}

}
