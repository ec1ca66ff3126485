package io.github.servicetitan4j;

import java.util.Iterator;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The records of one page or export batch, read as the consumer advances. What the envelope says besides its records
 * is known once the records are read through.
 */
interface RecordBatch extends Iterator<JsonNode>, AutoCloseable {

	/**
	 * What the envelope said besides its records.
	 * @return the envelope's properties
	 * @throws IllegalStateException if the records have not been read through
	 */
	Envelope envelope();

	/**
	 * Reads the next record straight into the decoder's type: a batch that reads from a parser lets a binding decoder
	 * bind the record from the tokens, without a tree in between.
	 * @param decoder decodes the record
	 * @param batch which batch it is, for messages
	 * @param index the record's index in the batch, for messages
	 * @param <T> the decoded type
	 * @return the record
	 */
	default <T> T next(RecordDecoder<T> decoder, String batch, int index) {
		return decoder.decode(next(), batch, index);
	}

	/**
	 * What the envelope has said so far: all of it once the records are read through; before, the properties that came
	 * ahead of {@code data}.
	 * @return the envelope so far, or null when {@code hasMore} is not known yet
	 */
	default @Nullable Envelope head() {
		return null;
	}

	/** Releases the response being read, if any. */
	@Override
	void close();

}
