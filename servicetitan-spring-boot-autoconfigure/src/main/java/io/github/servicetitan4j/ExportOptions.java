package io.github.servicetitan4j;

import io.github.servicetitan4j.export.ExportCheckpointStore;
import org.jspecify.annotations.Nullable;

/**
 * How to read an export feed: where to start, whether to resume from (and save to) a checkpoint store, whether to get
 * recent changes sooner, and whether to drop the repeats that brings.
 * <pre>{@code
 * ExportOptions.checkpointed(store).withIncludeRecentChanges(true).withSkipRepeats(true)
 * }</pre>
 * Where the export types live: this record, {@link ExportStream} and {@link ExportPage} in
 * {@code io.github.servicetitan4j} with {@link Endpoint}; the checkpoint store,
 * {@link io.github.servicetitan4j.export.ExportCheckpointStore}, and the leases in {@code io.github.servicetitan4j.export}.
 *
 * @param from where to start when there is no stored checkpoint: a continuation token, a date ({@code 2020-01-01}), or
 * null for the feed's beginning
 * @param checkpoints where the feed's token is loaded from at the start and saved to after each batch the consumer has
 * received completely; null to keep no checkpoint
 * @param includeRecentChanges whether to get recent changes sooner, at the cost of records that may come twice
 * @param skipRepeats whether to drop a record whose {@code id} and {@code modifiedOn} were already delivered in this
 * run (this remembers one key per record of the run)
 */
public record ExportOptions(@Nullable String from, @Nullable ExportCheckpointStore checkpoints,
		boolean includeRecentChanges, boolean skipRepeats) {

	private static final ExportOptions DEFAULTS = new ExportOptions(null, null, false, false);

	/**
	 * From the feed's beginning, no checkpoint, no recent changes, every record delivered.
	 * @return the defaults
	 */
	public static ExportOptions defaults() {
		return DEFAULTS;
	}

	/**
	 * From a token or a date, without a checkpoint store.
	 * @param from a continuation token, a date, or null for the beginning
	 * @return the options
	 */
	public static ExportOptions from(@Nullable String from) {
		return DEFAULTS.withFrom(from);
	}

	/**
	 * Resuming from, and saving to, a checkpoint store.
	 * @param checkpoints the store
	 * @return the options
	 */
	public static ExportOptions checkpointed(ExportCheckpointStore checkpoints) {
		return DEFAULTS.withCheckpoints(checkpoints);
	}

	/**
	 * These options with another starting point.
	 * @param from a continuation token, a date, or null for the beginning
	 * @return new options
	 */
	public ExportOptions withFrom(@Nullable String from) {
		return new ExportOptions(from, this.checkpoints, this.includeRecentChanges, this.skipRepeats);
	}

	/**
	 * These options with another checkpoint store.
	 * @param checkpoints the store, or null for none
	 * @return new options
	 */
	public ExportOptions withCheckpoints(@Nullable ExportCheckpointStore checkpoints) {
		return new ExportOptions(this.from, checkpoints, this.includeRecentChanges, this.skipRepeats);
	}

	/**
	 * These options with recent changes included or not.
	 * @param includeRecentChanges whether to get recent changes sooner
	 * @return new options
	 */
	public ExportOptions withIncludeRecentChanges(boolean includeRecentChanges) {
		return new ExportOptions(this.from, this.checkpoints, includeRecentChanges, this.skipRepeats);
	}

	/**
	 * These options with repeats dropped or not.
	 * @param skipRepeats whether to drop records already delivered in this run
	 * @return new options
	 */
	public ExportOptions withSkipRepeats(boolean skipRepeats) {
		return new ExportOptions(this.from, this.checkpoints, this.includeRecentChanges, skipRepeats);
	}

}
