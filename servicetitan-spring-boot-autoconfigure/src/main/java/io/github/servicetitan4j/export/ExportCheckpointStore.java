package io.github.servicetitan4j.export;

import java.util.Objects;
import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Keeps the {@code continueFrom} token of each export feed, so that a sync resumes where the last one stopped. The
 * client loads the token when an export starts and saves a new one only once the consumer has received every record
 * before it: after a crash the feed resumes at the batch that was in progress, which may then be delivered again
 * (at-least-once), and no batch is ever skipped.
 * <p>
 * While a feed is streamed, the client moves the checkpoint with {@link #advance}: a token is replaced only by the one
 * that follows it, so that when two instances read the same feed, the one that has fallen behind never moves the
 * checkpoint backwards.
 * <p>
 * Implementations must be thread-safe. The starter's stores are made by the factories here: {@link #inMemory()}
 * lives as long as the application, {@link #jdbc(DataSource)} survives restarts, and {@link #leased} adds a lease per
 * feed to either.
 * <p>
 * This package holds the stores and leases only; what reads a feed, {@link io.github.servicetitan4j.ExportOptions}
 * (which takes this store: {@code ExportOptions.checkpointed(store)}) and {@link io.github.servicetitan4j.ExportStream},
 * lives in {@code io.github.servicetitan4j} with {@link io.github.servicetitan4j.Endpoint}.
 */
public interface ExportCheckpointStore {

	/** Name of the table of the {@link #jdbc(DataSource) JDBC store}. */
	String JDBC_TABLE = "servicetitan_export_checkpoint";

	/** Class path location of the script that creates {@link #JDBC_TABLE}. */
	String JDBC_SCHEMA_LOCATION = "classpath:io/github/servicetitan4j/export/schema.sql";

	/**
	 * A store in this process's memory: checkpoints live as long as the store.
	 * @return a new, empty store
	 */
	static ExportCheckpointStore inMemory() {
		return new InMemoryExportCheckpointStore();
	}

	/**
	 * A store in a database table ({@link #JDBC_TABLE}, created by the script at {@link #JDBC_SCHEMA_LOCATION};
	 * PostgreSQL, H2 and others with standard SQL), so that checkpoints survive restarts and are shared by every
	 * instance of the application. Writes join the caller's transaction when there is one.
	 * @param dataSource the database, whose table exists
	 * @return the store
	 */
	static ExportCheckpointStore jdbc(DataSource dataSource) {
		return new JdbcExportCheckpointStore(dataSource);
	}

	/**
	 * A store that keeps its checkpoints in another and hands out leases with them
	 * ({@link #leases()}), so that a checkpointed export takes its feed's lease before it reads anything.
	 * @param store the store that keeps the checkpoints
	 * @param leases the leases
	 * @return the leased store
	 */
	static ExportCheckpointStore leased(ExportCheckpointStore store, ExportLeases leases) {
		return new LeasedExportCheckpointStore(store, leases);
	}

	/**
	 * Loads the token of a feed.
	 * @param key the feed
	 * @return its token, or null when the feed has never been read (it is then read from its beginning)
	 */
	@Nullable String load(Key key);

	/**
	 * Saves the token of a feed, replacing the previous one.
	 * @param key the feed
	 * @param continueFrom the token to resume from
	 */
	void save(Key key, String continueFrom);

	/**
	 * Moves the checkpoint of a feed from one token to the next, as a streamed export does after each batch the
	 * consumer has received: the stored token is replaced only while it is still {@code from} (or already
	 * {@code continueFrom}). When another reader of the same feed has moved the checkpoint meanwhile, nothing is
	 * changed: that reader is ahead, or has restarted the feed, and a save from behind it would move it backwards.
	 * <p>
	 * The default implementation loads, compares and saves, which is not atomic; the starter's stores override it with
	 * an atomic one.
	 * @param key the feed
	 * @param from the token the batch was read from, as last loaded or advanced by this reader; null when no token was
	 * stored
	 * @param continueFrom the token after the batch
	 * @return whether the store now holds {@code continueFrom}
	 */
	default boolean advance(Key key, @Nullable String from, String continueFrom) {
		String stored = load(key);
		if (Objects.equals(stored, continueFrom)) {
			return true;
		}
		if (!Objects.equals(stored, from)) {
			return false;
		}
		save(key, continueFrom);
		return true;
	}

	/**
	 * Forgets the token of a feed, so that the next export reads it from its beginning.
	 * @param key the feed
	 */
	void delete(Key key);

	/**
	 * Leases that checkpointed exports take before reading a feed, so that one instance drains it at a time.
	 * @return the leases, or null (the default) when every caller may drain every feed at once
	 * @see #leased
	 */
	default @Nullable ExportLeases leases() {
		return null;
	}

	/**
	 * Forgets the checkpoint of every feed, so that every export starts from its beginning again; for tests that start
	 * each case from scratch (the ServiceTitan simulator's reset calls it on the starter's stores), never needed in
	 * production.
	 * @throws UnsupportedOperationException if the store cannot (the default)
	 */
	default void clear() {
		throw new UnsupportedOperationException(getClass().getName() + " cannot forget every checkpoint at once");
	}

	/**
	 * Names one export feed of one tenant: the checkpoint of
	 * {@code /{folder}/v2/tenant/{tenantId}/export/{exportEndpoint}}.
	 *
	 * @param tenantId the tenant
	 * @param folder the API folder ({@code jpm})
	 * @param exportEndpoint the export resource ({@code jobs}, {@code customers/contacts})
	 */
	record Key(String tenantId, String folder, String exportEndpoint) {

		/**
		 * Checks that every part is named, so that two feeds never share a checkpoint by accident.
		 * @param tenantId the tenant
		 * @param folder the API folder ({@code jpm})
		 * @param exportEndpoint the export resource ({@code jobs}, {@code customers/contacts})
		 * @throws IllegalArgumentException if a part is empty
		 */
		public Key {
			Assert.hasText(tenantId, "tenantId must not be empty");
			Assert.hasText(folder, "folder must not be empty");
			Assert.hasText(exportEndpoint, "exportEndpoint must not be empty");
		}

		@Override
		public String toString() {
			return this.tenantId + ":" + this.folder + "/export/" + this.exportEndpoint;
		}

	}

}
