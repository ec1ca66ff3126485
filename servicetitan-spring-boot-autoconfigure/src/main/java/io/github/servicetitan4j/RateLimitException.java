package io.github.servicetitan4j;

import java.time.Duration;
import java.util.Optional;

/**
 * 429 Too Many Requests: ServiceTitan's rate limit (60 calls per second per application and tenant) was hit and the
 * client did not retry, either because retries ran out or because the server asked to wait longer than
 * {@code servicetitan.retry.max-retry-after}.
 */
public class RateLimitException extends ServiceTitanApiException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception for a 429 response.
	 * @param problem what the server answered, as parsed from the response
	 */
	public RateLimitException(ProblemDetails problem) {
		super(problem);
	}

	/**
	 * How long the server asked the client to wait, when it said.
	 * @return server's wait, empty when it sent neither a Retry-After header nor a "Try again in N seconds" title
	 */
	public Optional<Duration> retryAfter() {
		return Optional.ofNullable(retryAfterOrNull());
	}

}
