package io.github.servicetitan4j.typed;

import org.jspecify.annotations.Nullable;

/**
 * What an upload answers.
 * @param fileName the name ServiceTitan stored the file under
 */
public record UploadResponse(@Nullable String fileName) {
}
