package io.github.servicetitan4j;

import java.util.Set;

/**
 * The ServiceTitan tenants an application serves, by name: each with its own credentials, token, rate limiter and
 * retry state, so that one tenant's throttling or refused credentials never reach another's calls. The Spring Boot
 * starter exposes one as a bean, holding the tenants of {@code servicetitan.tenants.*} (or the single tenant of
 * {@code servicetitan.tenant-id}, named {@code default}) and, when the application defines one, the tenants its
 * {@code ServiceTitanTenantSource} supplies at runtime.
 */
public interface ServiceTitanTenants {

	/**
	 * Returns the endpoint factory of a tenant. A tenant known only at runtime gets its client on first use.
	 * @param name the tenant's name (a key of {@code servicetitan.tenants}, or a name the tenant source knows)
	 * @return the tenant's endpoint factory
	 * @throws IllegalArgumentException if no tenant has that name; the message lists the configured names
	 */
	EndpointFactory tenant(String name);

	/**
	 * Returns the names of the configured tenants, in configuration order. Tenants supplied at runtime are not listed:
	 * they are looked up by name when used.
	 * @return the configured names
	 */
	Set<String> names();

	/**
	 * Forgets the client of a runtime tenant, closing it, so that its next use reads its connection again (after a
	 * credential rotation, say). Configured tenants and unknown names are left alone.
	 * @param name the tenant's name
	 * @return whether a client was dropped
	 */
	boolean evict(String name);

}
