package io.github.servicetitan4j.internal;

import java.io.IOException;

/**
 * Reading a successful response failed part-way: the request reached the server and was acted on.
 */
public final class ResponseReadException extends IOException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception.
	 * @param message what failed
	 * @param cause the read failure
	 */
	public ResponseReadException(String message, Throwable cause) {
		super(message, cause);
	}

}
