package io.github.servicetitan4j;

/**
 * Names one Endpoint operation call for observations, metrics and logs: low-cardinality values only.
 *
 * @param folder the API folder ({@code jpm})
 * @param endpoint the endpoint ({@code jobs}), or for exports {@code export/<resource>}
 * @param operation the reference operation ({@code get_one}, {@code get_all}, ...)
 */
public record CallDescriptor(String folder, String endpoint, String operation) {
}
