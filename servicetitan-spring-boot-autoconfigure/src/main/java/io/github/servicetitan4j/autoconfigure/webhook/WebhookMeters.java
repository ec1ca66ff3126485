package io.github.servicetitan4j.autoconfigure.webhook;

/**
 * Counts deliveries by outcome, tenant and event type. Tags stay bounded: the caller passes only configured tenants'
 * names and event types of ServiceTitan's shape, others as {@code other}.
 */
interface WebhookMeters {

	WebhookMeters NONE = (outcome, tenant, type, reason) -> {
	};

	/**
	 * Counts one delivery outcome.
	 * @param outcome received, verified, refused, duplicate, failed or handled
	 * @param tenant tenant tag
	 * @param type event type tag
	 * @param reason why it was refused or failed, else none
	 */
	void count(String outcome, String tenant, String type, String reason);

}
