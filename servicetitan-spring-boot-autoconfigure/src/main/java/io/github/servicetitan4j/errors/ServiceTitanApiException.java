package io.github.servicetitan4j.errors;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The ServiceTitan API answered with an error status. Carries the status, ServiceTitan's problem details (RFC 7807
 * title, trace id, field errors) and the request's method and path. The common statuses have a nested subclass each
 * ({@link NotFound}, {@link TooManyRequests}, ...), as Spring nests {@code HttpClientErrorException.NotFound}; the
 * mapping from status to type is done in one place ({@link ServiceTitanApiException#of}).
 */
public class ServiceTitanApiException extends ServiceTitanException {

	private static final long serialVersionUID = 1L;

	/** HTTP status code. */
	private final int status;

	/** Problem title, if any. */
	private final @Nullable String title;

	/** ServiceTitan's trace id, if any. */
	private final @Nullable String traceId;

	/** Validation errors by field. */
	private final Map<String, List<String>> errors;

	/** HTTP method of the request. */
	private final String method;

	/** Path of the request, without query. */
	private final String path;

	/** Server's Retry-After, if any. */
	private final @Nullable Duration retryAfter;

	/**
	 * Creates the exception for an error response; the message names the request, status, title, trace id and
	 * field errors, never a header or a token.
	 * @param problem what the server answered, as parsed from the response
	 */
	public ServiceTitanApiException(ProblemDetails problem) {
		super(describe(problem));
		this.status = problem.status();
		this.title = problem.title();
		this.traceId = problem.traceId();
		this.errors = problem.errors();
		this.method = problem.method();
		this.path = problem.path();
		this.retryAfter = problem.retryAfter();
	}

	/**
	 * Maps a failed response to the exception type of its status.
	 * @param problem what the server answered
	 * @return the exception to throw
	 */
	public static ServiceTitanApiException of(ProblemDetails problem) {
		int status = problem.status();
		return switch (status) {
			case 400 -> new BadRequest(problem);
			case 401 -> new Unauthorized(problem);
			case 403 -> new Forbidden(problem);
			case 404 -> new NotFound(problem);
			case 409 -> new Conflict(problem);
			case 422 -> new UnprocessableEntity(problem);
			case 429 -> new TooManyRequests(problem);
			default -> (status >= 500) ? new ServerError(problem) : new ServiceTitanApiException(problem);
		};
	}

	private static String describe(ProblemDetails problem) {
		StringBuilder message = new StringBuilder();
		message.append(problem.method()).append(' ').append(problem.path()).append(" failed with ").append(problem.status());
		if (problem.title() != null && !problem.title().isBlank()) {
			message.append(": ").append(problem.title());
		}
		if (!problem.errors().isEmpty()) {
			message.append(' ').append(problem.errors());
		}
		if (problem.traceId() != null) {
			message.append(" [traceId=").append(problem.traceId()).append(']');
		}
		return message.toString();
	}

	/**
	 * HTTP status code of the response.
	 * @return status, 400 to 599
	 */
	public int status() {
		return this.status;
	}

	/**
	 * Problem title, when the server sent one.
	 * @return title, or null
	 */
	public @Nullable String title() {
		return this.title;
	}

	/**
	 * ServiceTitan's trace id for support requests, when the server sent one.
	 * @return trace id, or null
	 */
	public @Nullable String traceId() {
		return this.traceId;
	}

	/**
	 * Validation errors by field, empty when none were sent.
	 * @return messages by field name
	 */
	public Map<String, List<String>> errors() {
		return this.errors;
	}

	/**
	 * HTTP method of the failed request.
	 * @return method, such as {@code GET}
	 */
	public String method() {
		return this.method;
	}

	/**
	 * How long the server asked the client to wait, when it said (a 429, or a 503 with Retry-After).
	 * @return server's wait, empty when it sent neither a Retry-After header nor a "Try again in N seconds" title
	 */
	public Optional<Duration> retryAfter() {
		return Optional.ofNullable(this.retryAfter);
	}

	/**
	 * Path of the failed request (without query).
	 * @return path, such as {@code /jpm/v2/tenant/123/jobs/7}
	 */
	public String path() {
		return this.path;
	}

	/**
	 * 400 Bad Request: the request was malformed or failed validation.
	 */
	public static class BadRequest extends ServiceTitanApiException {

		private static final long serialVersionUID = 1L;

		/**
		 * Creates the exception for a 400 response.
		 * @param problem what the server answered, as parsed from the response
		 */
		public BadRequest(ProblemDetails problem) {
			super(problem);
		}

	}

	/**
	 * 401 Unauthorized: the access token was missing, expired or rejected, or the app key is missing.
	 */
	public static class Unauthorized extends ServiceTitanApiException {

		private static final long serialVersionUID = 1L;

		/**
		 * Creates the exception for a 401 response.
		 * @param problem what the server answered, as parsed from the response
		 */
		public Unauthorized(ProblemDetails problem) {
			super(problem);
		}

	}

	/**
	 * 403 Forbidden: the application lacks the scope or the tenant has not granted access.
	 */
	public static class Forbidden extends ServiceTitanApiException {

		private static final long serialVersionUID = 1L;

		/**
		 * Creates the exception for a 403 response.
		 * @param problem what the server answered, as parsed from the response
		 */
		public Forbidden(ProblemDetails problem) {
			super(problem);
		}

	}

	/**
	 * 404 Not Found: no such record or route.
	 */
	public static class NotFound extends ServiceTitanApiException {

		private static final long serialVersionUID = 1L;

		/**
		 * Creates the exception for a 404 response.
		 * @param problem what the server answered, as parsed from the response
		 */
		public NotFound(ProblemDetails problem) {
			super(problem);
		}

	}

	/**
	 * 409 Conflict: the request conflicts with the record's current state.
	 */
	public static class Conflict extends ServiceTitanApiException {

		private static final long serialVersionUID = 1L;

		/**
		 * Creates the exception for a 409 response.
		 * @param problem what the server answered, as parsed from the response
		 */
		public Conflict(ProblemDetails problem) {
			super(problem);
		}

	}

	/**
	 * 422 Unprocessable Entity: the payload was understood but rejected.
	 */
	public static class UnprocessableEntity extends ServiceTitanApiException {

		private static final long serialVersionUID = 1L;

		/**
		 * Creates the exception for a 422 response.
		 * @param problem what the server answered, as parsed from the response
		 */
		public UnprocessableEntity(ProblemDetails problem) {
			super(problem);
		}

	}

	/**
	 * 429 Too Many Requests: ServiceTitan's rate limit (60 calls per second per application and tenant) was hit and the
	 * client did not retry, either because retries ran out or because the server asked to wait longer than
	 * {@code servicetitan.retry.max-retry-after}.
	 */
	public static class TooManyRequests extends ServiceTitanApiException {

		private static final long serialVersionUID = 1L;

		/**
		 * Creates the exception for a 429 response.
		 * @param problem what the server answered, as parsed from the response
		 */
		public TooManyRequests(ProblemDetails problem) {
			super(problem);
		}

	}

	/**
	 * 5xx: the server failed.
	 */
	public static class ServerError extends ServiceTitanApiException {

		private static final long serialVersionUID = 1L;

		/**
		 * Creates the exception for a 5xx response.
		 * @param problem what the server answered, as parsed from the response
		 */
		public ServerError(ProblemDetails problem) {
			super(problem);
		}

	}

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
	public record ProblemDetails(String method, String path, int status, @Nullable String title,
			@Nullable String traceId, Map<String, List<String>> errors, @Nullable Duration retryAfter) {

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

}
