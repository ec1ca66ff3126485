package io.github.servicetitan4j.retry;

import java.time.Duration;

import io.github.servicetitan4j.ServiceTitanException;

/**
 * A request waited longer than {@code servicetitan.rate-limit.max-wait} for the client-side rate limiter and was not
 * sent.
 */
public class RateLimiterTimeoutException extends ServiceTitanException {

	private static final long serialVersionUID = 1L;

	public RateLimiterTimeoutException(Duration wouldWait, Duration maxWait) {
		super("Request not sent: the client-side rate limiter would have made it wait " + wouldWait.toMillis()
				+ " ms, longer than the allowed " + maxWait.toMillis() + " ms (servicetitan.rate-limit.max-wait)");
	}

}
