package io.github.servicetitan4j.typed;

/**
 * The body of {@link JobsApi#jobsCreate}.
 * @param summary the summary
 * @param jobStatus the status
 */
public record JobCreateRequest(String summary, JobStatus jobStatus) {
}
