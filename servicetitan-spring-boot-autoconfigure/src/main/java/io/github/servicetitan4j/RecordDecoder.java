package io.github.servicetitan4j;

import io.github.servicetitan4j.ServiceTitanClientListener.CallDescriptor;
import tools.jackson.databind.JsonNode;

/**
 * Turns one record of a batch into the caller's type.
 *
 * @param <T> the caller's type
 */
@FunctionalInterface
interface RecordDecoder<T> {

	/** Hands out the records as they were read. */
	RecordDecoder<JsonNode> NODES = (node, batch, index) -> node;

	/**
	 * Decodes one record.
	 * @param node the record
	 * @param batch which batch it came from ({@code page 3}), for messages
	 * @param index its index in the batch's {@code data} array, for messages
	 * @return the decoded record
	 */
	T decode(JsonNode node, String batch, int index);

	/**
	 * Maps records to a type with the client's mapper; a failure names the field, the record and its batch.
	 * @param records the mapper
	 * @param type the type
	 * @param call the call, for messages
	 * @param <T> the type
	 * @return the decoder
	 */
	static <T> RecordDecoder<T> mapping(RecordMapper records, Class<T> type, CallDescriptor call) {
		return (node, batch, index) -> records.map(node, type, call, "record " + index + " of " + batch);
	}

}
