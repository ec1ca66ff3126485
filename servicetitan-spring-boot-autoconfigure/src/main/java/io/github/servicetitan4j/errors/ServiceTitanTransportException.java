package io.github.servicetitan4j.errors;

/**
 * The request never got a complete answer: the connection was refused or reset, the response was empty or cut short,
 * or a timeout struck. For a POST or PATCH that may have reached the server, {@link #outcomeUnknown()} is true: the
 * client did not repeat it, because ServiceTitan may already have acted on it.
 */
public class ServiceTitanTransportException extends ServiceTitanException {

	private static final long serialVersionUID = 1L;

	/** Whether the server may have acted on the request. */
	private final boolean outcomeUnknown;

	/**
	 * Creates the exception.
	 * @param message what failed
	 * @param outcomeUnknown whether the server may have acted on the request
	 * @param cause I/O failure
	 */
	public ServiceTitanTransportException(String message, boolean outcomeUnknown, Throwable cause) {
		super(outcomeUnknown ? message + "; the request may have reached ServiceTitan, so its outcome is unknown and it was not repeated" : message, cause);
		this.outcomeUnknown = outcomeUnknown;
	}

	/**
	 * Whether the server may have acted on the request (a non-idempotent request failed after it was sent).
	 * @return whether to check before repeating the request
	 */
	public boolean outcomeUnknown() {
		return this.outcomeUnknown;
	}

}
