package io.github.servicetitan4j.ratelimit;

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

}
