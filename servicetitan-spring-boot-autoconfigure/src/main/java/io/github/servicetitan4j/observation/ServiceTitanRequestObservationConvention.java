package io.github.servicetitan4j.observation;

import java.io.IOException;
import java.util.Map;

import io.github.servicetitan4j.ServiceTitanClientListener.CallDescriptor;
import io.github.servicetitan4j.internal.Outcome;
import io.github.servicetitan4j.internal.RequestAttributes;
import io.github.servicetitan4j.observation.ServiceTitanObservationDocumentation.RequestKeys;
import io.micrometer.common.KeyValues;
import org.jspecify.annotations.Nullable;

import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.observation.ClientRequestObservationContext;
import org.springframework.http.client.observation.ClientRequestObservationConvention;

/**
 * Names and tags the HTTP requests of the ServiceTitan client: {@code servicetitan.client.requests} with the keys of
 * {@link RequestKeys}, the path template instead of the path so that ids never become tag values. Reads the call and
 * the template from the request attributes the client sets on every request.
 * <p>
 * Give it to the ServiceTitan client's own {@code RestClient.Builder} only, never as a
 * {@link ClientRequestObservationConvention} bean: Boot would apply such a bean to every RestClient of the
 * application.
 */
public class ServiceTitanRequestObservationConvention implements ClientRequestObservationConvention {

	private static final String NONE = DefaultServiceTitanObservationConvention.NONE;

	private final String tenant;

	/**
	 * Creates a convention.
	 * @param tenantId the client's tenant id
	 * @param tenantTag whether to tag the tenant id (otherwise the tenant key is {@code none})
	 */
	public ServiceTitanRequestObservationConvention(String tenantId, boolean tenantTag) {
		this.tenant = tenantTag ? tenantId : NONE;
	}

	@Override
	public String getName() {
		return ServiceTitanObservationDocumentation.REQUEST.getName();
	}

	@Override
	public @Nullable String getContextualName(ClientRequestObservationContext context) {
		ClientHttpRequest request = context.getCarrier();
		return "servicetitan " + ((request != null) ? request.getMethod().name() : NONE);
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(ClientRequestObservationContext context) {
		ClientHttpRequest request = context.getCarrier();
		Map<String, Object> attributes = (request != null) ? request.getAttributes() : Map.of();
		CallDescriptor call = (attributes.get(RequestAttributes.CALL) instanceof CallDescriptor descriptor) ? descriptor : null;
		Object template = attributes.get(RequestAttributes.URI_TEMPLATE);
		Integer status = status(context.getResponse());
		Throwable error = context.getError();
		String outcome = (status != null) ? Outcome.ofStatus(status).value() : Outcome.IO_ERROR.value();
		return KeyValues.of(RequestKeys.FOLDER.withValue((call != null) ? call.folder() : NONE),
				RequestKeys.ENDPOINT.withValue((call != null) ? call.endpoint() : NONE),
				RequestKeys.OPERATION.withValue((call != null) ? call.operation() : NONE),
				RequestKeys.METHOD.withValue((request != null) ? request.getMethod().name() : NONE),
				RequestKeys.URI.withValue((template != null) ? template.toString() : NONE),
				RequestKeys.STATUS.withValue((status != null) ? status.toString() : NONE),
				RequestKeys.OUTCOME.withValue(outcome),
				RequestKeys.EXCEPTION
					.withValue((error != null) ? DefaultServiceTitanObservationConvention.exceptionName(error) : NONE),
				RequestKeys.TENANT.withValue(this.tenant));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(ClientRequestObservationContext context) {
		return KeyValues.empty();
	}

	private static @Nullable Integer status(@Nullable ClientHttpResponse response) {
		if (response == null) {
			return null;
		}
		try {
			return response.getStatusCode().value();
		}
		catch (IOException ex) {
			return null;
		}
	}

}
