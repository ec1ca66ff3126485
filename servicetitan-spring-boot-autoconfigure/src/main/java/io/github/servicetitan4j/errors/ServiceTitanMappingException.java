package io.github.servicetitan4j.errors;

/**
 * A response could not be read or mapped to the requested type. Names the endpoint, the record's index in its page and
 * the field that failed.
 */
public class ServiceTitanMappingException extends ServiceTitanException {

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
