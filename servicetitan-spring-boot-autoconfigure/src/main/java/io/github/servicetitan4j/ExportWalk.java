package io.github.servicetitan4j;

import java.util.Iterator;
import java.util.Objects;
import java.util.function.Consumer;

import io.github.servicetitan4j.ServiceTitanClientListener.CallDescriptor;
import io.github.servicetitan4j.errors.ServiceTitanException;
import org.jspecify.annotations.Nullable;

/**
 * Follows an export feed's {@code continueFrom} tokens while {@code hasMore}, streaming each batch from its response,
 * and keeps the checkpoint: the token after the last batch the consumer has taken completely. When a checkpoint saver
 * is given, each new checkpoint is handed to it at that moment, and never earlier.
 *
 * @param <T> the record type
 */
final class ExportWalk<T> extends RecordWalk<T> {

	/**
	 * Opens one export batch from a token.
	 */
	@FunctionalInterface
	interface BatchSource {

		/**
		 * Sends the request of a batch and streams its records.
		 * @param from the token, or null for the feed's beginning
		 * @param scope runs requests repeated while reading within the walk's operation
		 * @return the batch's records
		 */
		RecordBatch open(@Nullable String from, Scope scope);

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

	private @Nullable RecordBatch batch;

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
	 */
	ExportWalk(OperationObserver observer, CallDescriptor call, ServiceTitanClientListener listener, @Nullable String from,
			BatchSource source, RecordDecoder<T> decoder, @Nullable RepeatFilter repeats,
			@Nullable Consumer<String> checkpoints) {
		super(observer, call, listener);
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
		RecordBatch next = this.source.open(this.nextFrom, this::inScope);
		this.batch = next;
		this.batches++;
		return new BatchIterator<>(next, this.decoder, "export batch " + this.batches, this.repeats);
	}

	@Override
	protected void batchDelivered() {
		RecordBatch done = this.batch;
		if (done == null) {
			return;
		}
		Envelope envelope = done.envelope();
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
