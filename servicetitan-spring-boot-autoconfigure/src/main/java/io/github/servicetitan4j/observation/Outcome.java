package io.github.servicetitan4j.observation;

import java.util.Locale;

import io.github.servicetitan4j.RateLimitException;
import io.github.servicetitan4j.ServiceTitanApiException;
import io.github.servicetitan4j.ServiceTitanAuthenticationException;
import io.github.servicetitan4j.ServiceTitanMappingException;
import io.github.servicetitan4j.ServiceTitanTransportException;
import io.github.servicetitan4j.retry.RateLimiterTimeoutException;
import org.jspecify.annotations.Nullable;

import org.springframework.web.client.HttpServerErrorException;

/**
 * How a call or request ended, as the {@code outcome} tag says it: a handful of values, so that dashboards can split
 * failures by who is to blame without a tag per status code.
 */
public enum Outcome {

	/** The call or request succeeded. */
	SUCCESS,

	/** The request was refused as wrong (4xx other than 429, refused credentials, a record that could not be mapped). */
	CLIENT_ERROR,

	/** ServiceTitan failed (5xx). */
	SERVER_ERROR,

	/** ServiceTitan's rate limit (429) or the client-side rate limiter stopped the call. */
	RATE_LIMITED,

	/** No complete answer: connection refused or reset, timeout, a response cut short. */
	IO_ERROR,

	/** Anything else (an interrupted wait, a paging loop the client stopped). */
	UNKNOWN;

	/** The tag value, such as {@code client_error}. */
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * Classifies the failure of an operation call.
	 * @param error what the call threw, or null when it succeeded
	 * @return the outcome
	 */
	public static Outcome of(@Nullable Throwable error) {
		if (error == null) {
			return SUCCESS;
		}
		if (error instanceof RateLimitException || error instanceof RateLimiterTimeoutException) {
			return RATE_LIMITED;
		}
		if (error instanceof ServiceTitanApiException api) {
			return ofStatus(api.status());
		}
		if (error instanceof ServiceTitanTransportException) {
			return IO_ERROR;
		}
		if (error instanceof ServiceTitanAuthenticationException authentication) {
			// A refusal names an OAuth error code; without one the token endpoint failed or could not be reached.
			if (authentication.errorCode() != null) {
				return CLIENT_ERROR;
			}
			return hasCause(authentication, HttpServerErrorException.class) ? SERVER_ERROR : IO_ERROR;
		}
		if (error instanceof ServiceTitanMappingException || error instanceof IllegalArgumentException) {
			return CLIENT_ERROR;
		}
		return UNKNOWN;
	}

	/**
	 * Classifies an HTTP status.
	 * @param status the status code
	 * @return the outcome
	 */
	public static Outcome ofStatus(int status) {
		if (status == 429) {
			return RATE_LIMITED;
		}
		if (status >= 500) {
			return SERVER_ERROR;
		}
		if (status >= 400) {
			return CLIENT_ERROR;
		}
		return SUCCESS;
	}

	private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
		for (Throwable cause = error.getCause(); cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return true;
			}
		}
		return false;
	}

}
