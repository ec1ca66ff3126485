package io.github.servicetitan4j.errors;

/**
 * The calling thread was interrupted while the client waited (for the rate limiter, a backoff or a Retry-After). The
 * thread's interrupt flag is set again before this is thrown.
 */
public class ServiceTitanInterruptedException extends ServiceTitanException {

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
