package io.github.servicetitan4j.webhook;

import java.util.Set;

/**
 * Handles the webhook events of some types (or of every type). Define one as a bean per event type, or listen with
 * Spring's {@code @EventListener} on {@link WebhookEvent}: both are called before the delivery is answered.
 * <p>
 * Throwing fails the delivery: it is answered 500, its id is released and ServiceTitan retries it (after 10, 30, 60
 * and 300 seconds), so a handler must either finish its work or throw. A handler that returns has handled the event
 * for good: retries of the same event id do not reach it again.
 */
@FunctionalInterface
public interface WebhookHandler {

	/**
	 * Handles one event.
	 * @param event the event
	 * @throws Exception to have the delivery answered non-2xx and retried by ServiceTitan
	 */
	void handle(WebhookEvent event) throws Exception;

	/**
	 * Returns the event types this handler takes, for example {@code tn.jpm.job-completed}.
	 * @return the types; empty (the default) for every type
	 */
	default Set<String> eventTypes() {
		return Set.of();
	}

	/**
	 * Returns a handler of one event type.
	 * @param type the event type
	 * @param handler what to do with each event of that type
	 * @return the handler
	 */
	static WebhookHandler of(String type, WebhookHandler handler) {
		return new WebhookHandler() {

			@Override
			public void handle(WebhookEvent event) throws Exception {
				handler.handle(event);
			}

			@Override
			public Set<String> eventTypes() {
				return Set.of(type);
			}

			@Override
			public String toString() {
				return "WebhookHandler[" + type + "]";
			}

		};
	}

}
