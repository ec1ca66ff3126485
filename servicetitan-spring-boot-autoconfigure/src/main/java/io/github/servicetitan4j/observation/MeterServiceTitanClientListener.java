package io.github.servicetitan4j.observation;

import java.time.Duration;

import io.github.servicetitan4j.ServiceTitanClientListener;
import io.github.servicetitan4j.ServiceTitanClientListener.CallDescriptor;
import io.github.servicetitan4j.observation.ServiceTitanMeterDocumentation.CallKeys;
import io.github.servicetitan4j.observation.ServiceTitanMeterDocumentation.RetryKeys;
import io.github.servicetitan4j.observation.ServiceTitanMeterDocumentation.TokenKeys;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * Records what the client hears beyond its requests as the meters of {@link ServiceTitanMeterDocumentation}:
 * retries, rate-limiter waits, records delivered and token requests.
 */
final class MeterServiceTitanClientListener implements ServiceTitanClientListener {

	private final MeterRegistry registry;

	private final String tenant;

	/**
	 * Creates a listener.
	 * @param registry where to record
	 * @param tenantId the client's tenant id
	 * @param tenantTag whether to tag the tenant id (otherwise the tenant tag is {@code none})
	 */
	public MeterServiceTitanClientListener(MeterRegistry registry, String tenantId, boolean tenantTag) {
		this.registry = registry;
		this.tenant = tenantTag ? tenantId : DefaultServiceTitanObservationConvention.NONE;
	}

	@Override
	public void onRetry(CallDescriptor call, String reason, Duration delay) {
		Counter.builder(ServiceTitanMeterDocumentation.RETRIES.getName())
			.description(ServiceTitanMeterDocumentation.RETRIES.description())
			.tags(callTags(call).and(RetryKeys.REASON.asString(), reason))
			.register(this.registry)
			.increment();
	}

	@Override
	public void onRateLimitWait(CallDescriptor call, Duration waited) {
		Timer.builder(ServiceTitanMeterDocumentation.RATE_LIMIT_WAIT.getName())
			.description(ServiceTitanMeterDocumentation.RATE_LIMIT_WAIT.description())
			.tags(callTags(call))
			.register(this.registry)
			.record(waited);
	}

	@Override
	public void onRecords(CallDescriptor call, long count) {
		Counter.builder(ServiceTitanMeterDocumentation.RECORDS.getName())
			.description(ServiceTitanMeterDocumentation.RECORDS.description())
			.tags(callTags(call))
			.register(this.registry)
			.increment(count);
	}

	@Override
	public void onTokenRequest(Duration duration, String outcome) {
		Timer.builder(ServiceTitanMeterDocumentation.TOKEN_REQUESTS.getName())
			.description(ServiceTitanMeterDocumentation.TOKEN_REQUESTS.description())
			.tags(Tags.of(TokenKeys.OUTCOME.asString(), outcome, CallKeys.TENANT.asString(), this.tenant))
			.register(this.registry)
			.record(duration);
	}

	private Tags callTags(CallDescriptor call) {
		return Tags.of(CallKeys.FOLDER.asString(), call.folder(), CallKeys.ENDPOINT.asString(), call.endpoint(),
				CallKeys.OPERATION.asString(), call.operation(), CallKeys.TENANT.asString(), this.tenant);
	}

}
