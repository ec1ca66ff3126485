package io.github.servicetitan4j.autoconfigure;

import io.github.servicetitan4j.ServiceTitanClient;

import org.springframework.web.client.RestClient;

/**
 * Customizes the client of each tenant, knowing which tenant it is; applied after the
 * {@link ServiceTitanRestClientCustomizer}s and {@link ServiceTitanClientBuilderCustomizer}s, to configured tenants at
 * startup and to runtime tenants when their client is built. The starter's observations use it to tag each tenant's
 * meters.
 */
@FunctionalInterface
public interface ServiceTitanTenantCustomizer {

	/**
	 * Customizes one tenant's client.
	 * @param tenant the tenant's name: its key in {@code servicetitan.tenants}, its tenant id for the single tenant of
	 * {@code servicetitan.tenant-id} and for runtime tenants
	 * @param client the client's builder
	 * @param restClient the builder of the client's {@link RestClient}s, already handed to {@code client}
	 */
	void customize(String tenant, ServiceTitanClient.Builder client, RestClient.Builder restClient);

}
