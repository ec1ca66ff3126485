package io.github.servicetitan4j;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What the server said about a failed request: its status, RFC 7807 fields when the body had them, and the request
 * that failed.
 *
 * @param method HTTP method of the request
 * @param path path of the request, without query
 * @param status HTTP status code
 * @param title problem title (or the status text when the body had none)
 * @param traceId ServiceTitan's trace id, if sent
 * @param errors field errors, empty when none
 * @param retryAfter the server's Retry-After (or "Try again in N seconds" title), if any
 */
public record ProblemDetails(String method, String path, int status, @Nullable String title, @Nullable String traceId,
		Map<String, List<String>> errors, @Nullable Duration retryAfter) {

	/**
	 * Copies {@code errors}, so that the details never change after they are made.
	 * @param method HTTP method of the request
	 * @param path path of the request, without query
	 * @param status HTTP status code
	 * @param title problem title (or the status text when the body had none)
	 * @param traceId ServiceTitan's trace id, if sent
	 * @param errors field errors, empty when none
	 * @param retryAfter the server's Retry-After (or "Try again in N seconds" title), if any
	 */
	public ProblemDetails {
		errors = Map.copyOf(errors);
	}

}
