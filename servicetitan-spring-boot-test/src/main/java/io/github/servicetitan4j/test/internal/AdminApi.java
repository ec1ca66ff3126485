package io.github.servicetitan4j.test.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The simulator's own HTTP admin API under {@code /__simulator}: what a test that runs outside the simulator's JVM
 * (a standalone process, a container, a non-JVM test suite) needs to drive it. No credentials, no faults, no rate
 * limit, not in the journal.
 * <pre>
 * GET    /__simulator                        settings: tenants with credentials, app keys, resources, clock, token count
 * POST   /__simulator/reset                  as {@code reset()} in the JVM
 * POST   /__simulator/faults                 {"method","path"|"pathRegex","times"|"next","status","retryAfterSeconds",
 *                                            "fault": connection-reset|empty-response|random-data-then-close|truncated-body,
 *                                            "delayMillis"}
 * DELETE /__simulator/faults                 removes every rule
 * GET    /__simulator/clock                  {"now"}
 * POST   /__simulator/clock                  {"advance": "PT15M"} or {"set": "2025-01-01T00:00:00Z"}
 * POST   /__simulator/tokens/expire          ends every token given so far
 * GET    /__simulator/requests               {"requests": [{method, path, query, headers, body, receivedAt}]},
 *                                            optionally ?method=GET&amp;path=regex
 * DELETE /__simulator/requests               empties the journal
 * GET    /__simulator/tenants/{name}/{folder}/{resource...}   the live records of a tenant's resource
 * POST   /__simulator/webhooks               {"callback": "http://host:port/path/{tenant}", "secret": "..." or absent}
 *                                            sends signed deliveries of later changes there
 * GET    /__simulator/webhooks               {"pending", "deliveries": [{eventId, type, tenant, attempt, sentAt, status,
 *                                            body, nextAttemptAt}]}
 * POST   /__simulator/webhooks/events        {"tenant", "type", "data"}: queues an event (a report's completion, say)
 * POST   /__simulator/webhooks/deliver       sends what is due by the simulator's clock (202; in the background)
 * DELETE /__simulator/webhooks               stops sending and forgets the deliveries
 * Moving the clock sends the deliveries that became due (retries after 10, 30, 60 and 300 s), in the background.
 * </pre>
 */
final class AdminApi {

	static final String ROOT = "/__simulator";

	private final SimulatorEngine engine;

	AdminApi(SimulatorEngine engine) {
		this.engine = engine;
	}

	static boolean handles(SimRequest request) {
		String path = request.path();
		return path.equals(ROOT) || path.startsWith(ROOT + "/");
	}

	SimResponse handle(SimRequest request) {
		List<String> segments = UrlCodec.segments(request.path());
		String route = request.method() + " " + ((segments.size() > 1) ? segments.get(1) : "");
		switch (route) {
			case "GET ":
				return SimResponse.json(200, info(request));
			case "POST reset":
				this.engine.reset();
				return SimResponse.empty(204);
			case "POST faults":
				this.engine.faults().add(rule(jsonBody(request)));
				return SimResponse.empty(204);
			case "DELETE faults":
				this.engine.faults().clear();
				return SimResponse.empty(204);
			case "GET clock":
				return SimResponse.json(200, now());
			case "POST clock":
				moveClock(jsonBody(request));
				deliverInBackground();
				return SimResponse.json(200, now());
			case "POST webhooks":
				return webhooks(segments, request.bodyAsString().isBlank() ? new LinkedHashMap<>() : jsonBody(request));
			case "GET webhooks":
				return SimResponse.json(200, deliveries());
			case "DELETE webhooks":
				this.engine.webhooks().reset();
				return SimResponse.empty(204);
			case "POST tokens":
				if (segments.size() == 3 && segments.get(2).equals("expire")) {
					this.engine.tokens().expireAll();
					return SimResponse.empty(204);
				}
				throw Problem.of(404, "Not Found");
			case "GET requests":
				return SimResponse.json(200, requests(request));
			case "DELETE requests":
				this.engine.journal().clear();
				return SimResponse.empty(204);
			case "GET tenants":
				return SimResponse.json(200, records(segments));
			default:
				throw Problem.of(404, "No admin route " + request.method() + " " + request.path());
		}
	}

	private Map<String, @Nullable Object> info(SimRequest request) {
		SimulatorSettings settings = this.engine.settings();
		Map<String, @Nullable Object> info = new LinkedHashMap<>();
		info.put("apiUrl", request.origin());
		info.put("authUrl", request.origin());
		info.put("appKeys", settings.allAppKeys());
		List<Map<String, @Nullable Object>> tenants = new ArrayList<>();
		for (TenantSettings tenant : settings.allTenants()) {
			Map<String, @Nullable Object> entry = new LinkedHashMap<>();
			entry.put("name", tenant.name);
			entry.put("tenantId", tenant.tenantId);
			entry.put("clientId", tenant.clientId);
			// The simulator's credentials are public test values: a test suite in another language reads them here.
			entry.put("clientSecret", tenant.clientSecret);
			entry.put("tokenRequests", (long) this.engine.tokens().requestCount(tenant.name));
			tenants.add(entry);
		}
		info.put("tenants", tenants);
		List<String> resources = new ArrayList<>();
		for (ResourceDefinition resource : settings.resources) {
			resources.add(resource.key());
		}
		info.put("resources", resources);
		info.put("now", Records.format(this.engine.clock().instant()));
		info.put("tokenRequests", (long) this.engine.tokens().requestCount());
		return info;
	}

	private SimResponse webhooks(List<String> segments, Map<String, @Nullable Object> body) {
		String action = (segments.size() > 2) ? segments.get(2) : "";
		switch (action) {
			case "":
				if (!(body.get("callback") instanceof String)) {
					throw Problem.of(400, "A webhook subscription needs a \"callback\" URL");
				}
				this.engine.webhooks()
					.subscribe((String) body.get("callback"),
							(body.get("secret") instanceof String) ? (String) body.get("secret") : null);
				return SimResponse.empty(204);
			case "events":
				if (!(body.get("tenant") instanceof String) || !(body.get("type") instanceof String)) {
					throw Problem.of(400, "An event needs a \"tenant\" and a \"type\"");
				}
				String tenant = (String) body.get("tenant");
				String type = (String) body.get("type");
				@SuppressWarnings("unchecked")
				Map<String, @Nullable Object> data = (body.get("data") instanceof Map)
						? (Map<String, @Nullable Object>) body.get("data") : new LinkedHashMap<>();
				Map<String, @Nullable Object> answer = new LinkedHashMap<>();
				answer.put("id", this.engine.webhooks().publish(tenant, type, data));
				return SimResponse.json(200, answer);
			case "deliver":
				deliverInBackground();
				return SimResponse.empty(202);
			default:
				throw Problem.of(404, "No admin route POST /__simulator/webhooks/" + action);
		}
	}

	/**
	 * Off the engine's lock, which this request holds: the application may call the simulator while it handles the
	 * delivery.
	 */
	private void deliverInBackground() {
		Thread sender = new Thread(this.engine.webhooks()::deliverDue, "simulator-webhooks");
		sender.setDaemon(true);
		sender.start();
	}

	private Map<String, @Nullable Object> deliveries() {
		Map<String, @Nullable Object> body = new LinkedHashMap<>();
		body.put("pending", (long) this.engine.webhooks().pendingCount());
		List<Map<String, @Nullable Object>> deliveries = new ArrayList<>();
		for (WebhookSender.Attempt attempt : this.engine.webhooks().attempts()) {
			Map<String, @Nullable Object> entry = new LinkedHashMap<>();
			entry.put("eventId", attempt.eventId);
			entry.put("type", attempt.type);
			entry.put("tenant", attempt.tenant);
			entry.put("attempt", (long) attempt.attempt);
			entry.put("sentAt", Records.format(attempt.sentAt));
			entry.put("status", (long) attempt.status);
			entry.put("body", attempt.body);
			entry.put("nextAttemptAt",
					(attempt.nextAttemptAt != null) ? Records.format(attempt.nextAttemptAt) : null);
			deliveries.add(entry);
		}
		body.put("deliveries", deliveries);
		return body;
	}

	private Map<String, @Nullable Object> now() {
		Map<String, @Nullable Object> body = new LinkedHashMap<>();
		body.put("now", Records.format(this.engine.clock().instant()));
		return body;
	}

	private void moveClock(Map<String, @Nullable Object> body) {
		try {
			if (body.get("advance") instanceof String) {
				this.engine.clock().advance(Duration.parse((String) body.get("advance")));
			}
			else if (body.get("set") instanceof String) {
				this.engine.clock().set(Instant.parse((String) body.get("set")));
			}
			else {
				throw Problem.badRequest("Advance", "Give advance (an ISO-8601 duration such as PT15M) or set (an instant).");
			}
		}
		catch (DateTimeParseException ex) {
			throw Problem.badRequest("Advance", "Not an ISO-8601 duration or instant: " + ex.getParsedString());
		}
	}

	private Map<String, @Nullable Object> requests(SimRequest request) {
		String method = request.queryParam("method");
		String path = request.queryParam("path");
		Pattern pattern = (path != null) ? Pattern.compile(path) : null;
		List<Map<String, @Nullable Object>> requests = new ArrayList<>();
		for (SimulatorEngine.RequestLog.Entry entry : this.engine.journal().entries()) {
			if ((method == null || method.equals("*") || method.equalsIgnoreCase(entry.request.method()))
					&& (pattern == null || pattern.matcher(entry.request.path()).matches())) {
				requests.add(entry.toJson());
			}
		}
		Map<String, @Nullable Object> body = new LinkedHashMap<>();
		body.put("requests", requests);
		return body;
	}

	private Map<String, @Nullable Object> records(List<String> segments) {
		if (segments.size() < 5) {
			throw Problem.of(404, "Use /__simulator/tenants/{name}/{folder}/{resource}");
		}
		TenantState tenant;
		try {
			tenant = this.engine.tenant(segments.get(2));
		}
		catch (IllegalArgumentException ex) {
			throw Problem.of(404, ex.getMessage());
		}
		String resource = String.join("/", segments.subList(4, segments.size()));
		RecordStore store = tenant.declaredStore(segments.get(3), resource);
		if (store == null) {
			store = tenant.store(segments.get(3), resource);
		}
		if (store == null) {
			throw Problem.of(404, "No resource " + segments.get(3) + "/" + resource);
		}
		Map<String, @Nullable Object> body = new LinkedHashMap<>();
		body.put("data", store.all());
		return body;
	}

	private static Map<String, @Nullable Object> jsonBody(SimRequest request) {
		try {
			return Json.parseObject(request.bodyAsString());
		}
		catch (IllegalArgumentException ex) {
			throw Problem.badRequest("$", "The body must be a JSON object: " + ex.getMessage());
		}
	}

	/** A fault rule from its JSON form. */
	static FaultPlan.Rule rule(Map<String, @Nullable Object> body) {
		String method = (body.get("method") instanceof String && !"*".equals(body.get("method")))
				? (String) body.get("method") : null;
		Pattern path = null;
		if (body.get("path") instanceof String) {
			path = FaultPlan.template((String) body.get("path"));
		}
		else if (body.get("pathRegex") instanceof String) {
			path = Pattern.compile((String) body.get("pathRegex"));
		}
		Long next = Records.asLong(body.get("next"));
		Long times = Records.asLong(body.get("times"));
		int count = (next != null) ? next.intValue() : (times != null) ? times.intValue() : -1;
		if (count == 0 || count < -1) {
			throw Problem.badRequest("Times", "times and next must be at least 1.");
		}
		Long status = Records.asLong(body.get("status"));
		Long retryAfter = Records.asLong(body.get("retryAfterSeconds"));
		Long delay = Records.asLong(body.get("delayMillis"));
		Object fault = body.get("fault");
		if (status != null) {
			if (status < 400 || status > 599) {
				throw Problem.badRequest("Status", "status must be an error status (4xx or 5xx).");
			}
			return new FaultPlan.Rule(method, path, count, FaultPlan.Kind.STATUS, status.intValue(),
					(retryAfter != null) ? retryAfter : -1, null, 0);
		}
		if (delay != null) {
			if (delay < 0 || delay > Duration.ofMinutes(5).toMillis()) {
				throw Problem.badRequest("DelayMillis", "delayMillis must be between 0 and 300000.");
			}
			return new FaultPlan.Rule(method, path, count, FaultPlan.Kind.DELAY, 0, -1, null, delay);
		}
		if (fault instanceof String) {
			String name = ((String) fault).toUpperCase(Locale.ROOT).replace('-', '_');
			if (name.equals("TRUNCATED_BODY")) {
				return new FaultPlan.Rule(method, path, count, FaultPlan.Kind.TRUNCATED_BODY, 0, -1, null, 0);
			}
			for (SimFault known : SimFault.values()) {
				if (known.name().equals(name)) {
					return new FaultPlan.Rule(method, path, count, FaultPlan.Kind.BROKEN_CONNECTION, 0, -1, known, 0);
				}
			}
		}
		throw Problem.badRequest("Fault", "Give status, delayMillis, or fault (connection-reset, empty-response, "
				+ "random-data-then-close, truncated-body).");
	}

}
