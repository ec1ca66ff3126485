package io.github.servicetitan4j.sample;

import tools.jackson.databind.JsonNode;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.github.servicetitan4j.ServiceTitanTenants;
import io.github.servicetitan4j.webhook.WebhookEvent;

/**
 * Keeps the jobs table current between export syncs from ServiceTitan's job events ({@code tn.jpm.job-*}), received
 * by the starter's webhook endpoint when {@code servicetitan.webhooks.enabled} is true. The starter calls this before
 * it answers the delivery: an exception here makes ServiceTitan retry, and a retried event that was saved already does
 * not come here again ({@code servicetitan.webhooks.dedup.store: jdbc}, the same database). Saving is a merge by
 * tenant and id, so an event and the export sync carrying the same job agree.
 */
@Component
class JobEvents {

	private final SyncedRecords records;

	private final ServiceTitanTenants tenants;

	JobEvents(SyncedRecords records, ServiceTitanTenants tenants) {
		this.records = records;
		this.tenants = tenants;
	}

	@EventListener(condition = "#event.type().startsWith('tn.jpm.job-')")
	void onJobEvent(WebhookEvent event) {
		JsonNode job = event.data();
		// What ServiceTitan puts in a job event's data is not documented: when it is not the whole job, read the job.
		if (!job.has("jobNumber") && job.path("id").canConvertToLong() && !event.type().endsWith("-deleted")) {
			job = this.tenants.tenant(event.tenant()).endpoint("jpm", "jobs").getOne(job.path("id").asString());
		}
		this.records.saveJob(event.tenant(), job);
	}

}
