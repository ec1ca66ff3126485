package io.github.servicetitan4j.export;

import java.time.Duration;

import io.github.servicetitan4j.errors.ServiceTitanException.ServiceTitanInterruptedException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.integration.support.locks.DistributedLock;
import org.springframework.integration.support.locks.LockRegistry;
import org.springframework.integration.support.locks.RenewableLockRegistry;
import org.springframework.util.Assert;

/**
 * Export leases as Spring Integration distributed locks ({@code JdbcLockRegistry}, {@code RedisLockRegistry}): each
 * lock is taken with a time to live, renewed after each batch, and released when the export stream is closed. A lock
 * belongs to the thread that took it, so an export stream must be closed on the thread that opened it.
 */
public final class LockRegistryExportLeases implements ExportLeases, AutoCloseable {

	private static final Log logger = LogFactory.getLog(LockRegistryExportLeases.class);

	private final LockRegistry<? extends DistributedLock> registry;

	private final ExportLeases.Mode mode;

	private final Duration timeToLive;

	private final Duration maxWait;

	private final @Nullable AutoCloseable resources;

	/**
	 * Creates the leases.
	 * @param registry the distributed locks
	 * @param mode what to do while another instance holds a lease
	 * @param timeToLive how long a lease lasts without renewal
	 * @param maxWait longest to wait for a lease in {@link ExportLeases.Mode#WAIT} mode
	 */
	public LockRegistryExportLeases(LockRegistry<? extends DistributedLock> registry, ExportLeases.Mode mode,
			Duration timeToLive, Duration maxWait) {
		this(registry, mode, timeToLive, maxWait, null);
	}

	/**
	 * Creates the leases, owning what the registry runs on.
	 * @param registry the distributed locks
	 * @param mode what to do while another instance holds a lease
	 * @param timeToLive how long a lease lasts without renewal
	 * @param maxWait longest to wait for a lease in {@link ExportLeases.Mode#WAIT} mode
	 * @param resources closed with these leases (the registry's lock repository, say), or null
	 */
	public LockRegistryExportLeases(LockRegistry<? extends DistributedLock> registry, ExportLeases.Mode mode,
			Duration timeToLive, Duration maxWait, @Nullable AutoCloseable resources) {
		this.resources = resources;
		Assert.notNull(registry, "registry must not be null");
		Assert.isTrue(!timeToLive.isNegative() && !timeToLive.isZero(), "timeToLive must be positive");
		Assert.isTrue(!maxWait.isNegative(), "maxWait must not be negative");
		this.registry = registry;
		this.mode = mode;
		this.timeToLive = timeToLive;
		this.maxWait = maxWait;
	}

	@Override
	public ExportLeases.@Nullable Lease acquire(ExportCheckpointStore.Key feed) {
		String name = name(feed);
		DistributedLock lock = this.registry.obtain(name);
		Duration wait = (this.mode == ExportLeases.Mode.WAIT) ? this.maxWait : Duration.ZERO;
		boolean acquired;
		try {
			acquired = lock.tryLock(wait, this.timeToLive);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ServiceTitanInterruptedException("waiting for the lease of " + name, ex);
		}
		if (!acquired) {
			logger.info("Skipping export feed " + name + ": another instance holds its lease"
					+ ((this.mode == ExportLeases.Mode.WAIT) ? " (waited " + this.maxWait + ")" : ""));
			return null;
		}
		return new Lease(name, lock);
	}

	/**
	 * Releases the resources handed over at construction (such as the lock registry's own connection), logging rather
	 * than throwing what they fail with: this runs when the application shuts down.
	 */
	@Override
	public void close() {
		if (this.resources == null) {
			return;
		}
		try {
			this.resources.close();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			logger.warn("Could not release the resources of the export leases", ex);
		}
	}

	private static String name(ExportCheckpointStore.Key feed) {
		return "servicetitan-export:" + feed.tenantId() + ":" + feed.folder() + ":" + feed.exportEndpoint();
	}

	private final class Lease implements ExportLeases.Lease {

		private final String name;

		private final DistributedLock lock;

		private boolean released;

		Lease(String name, DistributedLock lock) {
			this.name = name;
			this.lock = lock;
		}

		@Override
		public void renew() {
			if (LockRegistryExportLeases.this.registry instanceof RenewableLockRegistry<?> renewable) {
				renewable.renewLock(this.name, LockRegistryExportLeases.this.timeToLive);
			}
		}

		@Override
		public void close() {
			if (this.released) {
				return;
			}
			this.released = true;
			try {
				this.lock.unlock();
			}
			catch (RuntimeException ex) {
				// Expired and possibly taken by another instance meanwhile: nothing left to give up.
				logger.warn("The lease of export feed " + this.name + " had expired before it was released ("
						+ ex.getClass().getSimpleName() + "); another instance may have drained the feed meanwhile");
			}
		}

	}

}
