package io.github.servicetitan4j;

import java.time.Duration;

/**
 * Hears what the client does beyond the requests themselves: retries, waits for the rate limiter, records delivered
 * and token requests. The Spring Boot starter turns these into Micrometer meters; the default hears nothing.
 * Implementations must be thread-safe and fast: they are called on the request path.
 */
public interface ServiceTitanClientListener {

	/** Hears nothing. */
	ServiceTitanClientListener NONE = new ServiceTitanClientListener() {
	};

	/**
	 * A failed attempt is about to be retried.
	 * @param call the call being retried
	 * @param reason why the attempt failed: a status code ("503") or a transport failure ("connection_reset", "timeout")
	 * @param delay how long the client waits before the next attempt
	 */
	default void onRetry(CallDescriptor call, String reason, Duration delay) {
	}

	/**
	 * A request waited for the client-side rate limiter.
	 * @param call the call whose request waited
	 * @param waited how long it waited (zero when a permit was free)
	 */
	default void onRateLimitWait(CallDescriptor call, Duration waited) {
	}

	/**
	 * A multi-page walk delivered records to the caller.
	 * @param call the walk
	 * @param count how many records were delivered since the last report
	 */
	default void onRecords(CallDescriptor call, long count) {
	}

	/**
	 * The client asked the token endpoint for an access token.
	 * @param duration how long the request took
	 * @param outcome {@code success}, or why it failed ({@code invalid_client}, {@code server_error}, {@code io_error})
	 */
	default void onTokenRequest(Duration duration, String outcome) {
	}

	/**
	 * Names one Endpoint operation call for observations, metrics and logs: low-cardinality values only.
	 *
	 * @param folder the API folder ({@code jpm})
	 * @param endpoint the endpoint ({@code jobs}), or for exports {@code export/<resource>}
	 * @param operation the reference operation ({@code get_one}, {@code get_all}, ...)
	 */
	record CallDescriptor(String folder, String endpoint, String operation) {
	}

}
