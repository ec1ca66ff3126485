package io.github.servicetitan4j.export;

import org.jspecify.annotations.Nullable;

/**
 * Hands out leases on export feeds, so that of all the instances of an application that drain the same feed, one does
 * at a time: the others skip it or wait for it, as configured. A checkpointed export takes the lease of its
 * checkpoint store ({@link ExportCheckpointStore#leases()}) before it reads anything.
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
