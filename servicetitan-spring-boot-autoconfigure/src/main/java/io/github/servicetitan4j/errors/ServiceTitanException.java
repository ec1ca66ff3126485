package io.github.servicetitan4j.errors;

import java.util.List;

import org.jspecify.annotations.Nullable;

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

}
