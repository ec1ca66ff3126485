package io.github.servicetitan4j;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One page of a paged list, as ServiceTitan returns it.
 *
 * @param page the 1-based page number
 * @param pageSize the page size the server applied
 * @param hasMore whether a further page exists
 * @param totalCount the total number of records, only when the query asked for {@code includeTotal}
 * @param data the records of this page
 * @param <T> the record type
 */
public record Page<T>(int page, int pageSize, boolean hasMore, @Nullable Long totalCount, List<T> data) {

	/**
	 * Copies {@code data}, so that a page never changes after it is made.
	 * @param page the 1-based page number
	 * @param pageSize the page size the server applied
	 * @param hasMore whether a further page exists
	 * @param totalCount the total number of records, only when the query asked for {@code includeTotal}
	 * @param data the records of this page
	 */
	public Page {
		data = List.copyOf(data);
	}

}
