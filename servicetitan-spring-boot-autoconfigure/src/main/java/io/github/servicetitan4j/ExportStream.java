package io.github.servicetitan4j;

import java.util.Iterator;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * An export feed read lazily, batch by batch, from a starting token to the feed's current end. Read it once, through
 * {@link #stream()} or {@link #iterator()}, and close it (try-with-resources) to release an open response early.
 * <p>
 * {@link #continueFrom()} is the checkpoint: the token after the last batch whose records have all been handed to the
 * consumer (a record counts as handled once the consumer asks for the next one or the feed ends). Storing it and
 * resuming from it later repeats at most the batch that was in progress, never skips one. When the stream was opened
 * with a checkpoint store ({@link ExportOptions#checkpointed}), each new checkpoint is saved there at that moment.
 * <p>
 * Records are parsed one at a time from the response, so memory does not grow with the feed or the batch size. A batch
 * whose body breaks part-way is asked for again with the same token and the records already delivered are skipped.
 *
 * @param <T> the record type
 */
public final class ExportStream<T> implements Iterable<T>, AutoCloseable {

	private final ExportWalk<T> walk;

	ExportStream(ExportWalk<T> walk) {
		this.walk = walk;
	}

	/**
	 * The feed's records as a sequential stream. Closing the stream closes this export stream.
	 * @return the records, in feed order
	 */
	public Stream<T> stream() {
		return this.walk.stream();
	}

	@Override
	public Iterator<T> iterator() {
		return this.walk;
	}

	/**
	 * The token that is safe to store: resuming from it repeats no more than the batch in progress. Before any batch is
	 * complete it is the starting token (null when the feed was read from its beginning).
	 * @return the checkpoint token
	 */
	public @Nullable String continueFrom() {
		return this.walk.safeContinueFrom();
	}

	/**
	 * Whether the feed said it had more records after the last batch read through; true before any batch is complete,
	 * false once the stream has reached the feed's current end.
	 * @return whether more records are waiting
	 */
	public boolean hasMore() {
		return this.walk.hasMore();
	}

	@Override
	public void close() {
		this.walk.close();
	}

}
