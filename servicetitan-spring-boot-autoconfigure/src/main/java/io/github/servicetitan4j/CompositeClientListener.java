package io.github.servicetitan4j;

import java.time.Duration;
import java.util.List;

/**
 * Tells every one of several listeners, in order, so that a user's listener and the starter's meters both hear the
 * client.
 */
final class CompositeClientListener implements ServiceTitanClientListener {

	private final List<ServiceTitanClientListener> listeners;

	private CompositeClientListener(List<ServiceTitanClientListener> listeners) {
		this.listeners = listeners;
	}

	static ServiceTitanClientListener of(List<ServiceTitanClientListener> listeners) {
		return switch (listeners.size()) {
			case 0 -> ServiceTitanClientListener.NONE;
			case 1 -> listeners.get(0);
			default -> new CompositeClientListener(List.copyOf(listeners));
		};
	}

	@Override
	public void onRetry(CallDescriptor call, String reason, Duration delay) {
		this.listeners.forEach((listener) -> listener.onRetry(call, reason, delay));
	}

	@Override
	public void onRateLimitWait(CallDescriptor call, Duration waited) {
		this.listeners.forEach((listener) -> listener.onRateLimitWait(call, waited));
	}

	@Override
	public void onRecords(CallDescriptor call, long count) {
		this.listeners.forEach((listener) -> listener.onRecords(call, count));
	}

	@Override
	public void onTokenRequest(Duration duration, String outcome) {
		this.listeners.forEach((listener) -> listener.onTokenRequest(duration, outcome));
	}

}
