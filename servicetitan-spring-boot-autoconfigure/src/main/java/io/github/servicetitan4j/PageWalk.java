package io.github.servicetitan4j;

import java.util.Iterator;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Walks {@code page=n, n+1, ...} while {@code hasMore}. A server that keeps saying {@code hasMore} with empty pages
 * ends the walk with an error instead of a loop.
 *
 * @param <T> the record type
 */
final class PageWalk<T> extends RecordWalk<T> {

	/** Empty pages in a row, each claiming more, after which the walk gives up. */
	static final int MAX_EMPTY_PAGES = 3;

	/**
	 * Fetches one page by number.
	 */
	@FunctionalInterface
	interface PageFetcher {

		Page<JsonNode> fetch(int page);

	}

	private final PageFetcher fetcher;

	private final Function<Page<JsonNode>, Iterator<T>> records;

	private final String resource;

	private int nextPage;

	private boolean more = true;

	private int emptyInARow;

	PageWalk(OperationObserver observer, CallDescriptor call, ServiceTitanClientListener listener, int firstPage,
			PageFetcher fetcher, Function<Page<JsonNode>, Iterator<T>> records) {
		super(observer, call, listener);
		this.fetcher = fetcher;
		this.records = records;
		this.resource = call.folder() + "/" + call.endpoint();
		this.nextPage = firstPage;
	}

	@Override
	protected @Nullable Iterator<T> fetchNextBatch() {
		if (!this.more) {
			return null;
		}
		Page<JsonNode> page = this.fetcher.fetch(this.nextPage);
		this.more = page.hasMore();
		if (page.data().isEmpty() && this.more) {
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
		return this.records.apply(page);
	}

}
