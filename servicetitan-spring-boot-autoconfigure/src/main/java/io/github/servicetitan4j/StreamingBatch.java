package io.github.servicetitan4j;

import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Predicate;

import io.github.servicetitan4j.ServiceTitanClientListener.CallDescriptor;
import io.github.servicetitan4j.errors.ServiceTitanException;
import io.github.servicetitan4j.internal.RetryPolicy.Attempts;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A batch read record by record from the open response of one request. When the body breaks part-way (cut short,
 * reset, garbled), the same request is sent again through the {@link RequestExecutor} (so rate limiting, the token and
 * the request's one attempt budget apply: every send of the batch, first read and re-reads alike, counts against
 * {@code max-attempts}) and the records already delivered are skipped: the consumer sees each record of the batch
 * exactly once. The last skipped record is checked against the last delivered one, so a batch that changed between the
 * two reads fails instead of silently losing or repeating records.
 */
final class StreamingBatch implements RecordBatch {

	private final RequestExecutor executor;

	private final ApiRequest request;

	private final RecordMapper records;

	private final RecordWalk.Scope scope;

	private final Attempts attempts;

	private EnvelopeReader reader;

	/** The bytes the reader parses when the batch was read whole ahead of the consumer; null once it streams. */
	private byte @Nullable [] held;

	private int delivered;

	/** Tells whether a record read again is the one delivered last; null before the first is delivered. */
	private @Nullable Predicate<JsonNode> lastDelivered;

	/**
	 * Sends the request and starts reading its response.
	 * @param executor sends the request (again)
	 * @param request the request of this batch
	 * @param records reads the body
	 * @param scope runs a repeated request within the walk's operation
	 */
	StreamingBatch(RequestExecutor executor, ApiRequest request, RecordMapper records, RecordWalk.Scope scope) {
		this.executor = executor;
		this.request = request;
		this.records = records;
		this.scope = scope;
		this.attempts = executor.attempts();
		this.reader = open(0, null);
	}

	/**
	 * Starts reading a response already read whole (a page fetched ahead): parsed from those bytes, and read again from
	 * the server like a streamed batch if they turn out not to parse.
	 * @param executor sends the request again
	 * @param request the request of this batch
	 * @param records reads the body
	 * @param scope runs a repeated request within the walk's operation
	 * @param attempts the attempts the body was read with, whose budget a re-read shares
	 * @param body the body read
	 */
	StreamingBatch(RequestExecutor executor, ApiRequest request, RecordMapper records, RecordWalk.Scope scope,
			Attempts attempts, byte[] body) {
		this.executor = executor;
		this.request = request;
		this.records = records;
		this.scope = scope;
		this.attempts = attempts;
		EnvelopeReader opened;
		try {
			opened = records.envelope(body, request.call());
			this.held = body;
		}
		catch (JacksonException ex) {
			this.executor.awaitRetryOfBrokenBody(this.request, ex, this.attempts);
			opened = this.scope.run(() -> open(0, null));
		}
		this.reader = opened;
	}

	@Override
	public boolean hasNext() {
		while (true) {
			try {
				return this.reader.hasNext();
			}
			catch (JacksonException ex) {
				readAgainAfter(ex);
			}
		}
	}

	@Override
	public JsonNode next() {
		while (true) {
			try {
				if (!this.reader.hasNext()) {
					throw new NoSuchElementException();
				}
				JsonNode record = this.reader.next();
				this.delivered++;
				this.lastDelivered = (found) -> sameRecord(found, record);
				return record;
			}
			catch (JacksonException ex) {
				readAgainAfter(ex);
			}
		}
	}

	@Override
	public <T> T next(RecordDecoder<T> decoder, String batch, int index) {
		if (!decoder.binds()) {
			return decoder.decode(next(), batch, index);
		}
		while (true) {
			try {
				if (!this.reader.hasNext()) {
					throw new NoSuchElementException();
				}
				T record = this.reader.next(decoder, batch, index);
				this.delivered++;
				if (this.held != null) {
					// Read from bytes still held: a re-read finds the last record delivered in them (readAgainAfter),
					// so binding pays nothing for the check.
					return record;
				}
				// No tree to keep: the record's id, noted while it was bound, identifies it; a record without one is
				// compared whole, as the value it was bound to.
				JsonNode id = this.reader.lastId();
				this.lastDelivered = (id != null) ? (found) -> id.equals(found.get("id"))
						: (found) -> sameValue(decoder.decode(found, batch, index), record);
				return record;
			}
			catch (JacksonException ex) {
				readAgainAfter(ex);
			}
		}
	}

	@Override
	public Envelope envelope() {
		return this.reader.envelope();
	}

	@Override
	public @Nullable Envelope head() {
		return this.reader.head();
	}

	@Override
	public void close() {
		this.reader.close();
	}

	private void readAgainAfter(JacksonException failure) {
		this.reader.close();
		byte[] bytes = this.held;
		if (bytes != null && this.delivered > 0) {
			// Records bound from bytes held are not watched: the last one delivered is read again from them, which
			// parsed up to it once already.
			try (EnvelopeReader again = this.records.envelope(bytes, this.request.call())) {
				JsonNode last = Objects.requireNonNull(again.skip(this.delivered), "the last record delivered");
				this.lastDelivered = (found) -> sameRecord(found, last);
			}
		}
		this.held = null;
		this.executor.awaitRetryOfBrokenBody(this.request, failure, this.attempts);
		int skip = this.delivered;
		Predicate<JsonNode> expectedLast = this.lastDelivered;
		this.reader = this.scope.run(() -> open(skip, expectedLast));
	}

	private EnvelopeReader open(int skip, @Nullable Predicate<JsonNode> expectedLast) {
		CallDescriptor call = this.request.call();
		return this.executor.open(this.request, (response) -> {
			EnvelopeReader opened = this.records.envelope(response.getBody(), response, call);
			try {
				JsonNode last = opened.skip(skip);
				if (expectedLast != null && last != null && !expectedLast.test(last)) {
					throw new ServiceTitanException(call.folder() + "/" + call.endpoint() + " (" + call.operation()
							+ ") answered with other records when its response was read again after being cut short "
							+ "(record " + (skip - 1) + " changed); stopping instead of losing or repeating records");
				}
				return opened;
			}
			catch (RuntimeException ex) {
				opened.close();
				throw ex;
			}
		}, this.attempts);
	}

	private static boolean sameRecord(JsonNode found, JsonNode expected) {
		JsonNode id = expected.get("id");
		return (id != null) ? Objects.equals(id, found.get("id")) : expected.equals(found);
	}

	/** Whether two bound records are the same: equal, or written as the same JSON (for types without equals). */
	private boolean sameValue(Object found, Object delivered) {
		if (Objects.equals(found, delivered)) {
			return true;
		}
		try {
			return this.records.tree(found).equals(this.records.tree(delivered));
		}
		catch (JacksonException ex) {
			return false;
		}
	}

}
