package io.github.servicetitan4j;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.github.servicetitan4j.ServiceTitanClientListener.CallDescriptor;
import io.github.servicetitan4j.errors.ServiceTitanException;
import io.github.servicetitan4j.errors.ServiceTitanException.ServiceTitanMappingException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.UnexpectedEndOfInputException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;

/**
 * Reads one ServiceTitan envelope ({@code {"page", "pageSize", "hasMore", "totalCount", "continueFrom", "data": [...]}})
 * from a parser over a response body, handing out the elements of {@code data} one at a time: only one record is ever
 * held in memory, whatever the size of the page. The other properties are picked up wherever they come, and are known
 * once {@code data} has been read through. The resource (the HTTP response) is closed as soon as the envelope ends, or by
 * {@link #close()}.
 * <p>
 * Read failures (a body cut short, bytes that are not JSON) surface as {@link JacksonException}s; a body that is JSON but
 * not an envelope is a {@link ServiceTitanMappingException}.
 * <p>
 * A body held in memory whose records are bound to a type with a {@link RecordPlan} is read from its first record on by
 * the plan, from the bytes ({@link JsonBytes}); a record the plan leaves to Jackson is bound by Jackson from the same
 * bytes, and anything else the plan does not read (properties after {@code data}, a broken array) makes the reader
 * go back to Jackson's parser, placed where the plan stood, so that what is read, and what fails, is what Jackson reads.
 */
final class EnvelopeReader implements AutoCloseable {

	private static final int MAX_NAMES_REPORTED = 10;

	private static final int MAX_TRAILING_BYTES = 8 * 1024;

	private JsonParser parser;

	private final ObjectReader elementReader;

	private final AutoCloseable resource;

	private final @Nullable InputStream body;

	private final CallDescriptor call;

	/** The body, when it is held in memory, and the mapper that parses it again: what records are bound from by plans. */
	private final byte @Nullable [] held;

	private final @Nullable RecordMapper mapper;

	/** Where a plan reads, once records are bound by one; null while Jackson's parser reads. */
	private @Nullable JsonBytes cursor;

	/** Whether plans stay off for this body (Jackson's parser took over again). */
	private boolean planless;

	private final List<String> names = new ArrayList<>();

	private @Nullable RecordIdParser idParser;

	private int page;

	private int pageSize;

	private boolean hasMore;

	private boolean sawHasMore;

	private @Nullable Long totalCount;

	private @Nullable String continueFrom;

	private boolean sawData;

	private boolean inData;

	private boolean elementReady;

	private int records;

	private @Nullable Envelope envelope;

	private boolean closed;

	private EnvelopeReader(JsonParser parser, ObjectReader elementReader, AutoCloseable resource,
			@Nullable InputStream body, CallDescriptor call, byte @Nullable [] held, @Nullable RecordMapper records) {
		this.parser = parser;
		this.elementReader = elementReader;
		this.resource = resource;
		this.body = body;
		this.call = call;
		this.held = held;
		this.mapper = records;
	}

	/**
	 * Starts reading an envelope: reads up to the first element of {@code data} (or to the end of the envelope).
	 * @param parser a parser over the body, not yet advanced
	 * @param elementReader reads one element as a {@link JsonNode}; must not fail on trailing tokens
	 * @param resource closed with the reader
	 * @param body the stream the parser reads, read to its end once the envelope is complete (so that the connection
	 * can be reused), or null
	 * @param call the call, for messages
	 * @return the reader; closes the parser and the resource itself if this fails
	 */
	static EnvelopeReader open(JsonParser parser, ObjectReader elementReader, AutoCloseable resource,
			@Nullable InputStream body, CallDescriptor call) {
		return open(new EnvelopeReader(parser, elementReader, resource, body, call, null, null));
	}

	/**
	 * Starts reading an envelope held in memory: reads up to the first element of {@code data} (or to the end of the
	 * envelope) with Jackson's parser; records bound to a type with a {@link RecordPlan} are then read by the plan.
	 * @param body the body
	 * @param records parses the body
	 * @param elementReader reads one element as a {@link JsonNode}; must not fail on trailing tokens
	 * @param call the call, for messages
	 * @return the reader
	 */
	static EnvelopeReader open(byte[] body, RecordMapper records, ObjectReader elementReader, CallDescriptor call) {
		return open(new EnvelopeReader(records.parser(body), elementReader, () -> {
		}, null, call, body, records));
	}

	private static EnvelopeReader open(EnvelopeReader reader) {
		try {
			JsonToken first = reader.parser.nextToken();
			if (first != JsonToken.START_OBJECT) {
				throw reader.notAnEnvelope(describe(first));
			}
			reader.readProperties();
			return reader;
		}
		catch (RuntimeException ex) {
			reader.close();
			throw ex;
		}
	}

	/**
	 * Whether another record follows; reads ahead to its first token (and, after the last one, to the end of the
	 * envelope).
	 * @return whether {@link #next()} has a record
	 */
	boolean hasNext() {
		if (this.elementReady) {
			return true;
		}
		if (!this.inData) {
			return false;
		}
		if (this.cursor != null) {
			return hasNextPlanned(this.cursor);
		}
		JsonToken token = this.parser.nextToken();
		if (token == JsonToken.END_ARRAY) {
			this.inData = false;
			readProperties();
			return false;
		}
		if (token == null) {
			throw new UnexpectedEndOfInputException(this.parser, null, "body ended inside the 'data' array");
		}
		this.elementReady = true;
		return true;
	}

	/** Reads the next record as a tree of its own: from the bytes when they are held and trees have a plan. */
	JsonNode next() {
		if (!hasNext()) {
			throw new java.util.NoSuchElementException();
		}
		TreePlan trees = (this.mapper != null) ? this.mapper.trees() : null;
		if (trees != null) {
			JsonBytes in = planned();
			if (in != null) {
				return nextTree(in, trees);
			}
		}
		backToJackson();
		JsonNode node = this.elementReader.readValue(this.parser);
		this.elementReady = false;
		this.records++;
		return node;
	}

	/**
	 * Reads the next record with a decoder: straight from the tokens when the decoder binds, else through a tree. A
	 * reader of a response stream notes the bound record's {@code id} on the way (see {@link #lastId()}), which a
	 * re-read of a stream cut short checks; a reader of bytes held in memory does not, as the record can be read again
	 * from those bytes if it is ever needed.
	 * @param decoder decodes the record
	 * @param batch which batch it is, for messages
	 * @param index the record's index in the batch, for messages
	 * @param <T> the decoded type
	 * @return the record
	 */
	<T> T next(RecordDecoder<T> decoder, String batch, int index) {
		if (!hasNext()) {
			throw new java.util.NoSuchElementException();
		}
		if (!decoder.binds()) {
			// Through a tree, as the decoder reads it by default: the tree is read as next() reads it.
			return decoder.decode(next(), batch, index);
		}
		RecordPlan plan = decoder.plan();
		if (plan != null) {
			JsonBytes in = planned();
			if (in != null) {
				return nextPlanned(in, plan, decoder, batch, index);
			}
		}
		backToJackson();
		T record;
		if (this.body == null) {
			record = decoder.read(this.parser, this.elementReader, batch, index);
		}
		else {
			RecordIdParser watching = this.idParser;
			if (watching == null) {
				watching = new RecordIdParser(this.parser);
				this.idParser = watching;
			}
			watching.startRecord();
			record = decoder.read(watching, this.elementReader, batch, index);
		}
		this.elementReady = false;
		this.records++;
		return record;
	}

	/**
	 * The {@code id} of the record last read by a binding decoder from a response stream.
	 * @return the id, or null if the record had none, was not bound, or was read from bytes held in memory
	 */
	@Nullable JsonNode lastId() {
		RecordIdParser watching = this.idParser;
		return (watching != null) ? watching.id() : null;
	}

	/**
	 * Skips records without building them (records already delivered from an earlier read of the same response).
	 * @param count how many
	 * @return the last record skipped, read as a tree so that the caller can check it is the one it delivered, or null
	 * when {@code count} is 0
	 * @throws ServiceTitanException if the envelope holds fewer records
	 */
	@Nullable JsonNode skip(int count) {
		JsonNode last = null;
		for (int i = 0; i < count; i++) {
			if (!hasNext()) {
				throw new ServiceTitanException(where() + " held " + this.records + " records when read again, but "
						+ count + " had already been delivered from it; the data changed between the two reads");
			}
			if (i == count - 1) {
				last = next();
			}
			else {
				skipOne();
			}
		}
		return last;
	}

	/**
	 * Skips every remaining record and reads the envelope to its end.
	 * @return what the envelope said
	 */
	Envelope drain() {
		while (hasNext()) {
			skipOne();
		}
		return envelope();
	}

	private void skipOne() {
		backToJackson();
		this.parser.skipChildren();
		this.elementReady = false;
		this.records++;
	}

	/**
	 * The cursor plans read with: from the first record read by a plan on, it reads the bytes from where Jackson's
	 * parser stood.
	 * @return the cursor, or null if the body is not held or Jackson's parser took over again
	 */
	private @Nullable JsonBytes planned() {
		if (this.cursor == null && this.held != null && this.mapper != null && !this.planless) {
			this.cursor = new JsonBytes(this.held, (int) this.parser.currentTokenLocation().getByteOffset(),
					this.mapper.limits());
		}
		return this.cursor;
	}

	/** Reads the next record as a tree with the plan, or, if the plan leaves it, with Jackson from the same bytes. */
	private JsonNode nextTree(JsonBytes in, TreePlan trees) {
		int start = in.pos;
		JsonNode node;
		try {
			node = trees.record(in, 2);
		}
		catch (JsonBytes.Bail bail) {
			in.pos = start;
			int c = in.peek();
			if (c != '{' && c != '[') {
				// A value a parser reads differently at the root (a number): Jackson reads it inside the array.
				backToJackson();
				return next();
			}
			try (JsonParser one = this.mapper.parser(this.held, start)) {
				one.nextToken();
				node = this.elementReader.readValue(one);
				in.pos = start + (int) one.currentLocation().getByteOffset();
			}
		}
		this.elementReady = false;
		this.records++;
		return node;
	}

	/** Reads the next record with a plan, or, if the plan leaves it, with Jackson from the same bytes. */
	@SuppressWarnings("unchecked")
	private <T> T nextPlanned(JsonBytes in, RecordPlan plan, RecordDecoder<T> decoder, String batch, int index) {
		int start = in.pos;
		T record;
		try {
			record = (T) plan.read(in, 2);
		}
		catch (JsonBytes.Bail bail) {
			in.pos = start;
			if (in.peek() != '{') {
				// Not a record (a null, a number): Jackson reads it inside the array, where it stands.
				backToJackson();
				return next(decoder, batch, index);
			}
			try (JsonParser one = this.mapper.parser(this.held, start)) {
				one.nextToken();
				record = decoder.read(one, this.elementReader, batch, index);
				in.pos = start + (int) one.currentLocation().getByteOffset();
			}
		}
		this.elementReady = false;
		this.records++;
		return record;
	}

	/** Whether another element follows the one a plan read; anything but a comma or the array's end is Jackson's. */
	private boolean hasNextPlanned(JsonBytes in) {
		int c = in.peekOrEnd();
		if (c == ',') {
			in.pos++;
			int next = in.peekOrEnd();
			if (next != -1 && next != ']') {
				this.elementReady = true;
				return true;
			}
		}
		else if (c == ']') {
			in.pos++;
			if (in.peekOrEnd() == '}') {
				this.inData = false;
				this.cursor = null;
				end();
				return false;
			}
		}
		// Not what a plan reads (properties after the array, a broken body): Jackson's parser reads on from here.
		backToJackson();
		return hasNext();
	}

	/**
	 * Hands reading back to Jackson's parser where a plan stood: a new parser over the body skips what the plan read
	 * (the envelope's head, then as many elements as were read), so that it goes on, or fails, as it would have
	 * if it had read them itself.
	 */
	private void backToJackson() {
		if (this.cursor == null) {
			return;
		}
		boolean ready = this.elementReady;
		int read = this.records;
		this.cursor = null;
		this.planless = true;
		JsonParser planned = this.parser;
		this.parser = this.mapper.parser(this.held);
		try {
			planned.close();
		}
		catch (RuntimeException ex) {
			// Only its buffers to let go of.
		}
		this.names.clear();
		this.parser.nextToken();
		readProperties();
		this.elementReady = false;
		for (int i = 0; i < read; i++) {
			this.parser.nextToken();
			this.parser.skipChildren();
		}
		if (ready) {
			hasNext();
		}
	}

	/**
	 * What the envelope has said so far: once it is complete, all of it; before, the properties that came ahead of
	 * {@code data} (ServiceTitan sends {@code hasMore}, {@code totalCount} and {@code continueFrom} first), which lets a
	 * walk ask for the next pages while this one is still being read. The record count is 0 until the envelope is
	 * complete.
	 * @return the envelope so far, or null when {@code hasMore} has not been read yet
	 */
	@Nullable Envelope head() {
		if (this.envelope != null) {
			return this.envelope;
		}
		if (!this.sawHasMore) {
			return null;
		}
		return new Envelope(this.page, Math.max(this.pageSize, 0), this.hasMore, this.totalCount, this.continueFrom, 0);
	}

	/**
	 * What the envelope said besides its records.
	 * @return the envelope's properties
	 * @throws IllegalStateException if {@code data} has not been read through
	 */
	Envelope envelope() {
		if (this.envelope == null) {
			throw new IllegalStateException("the envelope has not been read to its end");
		}
		return this.envelope;
	}

	/** Reads the envelope's properties up to the start of {@code data} or the end of the envelope. */
	private void readProperties() {
		while (true) {
			JsonToken token = this.parser.nextToken();
			if (token == JsonToken.END_OBJECT) {
				end();
				return;
			}
			if (token != JsonToken.PROPERTY_NAME) {
				throw new UnexpectedEndOfInputException(this.parser, token, "body ended inside the envelope");
			}
			String name = this.parser.currentName();
			if (this.names.size() < MAX_NAMES_REPORTED) {
				this.names.add(name);
			}
			JsonToken value = this.parser.nextToken();
			if (value == null) {
				throw new UnexpectedEndOfInputException(this.parser, null, "body ended inside the envelope");
			}
			if ("data".equals(name)) {
				if (value != JsonToken.START_ARRAY) {
					throw notAnEnvelope("an object whose 'data' is " + describe(value));
				}
				this.sawData = true;
				this.inData = true;
				return;
			}
			readProperty(name, value);
		}
	}

	private void readProperty(String name, JsonToken value) {
		switch (name) {
			case "page" -> this.page = value.isNumeric() ? this.parser.getIntValue() : 0;
			case "pageSize" -> this.pageSize = value.isNumeric() ? this.parser.getIntValue() : 0;
			case "hasMore" -> {
				this.hasMore = value == JsonToken.VALUE_TRUE;
				this.sawHasMore = true;
			}
			case "totalCount" -> this.totalCount = value.isNumeric() ? this.parser.getLongValue() : null;
			case "continueFrom" -> {
				String token = (value == JsonToken.VALUE_STRING) ? this.parser.getString() : null;
				this.continueFrom = (token != null && !token.isEmpty()) ? token : null;
			}
			default -> this.parser.skipChildren();
		}
	}

	private void end() {
		if (!this.sawData) {
			throw notAnEnvelope("an object with " + this.names);
		}
		this.envelope = new Envelope(this.page, (this.pageSize > 0) ? this.pageSize : 0, this.hasMore, this.totalCount,
				this.continueFrom, this.records);
		// The whole envelope is read: hand the connection back now rather than when the consumer closes the stream.
		drainBody();
		close();
	}

	/**
	 * Reads what follows the envelope (a line break, usually nothing): an HTTP client reuses a connection only when its
	 * response was read to the end, and closing it earlier would cost a new connection (and TLS handshake) per page.
	 */
	private void drainBody() {
		InputStream in = this.body;
		if (in == null) {
			return;
		}
		byte[] buffer = new byte[512];
		int left = MAX_TRAILING_BYTES;
		try {
			int read;
			while (left > 0 && (read = in.read(buffer, 0, Math.min(buffer.length, left))) != -1) {
				left -= read;
			}
		}
		catch (IOException ex) {
			// The envelope is complete; a connection that cannot be reused is not worth failing the batch for.
		}
	}

	private ServiceTitanMappingException notAnEnvelope(String got) {
		return new ServiceTitanMappingException(this.call.folder() + "/" + this.call.endpoint() + " ("
				+ this.call.operation() + ") answered without a 'data' array; got " + got, null);
	}

	private String where() {
		return this.call.folder() + "/" + this.call.endpoint() + " (" + this.call.operation() + ")";
	}

	private static String describe(@Nullable JsonToken token) {
		if (token == null) {
			return "an empty body";
		}
		return switch (token) {
			case START_ARRAY -> "a JSON array";
			case START_OBJECT -> "a JSON object";
			case VALUE_STRING -> "a JSON string";
			case VALUE_NULL -> "null";
			case VALUE_TRUE, VALUE_FALSE -> "a JSON boolean";
			default -> "a JSON " + token.name().toLowerCase(Locale.ROOT);
		};
	}

	@Override
	public void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		try {
			this.parser.close();
		}
		catch (RuntimeException ex) {
			// Closing after a failure: the failure already tells what went wrong.
		}
		finally {
			try {
				this.resource.close();
			}
			catch (Exception ex) {
				// Same: nothing useful to add to the caller's outcome.
			}
		}
	}

}
