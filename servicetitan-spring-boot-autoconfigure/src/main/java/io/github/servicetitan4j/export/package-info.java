/**
 * Checkpoints of export feeds: where each feed of each tenant was last read to, so that a sync can resume after a
 * restart without losing a batch, and leases so that one instance drains each feed at a time.
 * {@link io.github.servicetitan4j.export.ExportCheckpointStore} makes the stores ({@code inMemory}, {@code jdbc},
 * {@code leased}) and {@link io.github.servicetitan4j.export.ExportLeases} the leases ({@code lockRegistry}); the
 * implementations are package-private. The types that read a feed, {@link io.github.servicetitan4j.ExportOptions},
 * {@link io.github.servicetitan4j.ExportStream} and {@link io.github.servicetitan4j.ExportPage}, are in
 * {@code io.github.servicetitan4j}.
 */
@NullMarked
package io.github.servicetitan4j.export;

import org.jspecify.annotations.NullMarked;
