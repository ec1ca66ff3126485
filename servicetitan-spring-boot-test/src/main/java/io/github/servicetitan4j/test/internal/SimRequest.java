package io.github.servicetitan4j.test.internal;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * One HTTP request as the engine sees it, free of any server's types.
 */
public final class SimRequest {

	private final String method;

	private final String target;

	private final Map<String, List<String>> headers;

	private final byte[] body;

	private final String origin;

	/**
	 * @param method HTTP method, such as {@code GET}
	 * @param target path and query as sent, such as {@code /jpm/v2/tenant/1/jobs?page=2}
	 * @param headers request headers; names are matched without regard to case
	 * @param body request body, empty when there is none
	 * @param origin scheme, host and port the client used, such as {@code http://127.0.0.1:8080}, for absolute
	 * redirects
	 */
	public SimRequest(String method, String target, Map<String, List<String>> headers, byte[] body, String origin) {
		this.method = method.toUpperCase(java.util.Locale.ROOT);
		this.target = target;
		TreeMap<String, List<String>> sorted = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		sorted.putAll(headers);
		this.headers = Collections.unmodifiableMap(sorted);
		this.body = body.clone();
		this.origin = origin;
	}

	public String method() {
		return this.method;
	}

	/** Path and query as sent. */
	public String target() {
		return this.target;
	}

	/** Path, still encoded, without the query. */
	public String path() {
		return UrlCodec.rawPath(this.target);
	}

	public Map<String, List<String>> query() {
		return UrlCodec.query(this.target);
	}

	/**
	 * First value of a query parameter, or null. The name is matched without regard to case, as ServiceTitan's
	 * ASP.NET backend binds query names ({@code PageSize} is {@code pageSize}); the first spelling sent wins.
	 */
	public @Nullable String queryParam(String name) {
		for (Map.Entry<String, List<String>> parameter : query().entrySet()) {
			if (parameter.getKey().equalsIgnoreCase(name) && !parameter.getValue().isEmpty()) {
				return parameter.getValue().get(0);
			}
		}
		return null;
	}

	/** All headers, names without regard to case. */
	public Map<String, List<String>> headers() {
		return this.headers;
	}

	/** First value of a header, or null; the name is matched without regard to case. */
	public @Nullable String header(String name) {
		List<String> values = this.headers.get(name);
		return (values == null || values.isEmpty()) ? null : values.get(0);
	}

	public byte[] body() {
		return this.body.clone();
	}

	public String bodyAsString() {
		return new String(this.body, StandardCharsets.UTF_8);
	}

	public String origin() {
		return this.origin;
	}

}
