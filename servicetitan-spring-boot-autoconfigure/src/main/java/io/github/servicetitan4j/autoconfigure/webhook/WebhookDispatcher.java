package io.github.servicetitan4j.autoconfigure.webhook;

import java.util.List;

import org.springframework.context.ApplicationEventPublisher;

import io.github.servicetitan4j.internal.ReportReadySignals;
import io.github.servicetitan4j.webhook.WebhookEvent;
import io.github.servicetitan4j.webhook.WebhookHandler;

/**
 * Hands an event to the application: its {@link WebhookHandler} beans of the event's type, then its
 * {@code @EventListener} methods (published synchronously, so that a listener's exception fails the delivery), and
 * report-ready events to the client's waiting report queries.
 */
final class WebhookDispatcher {

	private final List<WebhookHandler> handlers;

	private final ApplicationEventPublisher publisher;

	private final ReportReadySignals reportReady;

	WebhookDispatcher(List<WebhookHandler> handlers, ApplicationEventPublisher publisher,
			ReportReadySignals reportReady) {
		this.handlers = List.copyOf(handlers);
		this.publisher = publisher;
		this.reportReady = reportReady;
	}

	void dispatch(WebhookEvent event) throws Exception {
		for (WebhookHandler handler : this.handlers) {
			if (handler.eventTypes().isEmpty() || handler.eventTypes().contains(event.type())) {
				handler.handle(event);
			}
		}
		this.publisher.publishEvent(event);
		if (ReportReadySignals.EVENT_TYPE.equals(event.type())) {
			this.reportReady.signal(event.tenant(), event.data());
		}
	}

}
