package io.github.servicetitan4j;

import org.jspecify.annotations.Nullable;

/**
 * What a page or export envelope says besides its records, known once its {@code data} array has been read through
 * (ServiceTitan may send these properties before or after {@code data}).
 *
 * @param page the page number, or 0 when the envelope has none (exports)
 * @param pageSize the page size the server applied, or 0 when the envelope has none
 * @param hasMore whether more records follow
 * @param totalCount the total number of records, when the query asked for it
 * @param continueFrom the export continuation token, or null when there is none or it is empty
 * @param records how many records {@code data} held
 */
record Envelope(int page, int pageSize, boolean hasMore, @Nullable Long totalCount, @Nullable String continueFrom,
		int records) {

	/** The number of pages, or -1 when the envelope does not tell it. */
	int pageCount() {
		if (this.totalCount == null || this.pageSize <= 0) {
			return -1;
		}
		return (int) ((this.totalCount + this.pageSize - 1) / this.pageSize);
	}

}
