package io.github.servicetitan4j.typed;

/**
 * The body of {@link JobsApi#jobsCreateNote}.
 * @param text the text
 */
public record NoteCreateRequest(String text) {
}
