package io.github.servicetitan4j;

/**
 * What the caller does with a successful response, which decides who closes it.
 *
 * @param <T> what the caller reads
 */
sealed interface BodyUse<T> {

	/** Reads the response. */
	ResponseHandler<T> handler();

	/**
	 * The body is read while the response is open, which is closed as soon as the handler returns.
	 *
	 * @param <T> what the handler reads
	 * @param handler reads the response
	 */
	record Whole<T>(ResponseHandler<T> handler) implements BodyUse<T> {
	}

	/**
	 * The body is read after the handler returns: what the handler returns holds the response open and closes it.
	 *
	 * @param <T> the reader handed to the caller
	 * @param handler opens the reader
	 */
	record Streamed<T extends AutoCloseable>(ResponseHandler<T> handler) implements BodyUse<T> {
	}

}
