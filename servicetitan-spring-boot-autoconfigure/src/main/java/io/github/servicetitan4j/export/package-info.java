/**
 * Checkpoints of export feeds: where each feed of each tenant was last read to, so that a sync can resume after a
 * restart without losing a batch. {@link io.github.servicetitan4j.export.ExportCheckpointStore} with an in-memory and a
 * JDBC implementation.
 */
@NullMarked
package io.github.servicetitan4j.export;

import org.jspecify.annotations.NullMarked;
