package io.github.servicetitan4j.ratelimit;

import java.time.Duration;

import io.github.servicetitan4j.errors.ServiceTitanException;

/**
 * The store of the shared rate limiter did not answer in time (or failed), and the limiter is configured to fail
 * closed: the request was not sent.
 */
public class RateLimitStoreUnavailableException extends ServiceTitanException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception; the message names the store and the setting that made the request fail.
	 * @param store kind of store, such as {@code redis} or {@code jdbc}
	 * @param cause failure or timeout of the store
	 */
	public RateLimitStoreUnavailableException(String store, Throwable cause) {
		super("The " + store + " rate-limit store is unavailable (" + cause.getClass().getSimpleName()
				+ "); the request was not sent (servicetitan.rate-limit.on-store-failure=fail-closed)", cause);
	}

	/**
	 * Creates the exception for a store that did not answer when the application started.
	 * @param store kind of store, such as {@code redis} or {@code jdbc}
	 * @param cause failure or timeout of the store
	 * @param startupTimeout how long the store was given to answer
	 */
	public RateLimitStoreUnavailableException(String store, Throwable cause, Duration startupTimeout) {
		super("The " + store + " rate-limit store did not answer at startup within " + startupTimeout.toMillis()
				+ " ms (" + cause.getClass().getSimpleName() + ", servicetitan.rate-limit.store-startup-timeout): "
				+ "without it no request could be sent (servicetitan.rate-limit.on-store-failure=fail-closed); "
				+ "start the store first, or choose fail-open to start with each instance at its share of the budget",
				cause);
	}

}
