package io.github.servicetitan4j;

import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

import io.github.servicetitan4j.ServiceTitanClientListener.CallDescriptor;
import io.github.servicetitan4j.errors.ServiceTitanException;
import io.github.servicetitan4j.errors.ServiceTitanException.ResponseTooLargeException;
import org.jspecify.annotations.Nullable;

/**
 * Follows an export feed's {@code continueFrom} tokens while {@code hasMore}, streaming each batch from its response,
 * and keeps the checkpoint: the token after the last batch the consumer has taken completely. When a checkpoint saver
 * is given, each new checkpoint is handed to it at that moment, and never earlier.
 * <p>
 * With a paging pool, a batch that tells {@code hasMore} and its {@code continueFrom} ahead of its records (as
 * ServiceTitan sends them) has the next batch read whole into memory on a paging thread once the consumer has taken
 * 100 of its records (a tenth of the previous batch when that held under 1,000), so that it arrives while this one
 * is parsed: at most one batch is held ahead, as bytes. It is used only if the batch's final token is the one it was
 * read from, and dropped when the walk ends or is closed first. A batch too large to hold ({@code max-response-size})
 * is streamed instead, as without the pool. Checkpoints are unchanged: a token is saved only once its batch has been
 * taken completely.
 *
 * @param <T> the record type
 */
final class ExportWalk<T> extends RecordWalk<T> {

	/**
	 * Reads export batches by token.
	 */
	interface BatchSource {

		/**
		 * Sends the request of a batch and streams its records.
		 * @param from the token, or null for the feed's beginning
		 * @param scope runs requests repeated while reading within the walk's operation
		 * @return the batch's records
		 */
		RecordBatch open(@Nullable String from, Scope scope);

		/**
		 * Reads a whole batch into memory; called from a paging thread.
		 * @param from the token
		 * @return the batch, whose records are parsed when the consumer comes to them
		 */
		PageWalk.ReadPage read(String from);

	}

	private final BatchSource source;

	private final RecordDecoder<T> decoder;

	private final @Nullable RepeatFilter repeats;

	private final @Nullable Consumer<String> checkpoints;

	private final String feed;

	private @Nullable String nextFrom;

	private @Nullable String saved;

	private volatile @Nullable String safeToken;

	private volatile boolean more = true;

	private int batches;

	/** Records the last batch taken completely held; 0 before the first. */
	private int lastBatchSize;

	private @Nullable RecordBatch batch;

	private final @Nullable ExecutorService pool;

	/** The next batch, read whole on a paging thread while the consumer reads the current one. */
	private @Nullable Future<PageWalk.ReadPage> ahead;

	private @Nullable String aheadFrom;

	/**
	 * Creates a walk.
	 * @param observer observes the walk
	 * @param call the call
	 * @param listener hears the records delivered
	 * @param from the token to start from, or null for the feed's beginning
	 * @param source opens batches
	 * @param decoder turns records into the caller's type
	 * @param repeats drops repeats within the run, or null to deliver every record sent
	 * @param checkpoints receives each new safe token, or null
	 * @param pool reads the next batch while the current one is consumed, or null to read batch by batch
	 */
	ExportWalk(OperationObserver observer, CallDescriptor call, ServiceTitanClientListener listener, @Nullable String from,
			BatchSource source, RecordDecoder<T> decoder, @Nullable RepeatFilter repeats,
			@Nullable Consumer<String> checkpoints, @Nullable ExecutorService pool) {
		super(observer, call, listener);
		this.pool = pool;
		this.source = source;
		this.decoder = decoder;
		this.repeats = repeats;
		this.checkpoints = checkpoints;
		this.feed = call.folder() + "/" + call.endpoint();
		this.nextFrom = (from != null && !from.isEmpty()) ? from : null;
		this.safeToken = this.nextFrom;
		this.saved = this.nextFrom;
	}

	@Override
	protected @Nullable Iterator<T> fetchNextBatch() {
		if (!this.more) {
			return null;
		}
		RecordBatch next = takeAhead();
		if (next == null) {
			next = this.source.open(this.nextFrom, this::inScope);
		}
		this.batch = next;
		this.batches++;
		Iterator<T> records = new BatchIterator<>(next, this.decoder, "export batch " + this.batches, this.repeats);
		Envelope head = (this.pool != null) ? next.head() : null;
		String token = (head != null && head.hasMore()) ? head.continueFrom() : null;
		if (token != null && !token.equals(this.nextFrom)) {
			// The token came ahead of the records (as ServiceTitan sends it): the next batch is read while this one is,
			// once the consumer is walking.
			return startingAfter(records, takenBeforeAhead(this.lastBatchSize), () -> readAhead(token));
		}
		return records;
	}

	private void readAhead(String from) {
		ExecutorService executor = this.pool;
		if (executor == null || this.ahead != null) {
			return;
		}
		try {
			this.ahead = executor.submit(() -> inScope(() -> this.source.read(from)));
			this.aheadFrom = from;
		}
		catch (RejectedExecutionException ex) {
			throw closed(ex);
		}
	}

	/** The batch read ahead, if it is the one the feed goes on with; one read ahead for another token is dropped. */
	private @Nullable RecordBatch takeAhead() {
		Future<PageWalk.ReadPage> next = this.ahead;
		if (next == null) {
			return null;
		}
		boolean wanted = Objects.equals(this.aheadFrom, this.nextFrom);
		this.ahead = null;
		this.aheadFrom = null;
		if (!wanted) {
			next.cancel(true);
			return null;
		}
		PageWalk.ReadPage read;
		try {
			read = await(next, "export batch " + (this.batches + 1) + " of " + this.feed, this::closed);
		}
		catch (ResponseTooLargeException ex) {
			// Held whole, the batch is bounded by max-response-size; streamed, as without reading ahead, it is not.
			return null;
		}
		return read.batch(this::inScope);
	}

	private ServiceTitanException closed(Exception cause) {
		return new ServiceTitanException("Export feed " + this.feed + " stopped after batch " + this.batches
				+ ": the ServiceTitanClient was closed", cause);
	}

	@Override
	protected void batchDelivered() {
		RecordBatch done = this.batch;
		if (done == null) {
			return;
		}
		Envelope envelope = done.envelope();
		this.lastBatchSize = envelope.records();
		String token = envelope.continueFrom();
		if (envelope.hasMore() && (token == null || Objects.equals(token, this.nextFrom))) {
			throw new ServiceTitanException("Export feed " + this.feed + " says it has more records but its continueFrom "
					+ "token did not advance (still " + this.nextFrom
					+ "); stopping instead of reading the same batch forever");
		}
		this.more = envelope.hasMore();
		if (token != null) {
			this.nextFrom = token;
		}
		this.safeToken = this.nextFrom;
		Consumer<String> saver = this.checkpoints;
		String safe = this.nextFrom;
		if (saver != null && safe != null && !safe.equals(this.saved)) {
			saver.accept(safe);
			this.saved = safe;
		}
	}

	@Override
	protected void releaseResources() {
		Future<PageWalk.ReadPage> pending = this.ahead;
		if (pending != null) {
			pending.cancel(true);
			this.ahead = null;
		}
		RecordBatch open = this.batch;
		if (open != null) {
			open.close();
		}
	}

	@Nullable String safeContinueFrom() {
		return this.safeToken;
	}

	boolean hasMore() {
		return this.more;
	}

}
