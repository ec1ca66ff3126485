package io.github.servicetitan4j;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.github.servicetitan4j.ServiceTitanClientListener.CallDescriptor;
import io.github.servicetitan4j.errors.ServiceTitanException.ServiceTitanMappingException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.exc.ValueInstantiationException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

import org.springframework.http.client.ClientHttpResponse;

/**
 * Reads response bodies and maps records to the caller's types with a copy of the application's {@link JsonMapper}
 * that reads ServiceTitan's dates faster ({@link IsoDates}), ignoring
 * unknown properties. A mapping failure names the endpoint, the record's index and the field. In strict mode a record
 * must also hold every property the caller's type expects: a misspelt record component fails instead of staying null.
 */
final class RecordMapper {

	private final JsonMapper mapper;

	private final boolean strict;

	/** Top-level JSON properties each caller's type expects, as Jackson names them (annotations, naming strategy). */
	private final Map<JavaType, List<String>> expectedProperties = new ConcurrentHashMap<>();

	private final ObjectReader lenientReader;

	/** How records are read as trees from bytes held in memory, when Jackson reads trees the default way; or null. */
	private final @Nullable TreePlan trees;

	/** How records of each caller's type are bound from bytes held in memory, when Jackson binds them plainly. */
	private final Map<JavaType, Optional<RecordPlan>> plans = new ConcurrentHashMap<>();

	private final ObjectReader elementReader;

	/** A mapper that ignores what a record lacks, as by default. */
	RecordMapper(JsonMapper mapper) {
		this(mapper, false);
	}

	RecordMapper(JsonMapper mapper, boolean strict) {
		// A copy reads ServiceTitan's dates by hand (IsoDates); the application's own mapper is not changed.
		this.mapper = IsoDates.install(mapper);
		this.strict = strict;
		this.lenientReader = this.mapper.reader().without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
		// One record is read from the middle of a body: what follows it is the rest of the envelope, not an error.
		this.elementReader = this.mapper.readerFor(JsonNode.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
		this.trees = TreePlan.of(this.mapper._deserializationContext(), this.elementReader.getConfig(),
				this.mapper.tokenStreamFactory());
	}

	/**
	 * Starts reading an envelope from a response body, record by record.
	 * @param body the body
	 * @param resource closed when the envelope has been read or the reader is closed
	 * @param call the call, for messages
	 * @return the reader, positioned before the first record
	 */
	EnvelopeReader envelope(InputStream body, AutoCloseable resource, CallDescriptor call) {
		return EnvelopeReader.open(this.mapper.createParser(body), this.elementReader, resource, body, call);
	}

	/**
	 * Starts reading an envelope held in memory, record by record.
	 * @param body the body
	 * @param call the call, for messages
	 * @return the reader, positioned before the first record
	 */
	EnvelopeReader envelope(byte[] body, CallDescriptor call) {
		return EnvelopeReader.open(body, this, this.elementReader, call);
	}

	/**
	 * Starts parsing a body held in memory from an offset (a record a plan left to Jackson).
	 * @param body the body
	 * @param offset where to start
	 * @return the parser, not yet advanced
	 */
	JsonParser parser(byte[] body, int offset) {
		return this.mapper.createParser(body, offset, body.length - offset);
	}

	/**
	 * How records are read as trees from bytes held in memory.
	 * @return the plan, or null when Jackson's settings for trees are not the defaults
	 */
	@Nullable TreePlan trees() {
		return this.trees;
	}

	/** What the client's parsers refuse to read (the application's limits), which plans keep to as well. */
	StreamReadConstraints limits() {
		return this.mapper.tokenStreamFactory().streamReadConstraints();
	}

	/**
	 * Starts parsing a body held in memory token by token, with the client's mapper (a report page's fields).
	 * @param body the body
	 * @return the parser
	 */
	JsonParser parser(byte[] body) {
		return this.mapper.createParser(body);
	}

	/** Reads a whole body; an empty one is a missing node. */
	JsonNode readTree(ClientHttpResponse response) throws IOException {
		try (InputStream body = response.getBody()) {
			JsonNode node = this.mapper.readTree(body);
			return (node != null) ? node : MissingNode.getInstance();
		}
	}

	/** A value as the tree it would be written as (to compare two bound records). */
	JsonNode tree(Object value) {
		return this.mapper.valueToTree(value);
	}

	byte[] toJson(Object payload) {
		try {
			return this.mapper.writeValueAsBytes(payload);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("payload of type " + payload.getClass().getName()
					+ " cannot be written as JSON: " + ex.getOriginalMessage(), ex);
		}
	}

	/**
	 * Maps one record to the caller's type.
	 * @param node the record
	 * @param type the type to map to
	 * @param call the call, for messages
	 * @param record which record it is ({@code record 4 of page 3}, {@code the record}), for messages
	 * @param <T> the type
	 * @return the mapped record
	 */
	<T> T map(JsonNode node, Class<T> type, CallDescriptor call, String record) {
		return map(node, type(type), call, record);
	}

	/**
	 * Reads a body held whole as one record of a type: bound from its bytes without a tree in between, unless records
	 * are strict (the check needs the record's property names, so strict records are mapped from a tree). An empty body
	 * is null, as a missing node maps to; JSON {@code null} maps as Jackson maps it.
	 * @param body the body
	 * @param type the type to map to
	 * @param call the call, for messages
	 * @param record which record it is ({@code the record}), for messages
	 * @param <T> the type
	 * @return the mapped record, or null
	 * @throws JacksonException if the body is not one whole JSON value (for the caller to read it again); JSON that does
	 * not map is a {@link ServiceTitanMappingException}, reported only once the whole body is known to be JSON
	 */
	<T> @Nullable T read(byte[] body, JavaType type, CallDescriptor call, String record) {
		if (this.strict) {
			return map(readTree(body), type, call, record);
		}
		if (isBlank(body)) {
			return null;
		}
		return bind(body, this.lenientReader.forType(type), (ex) -> mappingFailure(ex, type, call, record));
	}

	/**
	 * Binds a body held whole with a reader. A failure that is the body's (not whole JSON) is thrown as it is, for the
	 * body to be read again; one that is the record's is thrown as the given mapping failure, but only once the whole
	 * body is known to be JSON (a body also broken further on is read again first, as when it was read as a tree).
	 * @param body the body
	 * @param reader binds it
	 * @param failure the mapping failure of a body that is JSON but does not bind
	 * @param <T> what is bound
	 * @return what was bound
	 * @throws JacksonException if the body is not one whole JSON value
	 */
	<T> T bind(byte[] body, ObjectReader reader, Function<JacksonException, RuntimeException> failure) {
		try {
			return reader.readValue(body);
		}
		catch (JacksonException ex) {
			if (isReadFailure(ex)) {
				throw ex;
			}
			readTree(body);
			throw failure.apply(ex);
		}
	}

	/** A body held whole as one JSON tree (an empty body is a missing node). */
	JsonNode readTree(byte[] body) {
		JsonNode node = this.mapper.readTree(body);
		return (node != null) ? node : MissingNode.getInstance();
	}

	/** Whether a body holds no JSON at all (empty, or only whitespace), which a tree reads as a missing node. */
	static boolean isBlank(byte[] body) {
		for (byte b : body) {
			if (!isWhitespace(b)) {
				return false;
			}
		}
		return true;
	}

	/** Whether a byte is JSON whitespace. */
	static boolean isWhitespace(byte b) {
		return b == ' ' || b == '\n' || b == '\r' || b == '\t';
	}

	private <T> T map(JsonNode node, JavaType type, CallDescriptor call, String record) {
		if (this.strict && node.isObject()) {
			checkComplete(node, type, call, record);
		}
		try {
			return this.lenientReader.forType(type).readValue(node);
		}
		catch (JacksonException ex) {
			throw mappingFailure(ex, type, call, record);
		}
	}

	/** The type as the client's mapper sees it. */
	JavaType type(Class<?> type) {
		return this.mapper.constructType(type);
	}

	/** A generic type ({@code Map<String, Long>}) as the client's mapper sees it. */
	JavaType type(Type type) {
		return this.mapper.constructType(type);
	}

	/**
	 * A decoder of records to a type. Records are bound straight from the token stream, without a tree in between,
	 * unless records are strict: checking that a record holds every property the type expects needs its names, so strict
	 * records are read as trees and mapped from them.
	 * @param type the type
	 * @param call the call, for messages
	 * @param <T> the type
	 * @return the decoder
	 */
	<T> RecordDecoder<T> decoder(JavaType type, CallDescriptor call) {
		if (this.strict) {
			return (node, batch, index) -> map(node, type, call, "record " + index + " of " + batch);
		}
		// One record is read from the middle of a body: what follows it is the rest of the envelope, not an error.
		ObjectReader binder = this.lenientReader.forType(type).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
		RecordPlan plan = this.plans
			.computeIfAbsent(type,
					(key) -> Optional.ofNullable(RecordPlan.of(key, this.mapper._deserializationContext(),
							binder.getConfig(), this.mapper.tokenStreamFactory())))
			.orElse(null);
		return RecordDecoder.binding(binder, plan,
				(node, batch, index) -> map(node, type, call, "record " + index + " of " + batch),
				(ex, record) -> mappingFailure(ex, type, call, record));
	}

	/**
	 * Whether a binding failure was the body's fault (cut short, not JSON), for the body to be read again, rather than
	 * the record's: a number out of its field's range ({@code InputCoercionException}, a parser exception although the
	 * JSON is whole) and a creator that refused the values ({@code ValueInstantiationException}, even when what it threw
	 * was an {@code IOException}) are the record's, and reading the body again would only fail the same way.
	 */
	static boolean isReadFailure(JacksonException ex) {
		Throwable cause = ex;
		while (cause != null) {
			if (cause instanceof InputCoercionException || cause instanceof ValueInstantiationException) {
				return false;
			}
			if (cause instanceof StreamReadException || cause instanceof JacksonIOException
					|| cause instanceof IOException) {
				return true;
			}
			Throwable next = cause.getCause();
			cause = (next != cause) ? next : null;
		}
		return false;
	}

	private void checkComplete(JsonNode node, JavaType type, CallDescriptor call, String record) {
		List<String> missing = this.expectedProperties.computeIfAbsent(type, this::expectedProperties)
			.stream()
			.filter((name) -> !node.has(name))
			.toList();
		if (!missing.isEmpty()) {
			throw new ServiceTitanMappingException("Could not map " + record + " from " + call.folder() + "/"
					+ call.endpoint() + " (" + call.operation() + ") to " + typeName(type) + ": strict records expect "
					+ quoted(missing) + ", which the record does not have" + suggestions(missing, node.propertyNames()));
		}
	}

	private List<String> expectedProperties(JavaType type) {
		// The deserializer Jackson itself would use knows the names after @JsonProperty and any naming strategy.
		DeserializationContext context = this.mapper._deserializationContext();
		Collection<Object> names = context.findRootValueDeserializer(type).getKnownPropertyNames();
		return (names != null) ? names.stream().map(String::valueOf).toList() : List.of();
	}

	/** Names the record's properties that look like the missing ones ({@code number}: {@code jobNumber}). */
	private static String suggestions(List<String> missing, Collection<String> present) {
		List<String> similar = new ArrayList<>();
		for (String name : missing) {
			String wanted = name.toLowerCase(Locale.ROOT);
			present.stream()
				.filter((candidate) -> candidate.toLowerCase(Locale.ROOT).contains(wanted)
						|| wanted.contains(candidate.toLowerCase(Locale.ROOT)) && candidate.length() > 2)
				.forEach(similar::add);
		}
		return similar.isEmpty() ? "" : " (it has " + quoted(similar) + ")";
	}

	private static String quoted(List<String> names) {
		return names.stream().map((name) -> "'" + name + "'").collect(Collectors.joining(", "));
	}

	/** The class name for a plain type, as messages have always said; the full signature for a generic one. */
	private static String typeName(JavaType type) {
		return type.hasGenericTypes() ? type.toCanonical() : type.getRawClass().getName();
	}

	static String fieldPath(JacksonException ex) {
		if (ex.getPath().isEmpty() && ex.processor() instanceof JsonParser parser && parser.currentName() != null) {
			// Not wrapped by databind (a number out of range): the parser still stands at the field.
			return "'" + parser.currentName() + "'";
		}
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.isEmpty() ? "?" : "'" + path + "'";
	}

	private static ServiceTitanMappingException mappingFailure(JacksonException ex, JavaType type, CallDescriptor call,
			String record) {
		String field = fieldPath(ex);
		return new ServiceTitanMappingException("Could not map " + record + " from " + call.folder() + "/"
				+ call.endpoint() + " (" + call.operation() + ") to " + typeName(type) + " at field " + field + ": "
				+ ex.getOriginalMessage(), ex);
	}

}
