package io.github.servicetitan4j.test.internal;

/**
 * One simulated tenant beside the default one: its name (how tests and the starter's {@code servicetitan.tenants.<name>}
 * properties refer to it), tenant id, client credentials and rate limit. Its data is seeded like the default
 * tenant's, from a seed of its own.
 */
public final class TenantSettings {

	/** Name of the tenant that the single-tenant settings describe. */
	public static final String DEFAULT_NAME = "default";

	public String name;

	public String tenantId;

	public String clientId;

	public String clientSecret;

	/** API requests allowed per second per application; negative for the simulator's own limit. */
	public int rateLimit = -1;

	public TenantSettings(String name, String tenantId, String clientId, String clientSecret) {
		this.name = name;
		this.tenantId = tenantId;
		this.clientId = clientId;
		this.clientSecret = clientSecret;
	}

	public TenantSettings copy() {
		TenantSettings copy = new TenantSettings(this.name, this.tenantId, this.clientId, this.clientSecret);
		copy.rateLimit = this.rateLimit;
		return copy;
	}

}
