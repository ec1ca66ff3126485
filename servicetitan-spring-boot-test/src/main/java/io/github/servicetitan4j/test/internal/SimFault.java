package io.github.servicetitan4j.test.internal;

/**
 * What can go wrong on the wire beyond an error status; the server adapter maps each to its own means.
 */
public enum SimFault {

	/** The connection is reset before any response. */
	CONNECTION_RESET,

	/** The connection is closed without any response. */
	EMPTY_RESPONSE,

	/** A 200 status line and headers arrive, then the body breaks off in a malformed chunk. */
	TRUNCATED_BODY,

	/** Garbage arrives instead of HTTP, then the connection closes. */
	RANDOM_DATA_THEN_CLOSE

}
