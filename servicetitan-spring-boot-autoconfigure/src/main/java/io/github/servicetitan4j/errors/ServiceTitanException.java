package io.github.servicetitan4j.errors;

import java.net.URI;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.util.unit.DataSize;

/**
 * Root of every exception the ServiceTitan client throws. All are unchecked. Messages say what failed (method, path,
 * status, title) and never hold a credential, a token or the app key.
 */
public class ServiceTitanException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/** Attempts made before the call gave up, oldest first. */
	private volatile List<String> attempts = List.of();

	/** Why retrying stopped, if it did. */
	private volatile @Nullable String stopReason;

	/**
	 * Creates the exception.
	 * @param message what failed; must not contain a secret
	 */
	public ServiceTitanException(String message) {
		super(message);
	}

	/**
	 * Creates the exception.
	 * @param message what failed; must not contain a secret
	 * @param cause underlying failure
	 */
	public ServiceTitanException(String message, Throwable cause) {
		super(message, cause);
	}

	/**
	 * Why each attempt of the call failed, oldest first ("503 Service Unavailable", "connection reset"); empty when the
	 * call was tried once.
	 * @return the failed attempts
	 */
	public List<String> attempts() {
		return this.attempts;
	}

	/**
	 * Records the attempts that ended in this exception and why the client stopped before its retries ran out. Not
	 * for application code: the client's retry policy calls it when it gives up, before the exception is thrown, and
	 * an architecture test keeps the rest of the client from calling it. It is public because the policy lives in
	 * another package, and a plain call replaces the former static hook that the exception installed into the
	 * policy, so that the exceptions depend on nothing else of the client.
	 * @param attempts why each attempt failed, oldest first
	 * @param stopReason why no further attempt was made, or null
	 */
	public void recordAttempts(List<String> attempts, @Nullable String stopReason) {
		this.attempts = List.copyOf(attempts);
		this.stopReason = stopReason;
	}

	/**
	 * The message, followed by the attempts when there were several ("gave up after 4 attempts: 503 ...; 503 ...")
	 * and by the reason the client stopped early, if it did.
	 */
	@Override
	public String getMessage() {
		String message = super.getMessage();
		List<String> tried = this.attempts;
		String reason = this.stopReason;
		if (tried.size() <= 1) {
			return (reason != null) ? message + " (" + reason + ")" : message;
		}
		return message + " (gave up after " + tried.size() + " attempts: " + String.join("; ", tried)
				+ ((reason != null) ? "; " + reason : "") + ")";
	}

	/**
	 * A redirect the client refused to follow: more hops than {@link #MAX_HOPS}, a step down from {@code https} to
	 * {@code http}, or a location that is not HTTP at all. Never retried. The client follows redirects of GET requests
	 * (downloads) itself: to the same origin with its credentials, to any other origin with none of them.
	 */
	public static class ServiceTitanRedirectException extends ServiceTitanException {

		/** Redirects followed per request at most. */
		public static final int MAX_HOPS = 5;

		private static final long serialVersionUID = 1L;

		/** Location the client refused to go to. */
		private final URI location;

		/**
		 * Creates the exception.
		 * @param message why the redirect was refused
		 * @param location redirect's target
		 */
		public ServiceTitanRedirectException(String message, URI location) {
			super(message);
			this.location = location;
		}

		/**
		 * The location the client refused to go to (a query string is left out of messages, it may be signed).
		 * @return location, as the server sent it
		 */
		public URI location() {
			return this.location;
		}

	}

	/**
	 * A response that the client reads whole into memory ({@code getOne}, {@code getMany}, {@code create},
	 * {@code update}, {@code delete}, {@code exportOne}, look-ahead pages, {@code download} as bytes) was larger than
	 * {@code servicetitan.max-response-size}, counted after decompression. Reading stopped there, so the heap never
	 * held more. Never retried: the same request would answer the same. Streaming walks and downloads to a file are not
	 * limited.
	 */
	public static class ResponseTooLargeException extends ServiceTitanException {

		private static final long serialVersionUID = 1L;

		/** Limit the body passed. */
		private final DataSize limit;

		/**
		 * Creates the exception.
		 * @param message what was read and from where
		 * @param limit limit the body passed
		 */
		public ResponseTooLargeException(String message, DataSize limit) {
			super(message);
			this.limit = limit;
		}

		/**
		 * The limit the response passed.
		 * @return limit, {@code servicetitan.max-response-size} unless set on the builder
		 */
		public DataSize limit() {
			return this.limit;
		}

	}

	/**
	 * A request body the client encodes in memory (a typed call's multipart upload) was larger than the client sends.
	 * Thrown before anything is sent, so nothing was half-written on ServiceTitan's side.
	 */
	public static class RequestTooLargeException extends ServiceTitanException {

		private static final long serialVersionUID = 1L;

		/** Limit the body passed. */
		private final DataSize limit;

		/**
		 * Creates the exception.
		 * @param message what was refused
		 * @param limit limit the body passed
		 */
		public RequestTooLargeException(String message, DataSize limit) {
			super(message);
			this.limit = limit;
		}

		/**
		 * The limit the request passed.
		 * @return limit
		 */
		public DataSize limit() {
			return this.limit;
		}

	}

	/**
	 * The calling thread was interrupted while the client waited (for the rate limiter, a backoff or a Retry-After).
	 * The thread's interrupt flag is set again before this is thrown.
	 */
	public static class ServiceTitanInterruptedException extends ServiceTitanException {

		private static final long serialVersionUID = 1L;

		/**
		 * Creates the exception.
		 * @param whileDoing what the client was waiting for, to finish "Interrupted while ..."
		 * @param cause interruption
		 */
		public ServiceTitanInterruptedException(String whileDoing, InterruptedException cause) {
			super("Interrupted while " + whileDoing, cause);
		}

	}

	/**
	 * A response could not be read or mapped to the requested type. Names the endpoint, the record's index in its page
	 * and the field that failed.
	 */
	public static class ServiceTitanMappingException extends ServiceTitanException {

		private static final long serialVersionUID = 1L;

		/**
		 * Creates an exception for a failure that Jackson reported.
		 * @param message what failed, where
		 * @param cause Jackson's exception
		 */
		public ServiceTitanMappingException(String message, Throwable cause) {
			super(message, cause);
		}

		/**
		 * Creates an exception for a record that Jackson could map but the client rejects (strict records).
		 * @param message what failed, where
		 */
		public ServiceTitanMappingException(String message) {
			super(message);
		}

	}

}
