package io.github.servicetitan4j.ratelimit;

import java.time.Duration;

import io.github.servicetitan4j.errors.ServiceTitanException;

/**
 * A request would have waited longer than {@code servicetitan.rate-limit.max-wait} for the client-side rate limiter,
 * so it was not sent. Thrown at once rather than after waiting: the caller learns early that the tenant's request
 * budget is spoken for.
 */
public class RateLimiterTimeoutException extends ServiceTitanException {

	private static final long serialVersionUID = 1L;

	/** How long the request would have had to wait. */
	private final Duration wouldWait;

	/** Longest it was allowed to wait. */
	private final Duration maxWait;

	/**
	 * Creates an exception for the tenant's rate limiter.
	 * @param wouldWait how long the request would have had to wait
	 * @param maxWait longest it was allowed to wait
	 */
	public RateLimiterTimeoutException(Duration wouldWait, Duration maxWait) {
		this(wouldWait, maxWait, false);
	}

	/**
	 * Creates an exception.
	 * @param wouldWait how long the request would have had to wait
	 * @param maxWait the longest it was allowed to wait
	 * @param serverPause whether the wait comes from a pause ServiceTitan asked for with a 429
	 */
	public RateLimiterTimeoutException(Duration wouldWait, Duration maxWait, boolean serverPause) {
		super("Request not sent: the client-side rate limiter would have made it wait " + wouldWait.toMillis()
				+ " ms, longer than the allowed " + maxWait.toMillis() + " ms (servicetitan.rate-limit.max-wait)"
				+ (serverPause ? "; ServiceTitan answered 429 and asked this tenant to wait"
						: "; other requests of this tenant hold the permits until then"));
		this.wouldWait = wouldWait;
		this.maxWait = maxWait;
	}

	/**
	 * Creates an exception for a limiter other than the tenant's, whose message names its own setting.
	 * @param message what was not sent and why
	 * @param wouldWait how long the request would have had to wait
	 * @param maxWait the longest it was allowed to wait
	 */
	protected RateLimiterTimeoutException(String message, Duration wouldWait, Duration maxWait) {
		super(message);
		this.wouldWait = wouldWait;
		this.maxWait = maxWait;
	}

	/**
	 * How long the request would have had to wait for a permit.
	 * @return wait the limiter asked for
	 */
	public Duration wouldWait() {
		return this.wouldWait;
	}

	/**
	 * The longest a request may wait for a permit.
	 * @return allowed wait, such as {@code servicetitan.rate-limit.max-wait}
	 */
	public Duration maxWait() {
		return this.maxWait;
	}

}
