package io.github.servicetitan4j.export;

import org.jspecify.annotations.Nullable;

/**
 * Hands out leases on export feeds, so that of all the instances of an application that drain the same feed, one does
 * at a time: the others skip it or wait for it, as configured. A checkpointed export takes the lease of its
 * checkpoint store ({@link ExportCheckpointStore#leases()}) before it reads anything. {@link LockRegistryExportLeases}
 * makes them from Spring Integration's distributed locks; it is a public class rather than a factory here because
 * this interface, which applications implement, must not name an optional library in its methods (Spring introspects
 * an implementation's interfaces, and would fail without Spring Integration on the class path).
 */
@FunctionalInterface
public interface ExportLeases {

	/**
	 * Takes the lease of a feed.
	 * @param feed the feed
	 * @return the lease, or null when another instance holds it (and this one was told to skip, or has waited long
	 * enough)
	 */
	@Nullable Lease acquire(ExportCheckpointStore.Key feed);

	/**
	 * What an instance does when another one holds the lease of the feed it was asked to drain.
	 */
	enum Mode {

		/**
		 * Skip the feed at once: the export returns no record and the stream says it was skipped.
		 */
		SKIP,

		/**
		 * Wait for the lease (up to a limit), then drain the feed from the holder's last checkpoint.
		 */
		WAIT

	}

	/**
	 * The right, held by one instance, to drain one export feed. It lapses by itself after its time to live unless
	 * renewed, so a holder that dies never blocks the feed for longer than that.
	 */
	interface Lease extends AutoCloseable {

		/**
		 * Extends the lease by its time to live; called after each batch, so that a long drain keeps it.
		 */
		void renew();

		/**
		 * Gives the lease up, so that another instance may drain the feed. Must be called from the thread that acquired
		 * it.
		 */
		@Override
		void close();

	}

}
