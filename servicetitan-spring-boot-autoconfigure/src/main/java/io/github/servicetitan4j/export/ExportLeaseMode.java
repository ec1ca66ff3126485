package io.github.servicetitan4j.export;

/**
 * What an instance does when another one holds the lease of the feed it was asked to drain.
 */
public enum ExportLeaseMode {

	/**
	 * Skip the feed at once: the export returns no record and the stream says it was skipped.
	 */
	SKIP,

	/**
	 * Wait for the lease (up to a limit), then drain the feed from the holder's last checkpoint.
	 */
	WAIT

}
