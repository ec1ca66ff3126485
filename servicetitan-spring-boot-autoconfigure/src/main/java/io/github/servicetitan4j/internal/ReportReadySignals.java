package io.github.servicetitan4j.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

import tools.jackson.databind.JsonNode;

/**
 * Where the webhook receiver announces {@code tn.rpr.report-data-ready} events, so that an asynchronous report query
 * can stop polling when its result is ready. Listeners get the tenant's name and the event's payload. A listener that
 * throws does not fail the delivery: the event stays a hint, and the query falls back to polling.
 */
public final class ReportReadySignals {

	/** The event type ServiceTitan fires when a report query asked with {@code notifyWhenReady} is done. */
	public static final String EVENT_TYPE = "tn.rpr.report-data-ready";

	private final List<BiConsumer<String, JsonNode>> listeners = new CopyOnWriteArrayList<>();

	/**
	 * Adds a listener.
	 * @param listener called with the tenant's name and the payload of each report-ready event
	 * @return closes the subscription
	 */
	public AutoCloseable subscribe(BiConsumer<String, JsonNode> listener) {
		this.listeners.add(listener);
		return () -> this.listeners.remove(listener);
	}

	/**
	 * Tells every listener that a report's data is ready.
	 * @param tenant the tenant's name
	 * @param data the event's payload
	 * @return how many listeners were told without failing
	 */
	public int signal(String tenant, JsonNode data) {
		int told = 0;
		for (BiConsumer<String, JsonNode> listener : this.listeners) {
			try {
				listener.accept(tenant, data);
				told++;
			}
			catch (RuntimeException ex) {
				// a hint only: the waiting query polls anyway
			}
		}
		return told;
	}

}
