package io.github.servicetitan4j;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import io.github.servicetitan4j.ServiceTitanClientListener.CallDescriptor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Tells every one of several listeners, in order, so that a user's listener and the starter's meters both hear the
 * client. A listener that throws is logged and otherwise ignored: it is told from inside the client's request and
 * paging loops, and its failure must never leave a response open, an observation unfinished or a retry half done.
 */
final class CompositeClientListener implements ServiceTitanClientListener {

	private static final Log logger = LogFactory.getLog(CompositeClientListener.class);

	private final List<ServiceTitanClientListener> listeners;

	private CompositeClientListener(List<ServiceTitanClientListener> listeners) {
		this.listeners = listeners;
	}

	static ServiceTitanClientListener of(List<ServiceTitanClientListener> listeners) {
		return listeners.isEmpty() ? ServiceTitanClientListener.NONE : new CompositeClientListener(List.copyOf(listeners));
	}

	@Override
	public void onRetry(CallDescriptor call, String reason, Duration delay) {
		tell("onRetry", (listener) -> listener.onRetry(call, reason, delay));
	}

	@Override
	public void onRateLimitWait(CallDescriptor call, Duration waited) {
		tell("onRateLimitWait", (listener) -> listener.onRateLimitWait(call, waited));
	}

	@Override
	public void onRecords(CallDescriptor call, long count) {
		tell("onRecords", (listener) -> listener.onRecords(call, count));
	}

	@Override
	public void onTokenRequest(Duration duration, String outcome) {
		tell("onTokenRequest", (listener) -> listener.onTokenRequest(duration, outcome));
	}

	private void tell(String event, Consumer<ServiceTitanClientListener> call) {
		for (ServiceTitanClientListener listener : this.listeners) {
			try {
				call.accept(listener);
			}
			catch (RuntimeException ex) {
				logger.warn("ServiceTitanClientListener " + listener.getClass().getName() + " threw from " + event
						+ "; ignored", ex);
			}
		}
	}

}
