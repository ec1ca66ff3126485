package io.github.servicetitan4j.export;

import org.jspecify.annotations.Nullable;

/**
 * Keeps the {@code continueFrom} token of each export feed, so that a sync resumes where the last one stopped. The
 * client loads the token when an export starts and saves a new one only once the consumer has received every record
 * before it: after a crash the feed resumes at the batch that was in progress, which may then be delivered again
 * (at-least-once), and no batch is ever skipped.
 * <p>
 * Implementations must be thread-safe. {@link InMemoryExportCheckpointStore} lives as long as the application;
 * {@link JdbcExportCheckpointStore} survives restarts.
 */
public interface ExportCheckpointStore {

	/**
	 * Loads the token of a feed.
	 * @param key the feed
	 * @return its token, or null when the feed has never been read (it is then read from its beginning)
	 */
	@Nullable String load(ExportCheckpointKey key);

	/**
	 * Saves the token of a feed, replacing the previous one.
	 * @param key the feed
	 * @param continueFrom the token to resume from
	 */
	void save(ExportCheckpointKey key, String continueFrom);

	/**
	 * Forgets the token of a feed, so that the next export reads it from its beginning.
	 * @param key the feed
	 */
	void delete(ExportCheckpointKey key);

	/**
	 * Leases that checkpointed exports take before reading a feed, so that one instance drains it at a time.
	 * @return the leases, or null (the default) when every caller may drain every feed at once
	 * @see LeasedExportCheckpointStore
	 */
	default @Nullable ExportLeases leases() {
		return null;
	}

}
