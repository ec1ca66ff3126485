package io.github.servicetitan4j;

/**
 * A response could not be read or mapped to the requested type. Names the endpoint, the record's index in its page and
 * the field that failed.
 */
public class ServiceTitanMappingException extends ServiceTitanException {

	private static final long serialVersionUID = 1L;

	public ServiceTitanMappingException(String message, Throwable cause) {
		super(message, cause);
	}

}
