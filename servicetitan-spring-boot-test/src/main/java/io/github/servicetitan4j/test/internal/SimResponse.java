package io.github.servicetitan4j.test.internal;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What the engine answers: a status, headers and body, or a fault, possibly after a delay.
 */
public final class SimResponse {

	private static final byte[] EMPTY = new byte[0];

	private final int status;

	private final Map<String, String> headers;

	private final byte[] body;

	private final @Nullable SimFault fault;

	private final long delayMillis;

	private SimResponse(int status, Map<String, String> headers, byte[] body, @Nullable SimFault fault,
			long delayMillis) {
		this.status = status;
		this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
		this.body = body;
		this.fault = fault;
		this.delayMillis = delayMillis;
	}

	/** A JSON response. */
	public static SimResponse json(int status, @Nullable Object value) {
		return bytes(status, "application/json; charset=utf-8", Json.write(value).getBytes(StandardCharsets.UTF_8));
	}

	/** A response with the given content type and body. */
	public static SimResponse bytes(int status, String contentType, byte[] body) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Content-Type", contentType);
		return new SimResponse(status, headers, body.clone(), null, 0);
	}

	/** A response without a body. */
	public static SimResponse empty(int status) {
		return new SimResponse(status, Collections.emptyMap(), EMPTY, null, 0);
	}

	/** A broken response. */
	public static SimResponse fault(SimFault fault) {
		return new SimResponse(200, Collections.emptyMap(), EMPTY, fault, 0);
	}

	/** This response with one more header. */
	public SimResponse withHeader(String name, String value) {
		Map<String, String> headers = new LinkedHashMap<>(this.headers);
		headers.put(name, value);
		return new SimResponse(this.status, headers, this.body, this.fault, this.delayMillis);
	}

	/** This response, sent after the given delay. */
	public SimResponse delayed(long millis) {
		return new SimResponse(this.status, this.headers, this.body, this.fault, millis);
	}

	/** This response, but broken on the wire. */
	public SimResponse broken(SimFault fault) {
		return new SimResponse(this.status, this.headers, this.body, fault, this.delayMillis);
	}

	public int status() {
		return this.status;
	}

	public Map<String, String> headers() {
		return this.headers;
	}

	public byte[] body() {
		return this.body.clone();
	}

	public String bodyAsString() {
		return new String(this.body, StandardCharsets.UTF_8);
	}

	public @Nullable SimFault fault() {
		return this.fault;
	}

	public long delayMillis() {
		return this.delayMillis;
	}

}
