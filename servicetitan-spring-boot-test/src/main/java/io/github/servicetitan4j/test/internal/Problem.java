package io.github.servicetitan4j.test.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

/**
 * An RFC 7807 problem the way ServiceTitan writes them ({@code type, title, status, traceId, errors, data}), thrown
 * by request handlers and turned into the response by the engine.
 */
public final class Problem extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private static final AtomicLong TRACE_IDS = new AtomicLong();

	private final int status;

	private final Map<String, List<String>> errors;

	private Problem(int status, String title, Map<String, List<String>> errors) {
		super(title, null, false, false);
		this.status = status;
		this.errors = errors;
	}

	/** 400 with one message for one field. */
	public static Problem badRequest(String field, String message) {
		Map<String, List<String>> errors = new LinkedHashMap<>();
		errors.put(field, new ArrayList<>(List.of(message)));
		return new Problem(400, "One or more validation errors occurred.", errors);
	}

	/** 404 for a record that does not exist. */
	public static Problem notFound(String what, Object id) {
		return new Problem(404, what + " with id " + id + " not found", new LinkedHashMap<>());
	}

	/** Any status with a title and no field errors. */
	public static Problem of(int status, String title) {
		return new Problem(status, title, new LinkedHashMap<>());
	}

	public int status() {
		return this.status;
	}

	/** The problem body, with a fresh trace id. */
	public Map<String, @Nullable Object> body() {
		Map<String, @Nullable Object> body = new LinkedHashMap<>();
		body.put("type", type(this.status));
		body.put("title", getMessage());
		body.put("status", (long) this.status);
		body.put("traceId", nextTraceId());
		// Every status gets every member, so that a client reads all problems the same way.
		body.put("errors", new LinkedHashMap<>(this.errors));
		body.put("data", new LinkedHashMap<>());
		return body;
	}

	/** The response for this problem. */
	public SimResponse response() {
		return SimResponse.json(this.status, body()).withHeader("Content-Type", "application/problem+json; charset=utf-8");
	}

	/** A W3C trace-context style id, unique within this JVM. */
	static String nextTraceId() {
		return String.format("00-%032x-%016x-01", TRACE_IDS.incrementAndGet(), System.nanoTime() & Long.MAX_VALUE);
	}

	private static String type(int status) {
		switch (status) {
			case 401:
				return "https://tools.ietf.org/html/rfc7235#section-3.1";
			case 403:
				return "https://tools.ietf.org/html/rfc7231#section-6.5.3";
			case 408:
				return "https://tools.ietf.org/html/rfc7231#section-6.5.7";
			case 422:
				return "https://tools.ietf.org/html/rfc4918#section-11.2";
			case 500:
				return "https://tools.ietf.org/html/rfc7231#section-6.6.1";
			case 502:
				return "https://tools.ietf.org/html/rfc7231#section-6.6.3";
			case 504:
				return "https://tools.ietf.org/html/rfc7231#section-6.6.5";
			case 400:
				return "https://tools.ietf.org/html/rfc7231#section-6.5.1";
			case 404:
				return "https://tools.ietf.org/html/rfc7231#section-6.5.4";
			case 405:
				return "https://tools.ietf.org/html/rfc7231#section-6.5.5";
			case 409:
				return "https://tools.ietf.org/html/rfc7231#section-6.5.8";
			case 429:
				return "https://tools.ietf.org/html/rfc6585#section-4";
			case 503:
				return "https://tools.ietf.org/html/rfc7231#section-6.6.4";
			default:
				return (status >= 500) ? "https://tools.ietf.org/html/rfc7231#section-6.6"
						: "https://tools.ietf.org/html/rfc7231#section-6.5";
		}
	}

}
