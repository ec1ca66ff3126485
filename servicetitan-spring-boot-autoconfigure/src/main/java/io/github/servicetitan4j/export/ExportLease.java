package io.github.servicetitan4j.export;

/**
 * The right, held by one instance, to drain one export feed. It lapses by itself after its time to live unless renewed,
 * so a holder that dies never blocks the feed for longer than that.
 */
public interface ExportLease extends AutoCloseable {

	/**
	 * Extends the lease by its time to live; called after each batch, so that a long drain keeps it.
	 */
	void renew();

	/**
	 * Gives the lease up, so that another instance may drain the feed. Must be called from the thread that acquired it.
	 */
	@Override
	void close();

}
