package io.github.servicetitan4j;

import java.util.Iterator;
import java.util.NoSuchElementException;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The records of one batch in the caller's type, optionally without the repeats of the run (which are recognised by
 * their {@code id} and {@code modifiedOn}, so records are then read as trees before they are decoded).
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
		if (this.repeats == null) {
			return this.batch.hasNext();
		}
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
		if (this.repeats == null) {
			// Nothing to look at before decoding: the batch hands the record over in the caller's type, bound from the
			// tokens when the decoder can.
			return this.batch.next(this.decoder, this.label, this.index++);
		}
		JsonNode record = this.pending;
		this.pending = null;
		return this.decoder.decode(record, this.label, this.pendingIndex);
	}

}
