package io.github.servicetitan4j.test.internal;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One authenticated API call, {@code /{folder}/v2/tenant/{tenant}/{rest...}}, with what its handler needs.
 */
public final class ApiCall {

	private final SimRequest request;

	private final String folder;

	private final List<String> rest;

	private final TenantState tenant;

	private final Clock clock;

	ApiCall(SimRequest request, String folder, List<String> rest, TenantState tenant, Clock clock) {
		this.request = request;
		this.folder = folder;
		this.rest = rest;
		this.tenant = tenant;
		this.clock = clock;
	}

	public SimRequest request() {
		return this.request;
	}

	public String method() {
		return this.request.method();
	}

	public String folder() {
		return this.folder;
	}

	/** Path segments after the tenant id, decoded. */
	public List<String> rest() {
		return this.rest;
	}

	/** Number of segments after the tenant id. */
	public int size() {
		return this.rest.size();
	}

	/** Segment {@code index} after the tenant id. */
	public String segment(int index) {
		return this.rest.get(index);
	}

	/**
	 * Segment {@code index} as an id.
	 * @throws Problem 404 when it is not a number, as route constraints answer on ServiceTitan
	 */
	public long id(int index) {
		Long id = Records.asLong(this.rest.get(index));
		if (id == null) {
			throw Problem.of(404, "Not Found");
		}
		return id;
	}

	public TenantState tenant() {
		return this.tenant;
	}

	public Clock clock() {
		return this.clock;
	}

	/**
	 * The JSON object in the request body.
	 * @throws Problem 400 when the body is missing or not a JSON object
	 */
	public Map<String, @Nullable Object> jsonBody() {
		String body = this.request.bodyAsString();
		if (body.trim().isEmpty()) {
			throw Problem.badRequest("", "A non-empty request body is required.");
		}
		try {
			return Json.parseObject(body);
		}
		catch (IllegalArgumentException ex) {
			throw Problem.badRequest("$", ex.getMessage());
		}
	}

	/** A 405 problem for a method this route does not take. */
	public Problem methodNotAllowed() {
		return Problem.of(405, "The " + this.request.method() + " method is not supported here.");
	}

}
