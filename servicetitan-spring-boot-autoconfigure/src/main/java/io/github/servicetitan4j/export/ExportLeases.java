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
	@Nullable ExportLease acquire(ExportCheckpointKey feed);

}
