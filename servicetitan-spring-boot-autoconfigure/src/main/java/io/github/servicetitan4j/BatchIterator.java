package io.github.servicetitan4j;

import java.util.Iterator;
import java.util.NoSuchElementException;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The records of one batch in the caller's type, optionally without the repeats of the run.
 *
 * @param <T> the caller's type
 */
final class BatchIterator<T> implements Iterator<T> {

	private final RecordBatch batch;

	private final RecordDecoder<T> decoder;

	private final String label;

	private final @Nullable RepeatFilter repeats;

	private int index;

	private @Nullable JsonNode pending;

	private int pendingIndex;

	BatchIterator(RecordBatch batch, RecordDecoder<T> decoder, String label, @Nullable RepeatFilter repeats) {
		this.batch = batch;
		this.decoder = decoder;
		this.label = label;
		this.repeats = repeats;
	}

	@Override
	public boolean hasNext() {
		while (this.pending == null) {
			if (!this.batch.hasNext()) {
				return false;
			}
			JsonNode record = this.batch.next();
			int position = this.index++;
			if (this.repeats == null || this.repeats.firstTime(record)) {
				this.pending = record;
				this.pendingIndex = position;
			}
		}
		return true;
	}

	@Override
	public T next() {
		if (!hasNext()) {
			throw new NoSuchElementException();
		}
		JsonNode record = this.pending;
		this.pending = null;
		return this.decoder.decode(record, this.label, this.pendingIndex);
	}

}
