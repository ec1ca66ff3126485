package io.github.servicetitan4j.observation;

import io.github.servicetitan4j.ServiceTitanClientListener.CallDescriptor;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * What an {@link ServiceTitanObservationDocumentation#OPERATION} observation knows of its call: what was called, for
 * which tenant, with which id; its error, once it failed, is the context's {@link #getError()}.
 */
public class ServiceTitanOperationContext extends Observation.Context {

	private final CallDescriptor call;

	private final @Nullable String id;

	private final String tenantId;

	/**
	 * Creates a context.
	 * @param call what is called
	 * @param id the record id the call names, or null
	 * @param tenantId the tenant the client works for
	 */
	public ServiceTitanOperationContext(CallDescriptor call, @Nullable String id, String tenantId) {
		this.call = call;
		this.id = id;
		this.tenantId = tenantId;
	}

	/**
	 * What is called.
	 * @return folder, endpoint and operation
	 */
	public CallDescriptor getCall() {
		return this.call;
	}

	/**
	 * Record id the call names, or null.
	 * @return id, or null
	 */
	public @Nullable String getId() {
		return this.id;
	}

	/**
	 * Tenant the client works for.
	 * @return tenant id
	 */
	public String getTenantId() {
		return this.tenantId;
	}

}
