package io.github.servicetitan4j.typed;

import java.time.OffsetDateTime;

/**
 * A record of the jobs export feed.
 * @param id the id
 * @param modifiedOn when it last changed
 */
public record ExportJob(long id, OffsetDateTime modifiedOn) {
}
