package io.github.servicetitan4j.autoconfigure.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Counters {@code servicetitan.webhooks.deliveries} tagged with outcome, tenant, type and reason. */
final class MicrometerWebhookMeters implements WebhookMeters {

	static final String NAME = "servicetitan.webhooks.deliveries";

	private final MeterRegistry registry;

	MicrometerWebhookMeters(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void count(String outcome, String tenant, String type, String reason) {
		Counter.builder(NAME)
			.description("ServiceTitan webhook deliveries by outcome")
			.tag("outcome", outcome)
			.tag("tenant", tenant)
			.tag("type", type)
			.tag("reason", reason)
			.register(this.registry)
			.increment();
	}

}
