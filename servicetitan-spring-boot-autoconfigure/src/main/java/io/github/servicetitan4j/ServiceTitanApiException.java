package io.github.servicetitan4j;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The ServiceTitan API answered with an error status. Carries the status, ServiceTitan's problem details (RFC 7807
 * title, trace id, field errors) and the request's method and path. Subclasses name the common statuses; the mapping
 * is done in one place ({@link ServiceTitanApiException#of}).
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
			case 400 -> new BadRequestException(problem);
			case 401 -> new UnauthorizedException(problem);
			case 403 -> new ForbiddenException(problem);
			case 404 -> new NotFoundException(problem);
			case 409 -> new ConflictException(problem);
			case 422 -> new UnprocessableEntityException(problem);
			case 429 -> new RateLimitException(problem);
			default -> (status >= 500) ? new ServerErrorException(problem) : new ServiceTitanApiException(problem);
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

	/** How long the server asked to wait (Retry-After, or a "Try again in N seconds" title), or null. */
	@Nullable Duration retryAfterOrNull() {
		return this.retryAfter;
	}

	/**
	 * Path of the failed request (without query).
	 * @return path, such as {@code /jpm/v2/tenant/123/jobs/7}
	 */
	public String path() {
		return this.path;
	}

}
