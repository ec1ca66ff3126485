package io.github.servicetitan4j;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;

import io.github.servicetitan4j.ServiceTitanClientListener.CallDescriptor;
import io.github.servicetitan4j.errors.ServiceTitanException;
import org.jspecify.annotations.Nullable;

/**
 * Walks {@code page=n, n+1, ...} while {@code hasMore}. A server that keeps saying {@code hasMore} with empty pages
 * ends the walk with an error instead of a loop.
 * <p>
 * Sequentially, each page is streamed from its response as the consumer advances. With a look-ahead of more than one
 * page (the default) and a first page that tells the total count (the walk asks for it on its first page unless the
 * query says), the first page is still streamed, and the next pages up to the last one the count implies are fetched
 * concurrently on the client's paging pool, each read whole into memory as bytes (at most {@code lookAhead} pages
 * held), and handed out strictly in page order, parsed once, as the consumer reads them. The look-ahead starts as soon
 * as the consumer has taken {@value RecordWalk#AHEAD_AFTER} records of the first page (a tenth of a page under 1,000
 * records) when the count came ahead of the records (as ServiceTitan sends it), so that the next pages arrive while
 * the first is read; otherwise once the first page has been consumed. No request goes past the last page the count
 * implies, so a walk read to its end costs no extra requests. A page that says {@code hasMore=false} ends the walk;
 * if the last expected page still says {@code hasMore}, or the server tells no count, the walk goes on sequentially.
 *
 * @param <T> the record type
 */
final class PageWalk<T> extends RecordWalk<T> {

	/** Empty pages in a row, each claiming more, after which the walk gives up. */
	static final int MAX_EMPTY_PAGES = 3;

	/**
	 * Reads pages by number.
	 */
	interface PageSource {

		/**
		 * Sends the request of a page and streams its records.
		 * @param page the page number
		 * @param scope runs requests repeated while reading within the walk's operation
		 * @return the page's records
		 */
		RecordBatch open(int page, Scope scope);

		/**
		 * Reads a whole page into memory; called from paging threads too.
		 * @param page the page number
		 * @return the page, whose records are parsed when the consumer comes to them
		 */
		ReadPage read(int page);

	}

	/**
	 * A page read into memory ahead of the consumer.
	 */
	@FunctionalInterface
	interface ReadPage {

		/**
		 * The page's records, parsed as the consumer advances.
		 * @param scope runs requests repeated while reading (a page that cannot be parsed is read again) within the
		 * walk's operation
		 * @return the records
		 */
		RecordBatch batch(Scope scope);

	}

	private final PageSource source;

	private final RecordDecoder<T> decoder;

	private final String resource;

	private final int lookAhead;

	private final @Nullable ExecutorService pool;

	private int nextPage;

	private boolean more = true;

	private int emptyInARow;

	private boolean lookAheadStarted;

	private @Nullable RecordBatch batch;

	private final Deque<Future<ReadPage>> ahead = new ArrayDeque<>();

	private int nextToFetchAhead;

	private int lastPageAhead;

	/**
	 * Creates a walk.
	 * @param observer observes the walk
	 * @param call the call
	 * @param listener hears the records delivered
	 * @param firstPage the page to start at
	 * @param source reads pages
	 * @param decoder turns records into the caller's type
	 * @param lookAhead pages fetched concurrently ahead of the consumer; 1 walks sequentially
	 * @param pool runs the look-ahead fetches; null when {@code lookAhead} is 1
	 */
	PageWalk(OperationObserver observer, CallDescriptor call, ServiceTitanClientListener listener, int firstPage,
			PageSource source, RecordDecoder<T> decoder, int lookAhead, @Nullable ExecutorService pool) {
		super(observer, call, listener);
		this.source = source;
		this.decoder = decoder;
		this.resource = call.folder() + "/" + call.endpoint();
		this.nextPage = firstPage;
		this.lookAhead = (pool != null) ? lookAhead : 1;
		this.pool = pool;
	}

	@Override
	protected @Nullable Iterator<T> fetchNextBatch() {
		if (!this.more) {
			return null;
		}
		int page = this.nextPage;
		RecordBatch next;
		if (!this.ahead.isEmpty()) {
			next = takeAhead();
		}
		else {
			next = this.source.open(page, this::inScope);
		}
		this.batch = next;
		Iterator<T> records = new BatchIterator<>(next, this.decoder, "page " + page, null);
		Envelope head = (this.lookAhead > 1 && !this.lookAheadStarted) ? next.head() : null;
		if (head != null && head.hasMore() && head.pageCount() > page) {
			// The count came ahead of the records (as ServiceTitan sends it): the next pages are fetched while this one
			// is read, once the consumer is walking.
			int lastPage = head.pageCount();
			return startingAfter(records, takenBeforeAhead(head.pageSize()), () -> {
				if (!this.lookAheadStarted) {
					this.lookAheadStarted = true;
					startLookAhead(page + 1, lastPage);
				}
			});
		}
		return records;
	}

	@Override
	protected void batchDelivered() {
		RecordBatch done = this.batch;
		if (done == null) {
			return;
		}
		Envelope envelope = done.envelope();
		this.more = envelope.hasMore();
		if (envelope.records() == 0 && this.more) {
			this.emptyInARow++;
			if (this.emptyInARow >= MAX_EMPTY_PAGES) {
				throw new ServiceTitanException("Paging " + this.resource + " stopped at page " + this.nextPage + ": "
						+ MAX_EMPTY_PAGES + " empty pages in a row each said hasMore=true");
			}
		}
		else {
			this.emptyInARow = 0;
		}
		this.nextPage++;
		if (!this.more) {
			cancelAhead();
		}
		else if (this.lookAhead > 1 && !this.lookAheadStarted) {
			// The first page was streamed to the consumer as it arrived; its envelope now tells how far to look ahead.
			this.lookAheadStarted = true;
			startLookAhead(this.nextPage, envelope.pageCount());
		}
	}

	private void startLookAhead(int firstPage, int lastPage) {
		this.nextToFetchAhead = firstPage;
		this.lastPageAhead = lastPage;
		fillAhead();
	}

	private void fillAhead() {
		ExecutorService executor = this.pool;
		if (executor == null) {
			return;
		}
		while (this.ahead.size() < this.lookAhead && this.nextToFetchAhead <= this.lastPageAhead) {
			int page = this.nextToFetchAhead++;
			try {
				this.ahead.add(executor.submit(() -> inScope(() -> this.source.read(page))));
			}
			catch (RejectedExecutionException ex) {
				throw closed(ex);
			}
		}
	}

	private RecordBatch takeAhead() {
		Future<ReadPage> next = this.ahead.remove();
		// Keep the pool busy while this page is consumed.
		fillAhead();
		return await(next, "page " + this.nextPage + " of " + this.resource, this::closed).batch(this::inScope);
	}

	private ServiceTitanException closed(Exception cause) {
		return new ServiceTitanException("Paging " + this.resource + " stopped at page " + this.nextPage
				+ ": the ServiceTitanClient was closed", cause);
	}

	private void cancelAhead() {
		this.ahead.forEach((future) -> future.cancel(true));
		this.ahead.clear();
	}

	@Override
	protected void releaseResources() {
		cancelAhead();
		RecordBatch open = this.batch;
		if (open != null) {
			open.close();
		}
	}

}
