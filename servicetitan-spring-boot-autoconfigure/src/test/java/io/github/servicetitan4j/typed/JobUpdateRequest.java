package io.github.servicetitan4j.typed;

/**
 * The body of {@link JobsApi#jobsUpdate}.
 * @param summary the new summary
 */
public record JobUpdateRequest(String summary) {
}
