package io.github.servicetitan4j;

import java.util.function.BiFunction;

import io.github.servicetitan4j.ServiceTitanClientListener.CallDescriptor;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;

/**
 * Turns one record of a batch into the caller's type: from a tree already read, or straight from the token stream.
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
	 * Whether {@link #read} binds the record from the tokens without building a tree first.
	 * @return false unless the decoder maps to a type and needs no tree to check the record
	 */
	default boolean binds() {
		return false;
	}

	/**
	 * How records are bound from bytes held in memory without Jackson's parser, if they can be.
	 * @return the plan, or null
	 */
	default @Nullable RecordPlan plan() {
		return null;
	}

	/**
	 * Reads one record from a parser standing on its first token: through a tree by default.
	 * @param parser the parser
	 * @param trees reads a record as a tree
	 * @param batch which batch it came from, for messages
	 * @param index its index in the batch's {@code data} array, for messages
	 * @return the decoded record, the parser standing on its last token
	 * @throws tools.jackson.core.JacksonException if the body cannot be read (cut short, not JSON); a record that is
	 * JSON but does not map is a {@link io.github.servicetitan4j.errors.ServiceTitanException.ServiceTitanMappingException}
	 */
	default T read(JsonParser parser, ObjectReader trees, String batch, int index) {
		return decode(trees.readValue(parser), batch, index);
	}

	/**
	 * A decoder that binds records straight from the tokens with a reader for the type, and decodes records already read
	 * as trees the given way. A binding failure that is the body's (cut short, not JSON) is thrown as it is, for the
	 * batch to read again; one that is the record's becomes the given mapping failure.
	 * @param binder binds one record; must not fail on trailing tokens
	 * @param plan binds records from bytes held in memory as the binder would, or null
	 * @param fromTree decodes a record read as a tree
	 * @param failure the mapping failure of a record ({@code record 4 of page 3}) that does not bind
	 * @param <T> the type
	 * @return the decoder
	 */
	static <T> RecordDecoder<T> binding(ObjectReader binder, @Nullable RecordPlan plan, RecordDecoder<T> fromTree,
			BiFunction<JacksonException, String, RuntimeException> failure) {
		return new RecordDecoder<>() {

			@Override
			public @Nullable RecordPlan plan() {
				return plan;
			}

			@Override
			public T decode(JsonNode node, String batch, int index) {
				return fromTree.decode(node, batch, index);
			}

			@Override
			public boolean binds() {
				return true;
			}

			@Override
			public T read(JsonParser parser, ObjectReader trees, String batch, int index) {
				try {
					return binder.readValue(parser);
				}
				catch (JacksonException ex) {
					if (RecordMapper.isReadFailure(ex)) {
						// The body broke while the record was bound: a read failure, for the batch to read again.
						throw ex;
					}
					throw failure.apply(ex, "record " + index + " of " + batch);
				}
			}

		};
	}

	/**
	 * Maps records to a type with the client's mapper; a failure names the field, the record and its batch.
	 * @param records the mapper
	 * @param type the type
	 * @param call the call, for messages
	 * @param <T> the type
	 * @return the decoder
	 */
	static <T> RecordDecoder<T> mapping(RecordMapper records, Class<T> type, CallDescriptor call) {
		return records.decoder(records.type(type), call);
	}

	/**
	 * Maps records to a generic type ({@code List<Long>}, {@code Map<String, Object>}) with the client's mapper.
	 * @param records the mapper
	 * @param type the type
	 * @param call the call, for messages
	 * @param <T> the type
	 * @return the decoder
	 */
	static <T> RecordDecoder<T> mapping(RecordMapper records, JavaType type, CallDescriptor call) {
		return records.decoder(type, call);
	}

}
