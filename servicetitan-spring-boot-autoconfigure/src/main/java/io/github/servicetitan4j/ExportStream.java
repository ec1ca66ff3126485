package io.github.servicetitan4j;

import java.util.Collections;
import java.util.Iterator;
import java.util.stream.Stream;

import io.github.servicetitan4j.export.ExportLeases;
import org.jspecify.annotations.Nullable;

/**
 * An export feed read lazily, batch by batch, from a starting token to the feed's current end. Read it once, through
 * {@link #stream()} or {@link #iterator()}, and close it (try-with-resources) to release an open response early.
 * <p>
 * {@link #continueFrom()} is the checkpoint: the token after the last batch whose records have all been handed to the
 * consumer (a record counts as handled once the consumer asks for the next one or the feed ends). Storing it and
 * resuming from it later repeats at most the batch that was in progress, never skips one. When the stream was opened
 * with a checkpoint store ({@link ExportOptions#checkpointed}), each new checkpoint is saved there at that moment. When
 * that store has leases, the stream holds the feed's lease until it is closed (close it on the thread that opened it),
 * or is {@link #skipped()} when another instance holds it.
 * <p>
 * Records are parsed one at a time from the response, so memory does not grow with the feed or the batch size. A batch
 * whose body breaks part-way is asked for again with the same token and the records already delivered are skipped.
 * <p>
 * This stream and {@link ExportOptions} live in {@code io.github.servicetitan4j}, beside {@link Endpoint}; the
 * checkpoint store, {@link io.github.servicetitan4j.export.ExportCheckpointStore}, in {@code io.github.servicetitan4j.export}.
 *
 * @param <T> the record type
 */
public final class ExportStream<T> implements Iterable<T>, AutoCloseable {

	private final @Nullable ExportWalk<T> walk;

	private final ExportLeases.@Nullable Lease lease;

	private final @Nullable String skippedFrom;

	ExportStream(ExportWalk<T> walk) {
		this(walk, null, null);
	}

	private ExportStream(@Nullable ExportWalk<T> walk, ExportLeases.@Nullable Lease lease,
			@Nullable String skippedFrom) {
		this.walk = walk;
		this.lease = lease;
		this.skippedFrom = skippedFrom;
	}

	/** A stream that holds the lease of its feed until it is closed. */
	static <T> ExportStream<T> leased(ExportWalk<T> walk, ExportLeases.Lease lease) {
		return new ExportStream<>(walk, lease, null);
	}

	/** A stream of a feed that another instance is draining: no record, and the checkpoint it started from. */
	static <T> ExportStream<T> skipped(@Nullable String from) {
		return new ExportStream<>(null, null, from);
	}

	/**
	 * Whether the feed was not read because another instance holds its lease (see {@code ExportLeases}).
	 * @return true when skipped
	 */
	public boolean skipped() {
		return this.walk == null;
	}

	/**
	 * The feed's records as a sequential stream. Closing the stream closes this export stream.
	 * @return the records, in feed order
	 */
	public Stream<T> stream() {
		ExportWalk<T> walk = this.walk;
		return (walk != null) ? walk.stream().onClose(this::releaseLease) : Stream.empty();
	}

	@Override
	public Iterator<T> iterator() {
		ExportWalk<T> walk = this.walk;
		return (walk != null) ? walk : Collections.emptyIterator();
	}

	/**
	 * The token that is safe to store: resuming from it repeats no more than the batch in progress. Before any batch is
	 * complete it is the starting token (null when the feed was read from its beginning).
	 * @return the checkpoint token
	 */
	public @Nullable String continueFrom() {
		ExportWalk<T> walk = this.walk;
		return (walk != null) ? walk.safeContinueFrom() : this.skippedFrom;
	}

	/**
	 * Whether the feed said it had more records after the last batch read through; true before any batch is complete,
	 * false once the stream has reached the feed's current end.
	 * @return whether more records are waiting
	 */
	public boolean hasMore() {
		ExportWalk<T> walk = this.walk;
		return walk == null || walk.hasMore();
	}

	@Override
	public void close() {
		ExportWalk<T> walk = this.walk;
		try {
			if (walk != null) {
				walk.close();
			}
		}
		finally {
			releaseLease();
		}
	}

	private void releaseLease() {
		ExportLeases.Lease held = this.lease;
		if (held != null) {
			held.close();
		}
	}

}
