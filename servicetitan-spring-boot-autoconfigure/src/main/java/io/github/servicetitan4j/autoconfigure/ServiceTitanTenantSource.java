package io.github.servicetitan4j.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * Supplies tenants while the application runs, for example from the application's own table of onboarded
 * contractors, so that a tenant onboarded after startup is usable without a restart. Define one as a bean;
 * {@code ServiceTitanTenants.tenant(name)} asks it for names that are not configured in {@code servicetitan.tenants}.
 * <p>
 * It is asked on a tenant's first use and again after its client was evicted (by
 * {@code ServiceTitanTenants.evict(name)}, or because more than {@code servicetitan.runtime-tenants.max-clients}
 * tenants are in use), so it may read a database; it is not asked on every call.
 */
@FunctionalInterface
public interface ServiceTitanTenantSource {

	/**
	 * Looks a tenant up.
	 * @param name the name the application asked for
	 * @return the tenant's connection, or null if there is no such tenant
	 */
	@Nullable ServiceTitanTenantConnection find(String name);

}
