package io.github.servicetitan4j.observation;

import io.github.servicetitan4j.internal.Outcome;
import io.github.servicetitan4j.observation.ServiceTitanObservationDocumentation.OperationHighCardinalityKeys;
import io.github.servicetitan4j.observation.ServiceTitanObservationDocumentation.OperationKeys;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

/**
 * The default {@link ServiceTitanObservationConvention}: name {@code servicetitan.client.operation}, the keys of
 * {@link OperationKeys} on every observation, the id as a high-cardinality key.
 */
public class DefaultServiceTitanObservationConvention implements ServiceTitanObservationConvention {

	static final String NONE = "none";

	private final boolean tenantTag;

	/** Creates a convention that tags the tenant id. */
	public DefaultServiceTitanObservationConvention() {
		this(true);
	}

	/**
	 * Creates a convention.
	 * @param tenantTag whether to tag the tenant id (otherwise the tenant key is {@code none})
	 */
	public DefaultServiceTitanObservationConvention(boolean tenantTag) {
		this.tenantTag = tenantTag;
	}

	@Override
	public String getName() {
		return ServiceTitanObservationDocumentation.OPERATION.getName();
	}

	@Override
	public String getContextualName(ServiceTitanOperationContext context) {
		return "servicetitan " + context.getCall().operation() + " " + context.getCall().folder() + "/"
				+ context.getCall().endpoint();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(ServiceTitanOperationContext context) {
		Throwable error = context.getError();
		return KeyValues.of(OperationKeys.FOLDER.withValue(context.getCall().folder()),
				OperationKeys.ENDPOINT.withValue(context.getCall().endpoint()),
				OperationKeys.OPERATION.withValue(context.getCall().operation()),
				OperationKeys.OUTCOME.withValue(Outcome.of(error).value()),
				OperationKeys.EXCEPTION.withValue((error != null) ? exceptionName(error) : NONE), tenant(context));
	}

	/**
	 * The tenant key: the tenant id, or {@code none} when tenant tagging is off.
	 * @param context the context
	 * @return the key value
	 */
	protected KeyValue tenant(ServiceTitanOperationContext context) {
		return OperationKeys.TENANT.withValue(this.tenantTag ? context.getTenantId() : NONE);
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(ServiceTitanOperationContext context) {
		String id = context.getId();
		return KeyValues.of(OperationHighCardinalityKeys.ID.withValue((id != null) ? id : NONE));
	}

	static String exceptionName(Throwable error) {
		String name = error.getClass().getSimpleName();
		return name.isEmpty() ? error.getClass().getName() : name;
	}

}
