package io.github.servicetitan4j;

import java.util.Iterator;

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

	/** Releases the response being read, if any. */
	@Override
	void close();

}
