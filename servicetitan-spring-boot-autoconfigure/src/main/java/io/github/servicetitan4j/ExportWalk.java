package io.github.servicetitan4j;

import java.util.Iterator;
import java.util.Objects;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Follows an export feed's {@code continueFrom} tokens while {@code hasMore}, and keeps the checkpoint: the token
 * after the last batch the consumer has taken completely.
 *
 * @param <T> the record type
 */
final class ExportWalk<T> extends RecordWalk<T> {

	/**
	 * Fetches one export batch from a token.
	 */
	@FunctionalInterface
	interface BatchFetcher {

		ExportPage<JsonNode> fetch(@Nullable String from);

	}

	private final BatchFetcher fetcher;

	private final Function<ExportPage<JsonNode>, Iterator<T>> records;

	private final String feed;

	private @Nullable String nextFrom;

	private @Nullable String fetchedToken;

	private volatile @Nullable String safeToken;

	private volatile boolean more = true;

	private boolean started;

	ExportWalk(OperationObserver observer, CallDescriptor call, ServiceTitanClientListener listener, @Nullable String from,
			BatchFetcher fetcher, Function<ExportPage<JsonNode>, Iterator<T>> records) {
		super(observer, call, listener);
		this.fetcher = fetcher;
		this.records = records;
		this.feed = call.folder() + "/" + call.endpoint();
		this.nextFrom = (from != null && !from.isEmpty()) ? from : null;
		this.safeToken = this.nextFrom;
	}

	@Override
	protected @Nullable Iterator<T> fetchNextBatch() {
		if (!this.more) {
			return null;
		}
		ExportPage<JsonNode> batch = this.fetcher.fetch(this.nextFrom);
		if (batch.hasMore() && (batch.continueFrom() == null
				|| (this.started && Objects.equals(batch.continueFrom(), this.nextFrom)))) {
			throw new ServiceTitanException("Export feed " + this.feed + " says it has more records but its continueFrom token "
					+ "did not advance (still " + this.nextFrom + "); stopping instead of reading the same batch forever");
		}
		this.started = true;
		this.more = batch.hasMore();
		this.fetchedToken = (batch.continueFrom() != null) ? batch.continueFrom() : this.nextFrom;
		this.nextFrom = this.fetchedToken;
		return this.records.apply(batch);
	}

	@Override
	protected void batchDelivered() {
		this.safeToken = this.fetchedToken;
	}

	@Nullable String safeContinueFrom() {
		return this.safeToken;
	}

	boolean hasMore() {
		return this.more;
	}

}
