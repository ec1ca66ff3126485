package io.github.servicetitan4j;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One batch of an export feed, or, from {@code exportAll}, every record of the feed up to its current end.
 *
 * @param data the records
 * @param hasMore whether the feed has more records right now
 * @param continueFrom the token to pass as {@code from} to continue after these records; store it to resume
 * @param <T> the record type
 */
public record ExportPage<T>(List<T> data, boolean hasMore, @Nullable String continueFrom) {

	/**
	 * Copies {@code data}, so that a page never changes after it is made.
	 * @param data the records
	 * @param hasMore whether the feed has more records right now
	 * @param continueFrom the token to pass as {@code from} to continue after these records; store it to resume
	 */
	public ExportPage {
		data = List.copyOf(data);
	}

}
