package io.github.servicetitan4j.internal;

import java.util.Locale;

import io.github.servicetitan4j.internal.Failures;
import org.jspecify.annotations.Nullable;

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

	/**
	 * The tag value, such as {@code client_error}.
	 * @return lower-case name
	 */
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * Classifies the failure of an operation call.
	 * @param error what the call threw, or null when it succeeded
	 * @return the outcome
	 */
	public static Outcome of(@Nullable Throwable error) {
		return Failures.outcome(error);
	}

	/**
	 * Classifies an HTTP status.
	 * @param status the status code
	 * @return the outcome
	 */
	public static Outcome ofStatus(int status) {
		return Failures.outcome(status);
	}

}
