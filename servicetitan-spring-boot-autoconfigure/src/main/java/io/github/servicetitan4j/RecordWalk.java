package io.github.servicetitan4j;

import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import io.github.servicetitan4j.ServiceTitanClientListener.CallDescriptor;
import io.github.servicetitan4j.errors.ServiceTitanException;
import io.github.servicetitan4j.errors.ServiceTitanException.ServiceTitanInterruptedException;
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

	/**
	 * Records of a batch the consumer takes before what follows it is asked for, when the batch tells the page count
	 * or the next token ahead of its records (fewer for small batches: a tenth): a consumer that stops after a few
	 * records ({@code findFirst}, {@code limit}) sends nothing ahead.
	 */
	static final int AHEAD_AFTER = 100;

	/**
	 * How many records of a batch the consumer takes before what follows it is asked for.
	 * @param batchSize the records a batch holds, as far as the walk knows; 0 when it does not
	 * @return {@value #AHEAD_AFTER}, or a tenth of a smaller batch (at least one record)
	 */
	static int takenBeforeAhead(int batchSize) {
		return (batchSize > 0) ? Math.max(1, Math.min(AHEAD_AFTER, batchSize / 10)) : AHEAD_AFTER;
	}

	/**
	 * The records of a batch that run an action once the consumer has taken a number of them: a walk asks for what comes
	 * next while this batch is still being read, once the consumer is clearly walking rather than peeking
	 * ({@code findFirst}, {@code limit}).
	 * @param records the batch's records
	 * @param after how many records the consumer takes first
	 * @param action runs on the consumer's thread, at most once
	 * @param <T> the record type
	 * @return the records
	 */
	static <T> Iterator<T> startingAfter(Iterator<T> records, int after, Runnable action) {
		return new Iterator<>() {

			private int left = after;

			@Override
			public boolean hasNext() {
				return records.hasNext();
			}

			@Override
			public T next() {
				T record = records.next();
				if (this.left > 0 && --this.left == 0) {
					action.run();
				}
				return record;
			}

		};
	}

	/**
	 * Waits for work done ahead of the consumer on a paging thread, with the failures a walk can surface.
	 * @param work the work
	 * @param what what is waited for ({@code page 3 of jpm/jobs}), for messages
	 * @param closed the failure when the client's {@code close()} cancelled it
	 * @param <R> its result
	 * @return its result
	 */
	static <R> R await(Future<R> work, String what, Function<Exception, ServiceTitanException> closed) {
		try {
			return work.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ServiceTitanInterruptedException("waiting for " + what, ex);
		}
		catch (CancellationException ex) {
			// Only the client's close() cancels work still wanted.
			throw closed.apply(ex);
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (cause instanceof Error error) {
				throw error;
			}
			throw new ServiceTitanException(what + " failed", cause);
		}
	}

	/** This walk as a sequential stream that closes the walk when closed. */
	final Stream<T> stream() {
		Spliterator<T> spliterator = Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL);
		return StreamSupport.stream(spliterator, false).onClose(this::close);
	}

}
