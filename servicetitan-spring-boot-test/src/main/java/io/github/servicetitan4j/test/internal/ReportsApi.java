package io.github.servicetitan4j.test.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.zip.GZIPOutputStream;

import org.jspecify.annotations.Nullable;

/**
 * {@code reporting/v2/tenant/{t}/...}: report categories, the reports of a category, a report's description, its
 * data ({@code POST .../reports/{id}/data}, paged, parameters checked as ServiceTitan does) and dynamic value sets,
 * over the {@link ReportCatalog}.
 * <p>
 * Data requests are limited per report and tenant: {@value #RUNS_PER_MINUTE} in any 60 seconds of the simulator's
 * clock (what ServiceTitan's FAQ says), every page counting; the next one answers 429 as the engine answers its own
 * rate limit ({@code Retry-After} and a title saying when to come back, unless the settings say otherwise). Data pages put {@code fields} after {@code data}, as ServiceTitan's own example does.
 * <p>
 * The asynchronous flow: {@code POST .../data/query?page&pageSize} (a run too) answers a small result at once (200)
 * and a larger one with {@code 202 {status, token}}; {@code GET data-queries/{token}} answers 202 until the query's
 * time has passed on the simulator's clock, then 200 with the page, gzip-compressed when the request accepts gzip;
 * {@code DELETE data-queries/{token}} answers 204 and frees the tenant's slot. A query started with
 * {@code notifyWhenReady=true} is announced once done, by {@link #takeReady()}, which the webhook sender turns into a
 * {@code tn.rpr.report-data-ready} delivery whose data is {@code {"token", "reportId"}}. A tenant runs at most
 * {@link SimulatorSettings#reportQuerySlots} queries at once (finished ones hold their slot until released, or for 10
 * minutes); one more answers 429.
 */
public final class ReportsApi {

	/** Data requests of one report allowed in any 60 seconds. */
	public static final int RUNS_PER_MINUTE = 5;

	private static final int DEFAULT_DATA_PAGE_SIZE = 1000;

	private final ReportCatalog catalog;

	private final Clock clock;

	private final LongFunction<SimResponse> tooManyRequests;

	/** How long a finished query holds its tenant's slot when nobody releases it. */
	private static final long FINISHED_QUERY_LIFETIME_MILLIS = 600_000;

	private final Map<String, Deque<Long>> runs = new HashMap<>();

	private final Map<String, Query> queries = new LinkedHashMap<>();

	private final SimulatorSettings settings;

	private long nextToken;

	/**
	 * @param settings the simulator's settings: how queries answer
	 * @param clock the simulator's clock
	 * @param tooManyRequests the 429 answer for a wait of so many seconds, as the engine answers its rate limit
	 */
	public ReportsApi(SimulatorSettings settings, Clock clock, LongFunction<SimResponse> tooManyRequests) {
		this.catalog = new ReportCatalog();
		this.settings = settings;
		this.clock = clock;
		this.tooManyRequests = tooManyRequests;
	}

	/** Forgets the data requests and queries made so far. */
	public synchronized void reset() {
		this.runs.clear();
		this.queries.clear();
	}

	/** A query answered with a token: its tenant, when it is done, its page, and whether it is to be announced. */
	private static final class Query {

		final String tenant;

		final long readyAt;

		final Map<String, @Nullable Object> page;

		final long reportId;

		boolean notify;

		Query(String tenant, long readyAt, Map<String, @Nullable Object> page, long reportId, boolean notify) {
			this.tenant = tenant;
			this.readyAt = readyAt;
			this.page = page;
			this.reportId = reportId;
			this.notify = notify;
		}

	}

	/** A finished query that asked to be announced. */
	public static final class ReadyQuery {

		/** The tenant's id. */
		public final String tenantId;

		/** The query's token. */
		public final String token;

		/** The report. */
		public final long reportId;

		/** When it finished on the simulator's clock. */
		public final Instant readyAt;

		ReadyQuery(String tenantId, String token, long reportId, Instant readyAt) {
			this.tenantId = tenantId;
			this.token = token;
			this.reportId = reportId;
			this.readyAt = readyAt;
		}

	}

	/**
	 * The queries started with {@code notifyWhenReady=true} that finished by the simulator's clock and were not
	 * announced yet; each is returned once. A query released before it finished is never announced.
	 */
	public synchronized List<ReadyQuery> takeReady() {
		long now = this.clock.millis();
		List<ReadyQuery> ready = new ArrayList<>();
		this.queries.forEach((token, query) -> {
			if (query.notify && query.readyAt <= now) {
				query.notify = false;
				ready.add(new ReadyQuery(query.tenant, token, query.reportId, Instant.ofEpochMilli(query.readyAt)));
			}
		});
		return ready;
	}

	/** Answers a call whose folder is {@code reporting}. */
	public synchronized SimResponse handle(ApiCall call) {
		List<String> rest = call.rest();
		if (rest.size() == 1 && rest.get(0).equals("report-categories")) {
			requireGet(call);
			return SimResponse.json(200, PagedQuery.of(call.request()).page(this.catalog.categories()));
		}
		if (rest.size() == 2 && rest.get(0).equals("data-queries")) {
			return dataQuery(call, rest.get(1));
		}
		if (rest.size() == 2 && rest.get(0).equals("dynamic-value-sets")) {
			requireGet(call);
			List<List<@Nullable Object>> values = this.catalog.dynamicSet(rest.get(1));
			if (values == null) {
				throw Problem.of(404, "Dynamic value set " + rest.get(1) + " not found");
			}
			return SimResponse.json(200, rowsPage(call, values, ReportCatalog.headers(), 50));
		}
		if (rest.size() >= 3 && rest.get(0).equals("report-category") && rest.get(2).equals("reports")) {
			String category = rest.get(1);
			List<Map<String, @Nullable Object>> reports = this.catalog.reports(category);
			if (reports == null) {
				throw Problem.of(404, "Report category " + category + " not found");
			}
			if (rest.size() == 3) {
				requireGet(call);
				return SimResponse.json(200, PagedQuery.of(call.request()).page(reports));
			}
			long id = call.id(3);
			Map<String, @Nullable Object> description = this.catalog.describe(category, id);
			if (description == null) {
				throw Problem.of(404, "Report " + id + " not found in category " + category);
			}
			if (rest.size() == 4) {
				requireGet(call);
				return SimResponse.json(200, description);
			}
			if (rest.size() == 5 && rest.get(4).equals("data")) {
				if (!call.method().equals("POST")) {
					throw call.methodNotAllowed();
				}
				return data(call, id, description);
			}
			if (rest.size() == 6 && rest.get(4).equals("data") && rest.get(5).equals("query")) {
				if (!call.method().equals("POST")) {
					throw call.methodNotAllowed();
				}
				return startQuery(call, id, description);
			}
		}
		throw Problem.of(404, "Not Found");
	}

	private SimResponse data(ApiCall call, long id, Map<String, @Nullable Object> description) {
		long retryAfter = takeRun(tenantId(call) + "/" + id);
		if (retryAfter > 0) {
			return this.tooManyRequests.apply(retryAfter);
		}
		Map<String, @Nullable Object> values = parameters(call, description);
		List<List<@Nullable Object>> rows = this.catalog.rows(id, values, call.tenant());
		List<Map<String, @Nullable Object>> fields = new ArrayList<>();
		for (Object field : (List<?>) description.get("fields")) {
			Map<?, ?> declared = (Map<?, ?>) field;
			fields.add(ReportCatalog.header(String.valueOf(declared.get("name")), String.valueOf(declared.get("label"))));
		}
		return SimResponse.json(200, rowsPage(call, rows, fields, DEFAULT_DATA_PAGE_SIZE));
	}

	private SimResponse startQuery(ApiCall call, long id, Map<String, @Nullable Object> description) {
		String tenant = tenantId(call);
		long now = this.clock.millis();
		this.queries.values()
			.removeIf((query) -> query.readyAt + FINISHED_QUERY_LIFETIME_MILLIS <= now);
		long running = this.queries.values().stream().filter((query) -> query.tenant.equals(tenant)).count();
		if (running >= this.settings.reportQuerySlots) {
			throw Problem.of(429, "Too many concurrent report queries (" + running + "); release a token first.");
		}
		long retryAfter = takeRun(tenant + "/" + id);
		if (retryAfter > 0) {
			return this.tooManyRequests.apply(retryAfter);
		}
		Map<String, @Nullable Object> values = parameters(call, description);
		List<List<@Nullable Object>> rows = this.catalog.rows(id, values, call.tenant());
		Map<String, @Nullable Object> page = rowsPage(call, rows, fields(description), DEFAULT_DATA_PAGE_SIZE);
		if (rows.size() <= this.settings.reportInlineRows) {
			return SimResponse.json(200, page);
		}
		String token = "q" + (++this.nextToken) + "-" + Long.toHexString(Double.doubleToLongBits(Math.random()));
		boolean notify = "true".equalsIgnoreCase(call.request().queryParam("notifyWhenReady"));
		this.queries.put(token, new Query(tenant, now + this.settings.reportQueryTime.toMillis(), page, id, notify));
		return pending(token, "NotStarted");
	}

	private SimResponse dataQuery(ApiCall call, String token) {
		Query query = this.queries.get(token);
		if (call.method().equals("DELETE")) {
			// Released even when finished, and for an unknown token: nothing left to free.
			this.queries.remove(token);
			return SimResponse.empty(204);
		}
		if (!call.method().equals("GET")) {
			throw call.methodNotAllowed();
		}
		if (query == null || !query.tenant.equals(tenantId(call))) {
			throw Problem.of(404, "Data query not found");
		}
		if (this.clock.millis() < query.readyAt) {
			return pending(token, "InProgress");
		}
		byte[] json = Json.write(query.page).getBytes(StandardCharsets.UTF_8);
		String accepted = call.request().header("Accept-Encoding");
		if (accepted != null && accepted.toLowerCase(Locale.ROOT).contains("gzip")) {
			return SimResponse.bytes(200, "application/json; charset=utf-8", gzip(json))
				.withHeader("Content-Encoding", "gzip");
		}
		return SimResponse.bytes(200, "application/json; charset=utf-8", json);
	}

	private static SimResponse pending(String token, String status) {
		Map<String, @Nullable Object> body = new LinkedHashMap<>();
		body.put("status", status);
		body.put("token", token);
		return SimResponse.json(202, body);
	}

	private static byte[] gzip(byte[] bytes) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
			zip.write(bytes);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	private static List<Map<String, @Nullable Object>> fields(Map<String, @Nullable Object> description) {
		List<Map<String, @Nullable Object>> fields = new ArrayList<>();
		for (Object field : (List<?>) description.get("fields")) {
			Map<?, ?> declared = (Map<?, ?>) field;
			fields.add(ReportCatalog.header(String.valueOf(declared.get("name")), String.valueOf(declared.get("label"))));
		}
		return fields;
	}

	/** The tenant id of the call's path: the limit is per report per tenant. */
	private static String tenantId(ApiCall call) {
		List<String> segments = UrlCodec.segments(call.request().path());
		return (segments.size() > 3) ? segments.get(3) : "";
	}

	/** Takes one of the report's runs of the last minute; 0 when granted, else the seconds until one is free. */
	private long takeRun(String report) {
		long now = this.clock.millis();
		Deque<Long> recent = this.runs.computeIfAbsent(report, (key) -> new ArrayDeque<>());
		while (!recent.isEmpty() && recent.peekFirst() <= now - 60_000) {
			recent.removeFirst();
		}
		if (recent.size() >= RUNS_PER_MINUTE) {
			long waitMillis = recent.peekFirst() + 60_000 - now;
			return Math.max(1, (waitMillis + 999) / 1000);
		}
		recent.addLast(now);
		return 0;
	}

	/** Checks the body's parameters against the description; answers 400 for the first problem. */
	private static Map<String, @Nullable Object> parameters(ApiCall call, Map<String, @Nullable Object> description) {
		Map<String, Map<?, ?>> declared = new LinkedHashMap<>();
		for (Object parameter : (List<?>) description.get("parameters")) {
			declared.put(String.valueOf(((Map<?, ?>) parameter).get("name")), (Map<?, ?>) parameter);
		}
		Map<String, @Nullable Object> body = call.request().bodyAsString().trim().isEmpty() ? Map.of() : call.jsonBody();
		Object given = body.get("parameters");
		if (given != null && !(given instanceof List)) {
			throw Problem.badRequest("parameters", "The parameters must be an array of {name, value}.");
		}
		Map<String, @Nullable Object> values = new LinkedHashMap<>();
		for (Object entry : (given != null) ? (List<?>) given : List.of()) {
			if (!(entry instanceof Map) || !(((Map<?, ?>) entry).get("name") instanceof String)) {
				throw Problem.badRequest("parameters", "Each parameter must have a name.");
			}
			Map<?, ?> map = (Map<?, ?>) entry;
			String name = (String) map.get("name");
			Map<?, ?> parameter = declared.get(name);
			if (parameter == null) {
				throw Problem.badRequest("parameters", "The report has no parameter '" + name + "'.");
			}
			values.put(name, value(parameter, map.get("value")));
		}
		for (Map.Entry<String, Map<?, ?>> parameter : declared.entrySet()) {
			if (Boolean.TRUE.equals(parameter.getValue().get("isRequired")) && values.get(parameter.getKey()) == null) {
				throw Problem.badRequest(parameter.getKey(), "The parameter '" + parameter.getKey() + "' is required.");
			}
		}
		Object from = values.get("From");
		Object to = values.get("To");
		if (from instanceof LocalDate && to instanceof LocalDate && ((LocalDate) to).isBefore((LocalDate) from)) {
			throw Problem.badRequest("To", "The date To must not be before From.");
		}
		return values;
	}

	private static @Nullable Object value(Map<?, ?> parameter, @Nullable Object value) {
		String name = String.valueOf(parameter.get("name"));
		if (value == null) {
			return null;
		}
		String type = String.valueOf(parameter.get("dataType")).toLowerCase(Locale.ROOT);
		if (Boolean.TRUE.equals(parameter.get("isArray"))) {
			if (!(value instanceof List)) {
				throw Problem.badRequest(name, "The parameter '" + name + "' expects an array.");
			}
			List<@Nullable Object> values = new ArrayList<>();
			for (Object element : (List<?>) value) {
				values.add(scalar(name, type, element));
			}
			return values;
		}
		return scalar(name, type, value);
	}

	private static Object scalar(String name, String type, @Nullable Object value) {
		Object parsed;
		switch (type) {
			case "date":
				parsed = (value instanceof String) ? date((String) value) : null;
				break;
			case "time":
				parsed = (value instanceof String) ? time((String) value) : null;
				break;
			case "number":
				parsed = number(value);
				break;
			case "boolean":
				parsed = (value instanceof Boolean) ? value : null;
				break;
			default:
				parsed = (value instanceof String) ? value : null;
				break;
		}
		if (parsed == null) {
			throw Problem.badRequest(name, "The value '" + value + "' is not a valid " + type + ".");
		}
		return parsed;
	}

	private static @Nullable LocalDate date(String text) {
		try {
			return LocalDate.parse(text);
		}
		catch (DateTimeParseException ex) {
			// maybe a date-time
		}
		try {
			return OffsetDateTime.parse(text).toLocalDate();
		}
		catch (DateTimeParseException ex) {
			// maybe without an offset
		}
		try {
			return LocalDateTime.parse(text).toLocalDate();
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static @Nullable LocalTime time(String text) {
		try {
			return LocalTime.parse(text);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static @Nullable Object number(@Nullable Object value) {
		if (value instanceof Long || value instanceof BigDecimal) {
			return value;
		}
		if (value instanceof String) {
			try {
				return new BigDecimal(((String) value).trim());
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}
		return null;
	}

	/** A page of array rows: {@code page, pageSize, hasMore, totalCount, data, fields}. */
	private static Map<String, @Nullable Object> rowsPage(ApiCall call, List<List<@Nullable Object>> rows,
			List<Map<String, @Nullable Object>> fields, int defaultPageSize) {
		int page = positive(call.request().queryParam("page"), 1, Integer.MAX_VALUE, "Page");
		int pageSize = positive(call.request().queryParam("pageSize"), defaultPageSize, PagedQuery.MAX_PAGE_SIZE,
				"PageSize");
		boolean includeTotal = "true".equalsIgnoreCase(call.request().queryParam("includeTotal"));
		long from = (long) (page - 1) * pageSize;
		List<List<@Nullable Object>> data = new ArrayList<>();
		for (long i = from; i < rows.size() && data.size() < pageSize; i++) {
			data.add(rows.get((int) i));
		}
		Map<String, @Nullable Object> body = new LinkedHashMap<>();
		body.put("page", (long) page);
		body.put("pageSize", (long) pageSize);
		body.put("hasMore", from + data.size() < rows.size());
		body.put("totalCount", includeTotal ? (Object) (long) rows.size() : null);
		body.put("data", data);
		body.put("fields", fields);
		return body;
	}

	private static int positive(@Nullable String text, int defaultValue, int max, String field) {
		if (text == null || text.isEmpty()) {
			return defaultValue;
		}
		try {
			long value = Long.parseLong(text.trim());
			if (value >= 1 && value <= max) {
				return (int) value;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw Problem.badRequest(field, "The field " + field + " must be between 1 and " + max + ".");
	}

	private static void requireGet(ApiCall call) {
		if (!call.method().equals("GET")) {
			throw call.methodNotAllowed();
		}
	}

}
