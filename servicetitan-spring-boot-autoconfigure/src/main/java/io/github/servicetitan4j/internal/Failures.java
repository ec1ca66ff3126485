package io.github.servicetitan4j.internal;

import java.io.InterruptedIOException;
import java.net.http.HttpTimeoutException;
import java.util.Set;

import io.github.servicetitan4j.errors.ServiceTitanApiException;
import io.github.servicetitan4j.errors.ServiceTitanAuthenticationException;
import io.github.servicetitan4j.errors.ServiceTitanException.ServiceTitanMappingException;
import io.github.servicetitan4j.errors.ServiceTitanTransportException;
import io.github.servicetitan4j.ratelimit.RateLimiter.RateLimiterTimeoutException;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientResponseException;

/**
 * The one failure classifier of the client: names a failure that left a request without a complete answer, tells
 * whether the request can have reached the server, whether a status may be retried, and how a failure reads as a
 * meter tag ({@link #outcome}), a health reason ({@link #healthReason}) and an attempt in an error message. API
 * requests, token requests, health and observations all ask here, so they report a failure in the same words.
 */
public final class Failures {

	private static final Set<Integer> RETRYABLE_STATUSES = Set.of(408, 429, 500, 502, 503, 504);

	private Failures() {
	}

	/**
	 * Whether an answer with this status may pass when asked again: 408, 429, 500, 502, 503, 504.
	 * @param status the status code
	 * @return whether it is worth a retry
	 */
	public static boolean isRetryable(int status) {
		return RETRYABLE_STATUSES.contains(status);
	}

	/**
	 * Names the failure of an API request that got no complete answer: as {@link #reason}, or
	 * {@code truncated_response} when a 2xx body could not be read (the request reached the server and was acted on).
	 * @param failure the failure
	 * @return the name, lower case with underscores
	 */
	public static String requestReason(Throwable failure) {
		return (failure instanceof ResponseReadException) ? "truncated_response" : reason(failure);
	}

	/**
	 * Whether a failed token request may pass when asked again: transport failures, 5xx, 408 and 429.
	 * @param failure what the token request threw
	 * @return whether it is worth a retry
	 */
	public static boolean isTransientTokenFailure(OAuth2AuthorizationException failure) {
		Throwable cause = failure.getCause();
		if (cause instanceof ResourceAccessException || cause instanceof HttpServerErrorException
				|| isUnreadableTokenResponse(failure)) {
			return true;
		}
		return cause instanceof HttpClientErrorException client
				&& (client.getStatusCode().value() == 408 || client.getStatusCode().value() == 429);
	}

	/**
	 * Whether a 2xx of the token endpoint carried no token response (a proxy's page, a cut-short body): backed off like
	 * any failure.
	 * @param failure what the token request threw
	 * @return whether the answer was unreadable
	 */
	public static boolean isUnreadableTokenResponse(OAuth2AuthorizationException failure) {
		Throwable cause = failure.getCause();
		return "invalid_token_response".equals(failure.getError().getErrorCode())
				&& !(cause instanceof RestClientResponseException) && !(cause instanceof ResourceAccessException);
	}

	/**
	 * The token request's outcome tag: {@code io_error}, {@code server_error}, {@code invalid_client},
	 * {@code http_<status>} or the OAuth error code.
	 * @param failure what the token request threw
	 * @return the tag value
	 */
	public static String tokenOutcome(OAuth2AuthorizationException failure) {
		Throwable cause = failure.getCause();
		if (cause instanceof ResourceAccessException) {
			return "io_error";
		}
		if (cause instanceof HttpServerErrorException) {
			return "server_error";
		}
		if (cause instanceof HttpClientErrorException client) {
			return (client.getStatusCode().value() == 401) ? "invalid_client" : "http_" + client.getStatusCode().value();
		}
		return failure.getError().getErrorCode();
	}

	/**
	 * A failed token request as listed among the attempts, in the words of the API requests' attempts
	 * ("503 Service Unavailable", "timeout").
	 * @param failure what the token request threw
	 * @return the attempt's failure
	 */
	public static String tokenAttempt(OAuth2AuthorizationException failure) {
		Throwable cause = failure.getCause();
		if (cause instanceof ResourceAccessException) {
			return reason(cause).replace('_', ' ');
		}
		if (cause instanceof RestClientResponseException response) {
			return (response.getStatusText().isBlank()) ? Integer.toString(response.getStatusCode().value())
					: response.getStatusCode().value() + " " + response.getStatusText();
		}
		return tokenOutcome(failure);
	}

	/**
	 * Says in one word why no token could be had, for the health details.
	 * @param failure what the token request threw
	 * @return the reason
	 */
	public static String healthReason(Throwable failure) {
		if (failure instanceof ServiceTitanAuthenticationException authentication && authentication.errorCode() != null) {
			return authentication.errorCode();
		}
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof HttpTimeoutException || cause instanceof InterruptedIOException) {
				return "timeout";
			}
			if (cause instanceof RestClientResponseException response) {
				return (response.getStatusCode().is5xxServerError()) ? "auth_server_error"
						: "http_" + response.getStatusCode().value();
			}
		}
		return (failure instanceof ServiceTitanAuthenticationException) ? "auth_server_unreachable"
				: failure.getClass().getSimpleName();
	}

	/**
	 * Classifies the failure of an operation call for the {@code outcome} tag.
	 * @param error what the call threw, or null when it succeeded
	 * @return the outcome
	 */
	public static Outcome outcome(@Nullable Throwable error) {
		if (error == null) {
			return Outcome.SUCCESS;
		}
		if (error instanceof ServiceTitanApiException.TooManyRequests || error instanceof RateLimiterTimeoutException) {
			return Outcome.RATE_LIMITED;
		}
		if (error instanceof ServiceTitanApiException api) {
			return outcome(api.status());
		}
		if (error instanceof ServiceTitanTransportException) {
			return Outcome.IO_ERROR;
		}
		if (error instanceof ServiceTitanAuthenticationException authentication) {
			// A refusal names an OAuth error code; without one the token endpoint failed or could not be reached.
			if (authentication.errorCode() != null) {
				return Outcome.CLIENT_ERROR;
			}
			return hasCause(authentication, HttpServerErrorException.class) ? Outcome.SERVER_ERROR : Outcome.IO_ERROR;
		}
		if (error instanceof ServiceTitanMappingException || error instanceof IllegalArgumentException) {
			return Outcome.CLIENT_ERROR;
		}
		return Outcome.UNKNOWN;
	}

	/**
	 * Classifies an HTTP status for the {@code outcome} tag.
	 * @param status the status code
	 * @return the outcome
	 */
	public static Outcome outcome(int status) {
		if (status == 429) {
			return Outcome.RATE_LIMITED;
		}
		if (status >= 500) {
			return Outcome.SERVER_ERROR;
		}
		if (status >= 400) {
			return Outcome.CLIENT_ERROR;
		}
		return Outcome.SUCCESS;
	}

	private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
		for (Throwable cause = error.getCause(); cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether the failure happened before any byte of the request could reach the server (connection refused, connect
	 * timeout, unknown host, no route), so that even a POST may be sent again.
	 * @param failure the failure or any exception wrapping it
	 * @return whether the request was certainly not sent
	 */
	public static boolean wasNotSent(Throwable failure) {
		return TransportFailures.wasNotSent(failure);
	}

	/**
	 * Names the failure: {@code connection_refused}, {@code connect_timeout}, {@code timeout},
	 * {@code connection_reset}, {@code empty_response}, {@code unknown_host}, or {@code io_error}.
	 * @param failure the failure or any exception wrapping it
	 * @return the name, lower case with underscores
	 */
	public static String reason(Throwable failure) {
		return TransportFailures.reason(failure);
	}

}
