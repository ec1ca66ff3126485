package io.github.servicetitan4j.internal;

/**
 * Names of the request attributes the client sets on every API request and its request observation convention reads:
 * one home for both sides.
 */
public final class RequestAttributes {

	/** Holds the {@link io.github.servicetitan4j.ServiceTitanClientListener.CallDescriptor}. */
	public static final String CALL = "io.github.servicetitan4j.ServiceTitanClientListener.CallDescriptor";

	/** Holds the low-cardinality URI template. */
	public static final String URI_TEMPLATE = "io.github.servicetitan4j.RequestExecutor.uriTemplate";

	private RequestAttributes() {
	}

}
