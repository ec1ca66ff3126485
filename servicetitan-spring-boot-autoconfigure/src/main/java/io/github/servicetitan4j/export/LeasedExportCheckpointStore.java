package io.github.servicetitan4j.export;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A checkpoint store whose exports take a lease first: the checkpoints stay where the delegate keeps them, and only one
 * instance at a time drains each feed.
 */
final class LeasedExportCheckpointStore implements ExportCheckpointStore {

	private final ExportCheckpointStore delegate;

	private final ExportLeases leases;

	/**
	 * Creates a store.
	 * @param delegate keeps the checkpoints
	 * @param leases hands out the leases
	 */
	public LeasedExportCheckpointStore(ExportCheckpointStore delegate, ExportLeases leases) {
		Assert.notNull(delegate, "delegate must not be null");
		Assert.notNull(leases, "leases must not be null");
		this.delegate = delegate;
		this.leases = leases;
	}

	@Override
	public @Nullable String load(ExportCheckpointStore.Key key) {
		return this.delegate.load(key);
	}

	@Override
	public void save(ExportCheckpointStore.Key key, String continueFrom) {
		this.delegate.save(key, continueFrom);
	}

	@Override
	public boolean advance(ExportCheckpointStore.Key key, @Nullable String from, String continueFrom) {
		return this.delegate.advance(key, from, continueFrom);
	}

	@Override
	public void delete(ExportCheckpointStore.Key key) {
		this.delegate.delete(key);
	}

	@Override
	public ExportLeases leases() {
		return this.leases;
	}

	/**
	 * The store that keeps the checkpoints.
	 * @return checkpoint store this one adds leases to
	 */
	ExportCheckpointStore delegate() {
		return this.delegate;
	}

	@Override
	public void clear() {
		this.delegate.clear();
	}

	@Override
	public String toString() {
		return "LeasedExportCheckpointStore[" + this.delegate + "]";
	}

}
