package io.github.servicetitan4j;

import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.jspecify.annotations.Nullable;

/**
 * Walks the records of a multi-batch read (pages of {@code getAll}, batches of an export) lazily: the first batch is
 * fetched when the first record is asked for, the next when the consumer has taken every record of the current one.
 * The operation's observation starts with the first fetch and stops when the walk is exhausted, fails or is closed.
 *
 * @param <T> the record type
 */
abstract class RecordWalk<T> implements Iterator<T>, AutoCloseable {

	private final OperationObserver observer;

	private final CallDescriptor call;

	private final ServiceTitanClientListener listener;

	private OperationObserver.@Nullable Operation operation;

	private Iterator<T> current = Collections.emptyIterator();

	private boolean batchPending;

	private boolean finished;

	private long delivered;

	RecordWalk(OperationObserver observer, CallDescriptor call, ServiceTitanClientListener listener) {
		this.observer = observer;
		this.call = call;
		this.listener = listener;
	}

	/**
	 * Fetches the next batch.
	 * @return its records, or null when the walk is over
	 */
	protected abstract @Nullable Iterator<T> fetchNextBatch();

	/** Called once every record of the batch last fetched has been taken by the consumer. */
	protected void batchDelivered() {
	}

	@Override
	public final boolean hasNext() {
		while (!this.current.hasNext()) {
			if (this.batchPending) {
				this.batchPending = false;
				batchDelivered();
			}
			if (this.finished) {
				return false;
			}
			Iterator<T> next = fetch();
			if (next == null) {
				finish(null);
				return false;
			}
			this.current = next;
			this.batchPending = true;
		}
		return true;
	}

	@Override
	public final T next() {
		if (!hasNext()) {
			throw new NoSuchElementException();
		}
		this.delivered++;
		return this.current.next();
	}

	private @Nullable Iterator<T> fetch() {
		if (this.operation == null) {
			this.operation = this.observer.start(this.call, null);
		}
		reportDelivered();
		try {
			return this.operation.inScope(this::fetchNextBatch);
		}
		catch (RuntimeException ex) {
			finish(ex);
			throw ex;
		}
	}

	private void reportDelivered() {
		if (this.delivered > 0) {
			this.listener.onRecords(this.call, this.delivered);
			this.delivered = 0;
		}
	}

	private void finish(@Nullable Throwable error) {
		if (this.finished) {
			return;
		}
		this.finished = true;
		this.current = Collections.emptyIterator();
		reportDelivered();
		releaseResources();
		if (this.operation != null) {
			if (error != null) {
				this.operation.error(error);
			}
			this.operation.stop();
		}
	}

	/** Releases whatever the walk holds open (a response being read). */
	protected void releaseResources() {
	}

	@Override
	public final void close() {
		finish(null);
	}

	/** This walk as a sequential stream that closes the walk when closed. */
	final Stream<T> stream() {
		Spliterator<T> spliterator = Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL);
		return StreamSupport.stream(spliterator, false).onClose(this::close);
	}

}
