package io.github.servicetitan4j;

import java.util.List;

/**
 * Root of every exception the ServiceTitan client throws. All are unchecked. Messages say what failed (method, path,
 * status, title) and never hold a credential, a token or the app key.
 */
public class ServiceTitanException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private volatile List<String> attempts = List.of();

	public ServiceTitanException(String message) {
		super(message);
	}

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
	 * Records the attempts that ended in this exception. Called by the client when it gives up retrying.
	 * @param attempts why each attempt failed, oldest first
	 * @return this exception
	 */
	public ServiceTitanException withAttempts(List<String> attempts) {
		this.attempts = List.copyOf(attempts);
		return this;
	}

	@Override
	public String getMessage() {
		String message = super.getMessage();
		List<String> tried = this.attempts;
		if (tried.size() <= 1) {
			return message;
		}
		return message + " (gave up after " + tried.size() + " attempts: " + String.join("; ", tried) + ")";
	}

}
