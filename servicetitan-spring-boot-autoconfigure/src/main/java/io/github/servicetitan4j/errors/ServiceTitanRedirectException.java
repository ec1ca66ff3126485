package io.github.servicetitan4j.errors;

import java.net.URI;

/**
 * A redirect the client refused to follow: more hops than {@link #MAX_HOPS}, a step down from {@code https} to
 * {@code http}, or a location that is not HTTP at all. Never retried. The client follows redirects of GET requests
 * (downloads) itself: to the same origin with its credentials, to any other origin with none of them.
 */
public class ServiceTitanRedirectException extends ServiceTitanException {

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
