package io.github.servicetitan4j.test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One request the simulator received, as it arrived.
 *
 * @param method HTTP method, such as {@code GET}
 * @param path path as sent (still encoded), without the query
 * @param query query parameters, decoded, repeated names kept
 * @param headers request headers; {@link #header(String)} looks them up without regard to case
 * @param body request body, empty when there was none
 * @param receivedAt when the request arrived (wall clock)
 */
public record RecordedRequest(String method, String path, Map<String, List<String>> query,
		Map<String, List<String>> headers, byte[] body, Instant receivedAt) {

	/**
	 * First value of a header, or null; the name is matched without regard to case.
	 * @param name header name
	 * @return first value, or null when absent
	 */
	public @Nullable String header(String name) {
		for (Map.Entry<String, List<String>> header : this.headers.entrySet()) {
			if (header.getKey().equalsIgnoreCase(name) && !header.getValue().isEmpty()) {
				return header.getValue().get(0);
			}
		}
		return null;
	}

	/**
	 * First value of a query parameter, or null.
	 * @param name parameter name
	 * @return first value, decoded, or null when absent
	 */
	public @Nullable String queryParam(String name) {
		List<String> values = this.query.get(name);
		return (values == null || values.isEmpty()) ? null : values.get(0);
	}

	/**
	 * The body as UTF-8 text.
	 * @return body, empty when there was none
	 */
	public String bodyAsString() {
		return new String(this.body, StandardCharsets.UTF_8);
	}

	@Override
	public String toString() {
		return this.method + " " + this.path + (this.query.isEmpty() ? "" : " " + this.query);
	}

}
