package io.github.servicetitan4j.typed;

/**
 * A note of a job (a sub-resource).
 * @param id the note's id
 * @param text its text
 */
public record Note(long id, String text) {
}
