package io.github.servicetitan4j;

import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import io.github.servicetitan4j.ServiceTitanClientListener.CallDescriptor;
import org.jspecify.annotations.Nullable;

/**
 * Walks the records of a multi-batch read (pages of {@code getAll}, batches of an export) lazily: the first batch is
 * fetched when the first record is asked for, the next when the consumer has taken every record of the current one.
 * The operation's observation starts with the first fetch and stops when the walk is exhausted, fails or is closed.
 * A failure of any kind ends the walk: the records before it have been delivered, none after it will be.
 *
 * @param <T> the record type
 */
abstract class RecordWalk<T> implements Iterator<T>, AutoCloseable {

	private final OperationObserver observer;

	private final CallDescriptor call;

	private final ServiceTitanClientListener listener;

	private volatile OperationObserver.@Nullable Operation operation;

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
		try {
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
		catch (RuntimeException ex) {
			// A batch that cannot be read on, a mapping failure, a checkpoint that cannot be saved: the walk is over.
			finish(ex);
			throw ex;
		}
	}

	@Override
	public final T next() {
		if (!hasNext()) {
			throw new NoSuchElementException();
		}
		try {
			T record = this.current.next();
			this.delivered++;
			return record;
		}
		catch (RuntimeException ex) {
			finish(ex);
			throw ex;
		}
	}

	/**
	 * Runs work within the walk's operation (on any thread), so that its requests are observed as part of it.
	 * @param work the work
	 * @param <R> its result
	 * @return its result
	 */
	protected final <R> R inScope(Supplier<R> work) {
		OperationObserver.Operation running = this.operation;
		return (running != null) ? running.inScope(work) : work.get();
	}

	private @Nullable Iterator<T> fetch() {
		OperationObserver.Operation running = this.operation;
		if (running == null) {
			running = this.observer.start(this.call, null);
			this.operation = running;
		}
		reportDelivered();
		try {
			return running.inScope(this::fetchNextBatch);
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
		try {
			releaseResources();
		}
		finally {
			OperationObserver.Operation running = this.operation;
			if (running != null) {
				if (error != null) {
					running.error(error);
				}
				running.stop();
			}
		}
	}

	/** Releases whatever the walk holds open (a response being read, pages fetched ahead). */
	protected void releaseResources() {
	}

	@Override
	public final void close() {
		finish(null);
	}

	/**
	 * Runs work within an operation's observation scope.
	 */
	interface Scope {

		<R> R run(Supplier<R> work);

	}

	/** This walk as a sequential stream that closes the walk when closed. */
	final Stream<T> stream() {
		Spliterator<T> spliterator = Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL);
		return StreamSupport.stream(spliterator, false).onClose(this::close);
	}

}
