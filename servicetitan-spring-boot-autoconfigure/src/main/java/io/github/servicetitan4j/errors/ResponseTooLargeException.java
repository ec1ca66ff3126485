package io.github.servicetitan4j.errors;

import org.springframework.util.unit.DataSize;

/**
 * A response that the client reads whole into memory ({@code getOne}, {@code getMany}, {@code create},
 * {@code update}, {@code delete}, {@code exportOne}, look-ahead pages, {@code download} as bytes) was larger than
 * {@code servicetitan.max-response-size}, counted after decompression. Reading stopped there, so the heap never held
 * more. Never retried: the same request would answer the same. Streaming walks and downloads to a file are not
 * limited.
 */
public class ResponseTooLargeException extends ServiceTitanException {

	private static final long serialVersionUID = 1L;

	/** Limit the body passed. */
	private final DataSize limit;

	/**
	 * Creates the exception.
	 * @param message what was read and from where
	 * @param limit limit the body passed
	 */
	public ResponseTooLargeException(String message, DataSize limit) {
		super(message);
		this.limit = limit;
	}

	/**
	 * The limit the response passed.
	 * @return limit, {@code servicetitan.max-response-size} unless set on the builder
	 */
	public DataSize limit() {
		return this.limit;
	}

}
