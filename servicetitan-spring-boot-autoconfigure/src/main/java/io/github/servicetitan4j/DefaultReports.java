package io.github.servicetitan4j;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import io.github.servicetitan4j.ServiceTitanClientListener.CallDescriptor;
import io.github.servicetitan4j.errors.ServiceTitanException.ServiceTitanMappingException;
import io.github.servicetitan4j.export.ExportCheckpointStore;
import io.github.servicetitan4j.ratelimit.RateLimiter;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The {@link Reports} of a {@link ServiceTitanClient}. Discovery (categories, reports, descriptions, dynamic value
 * sets) goes through the client's own {@link Endpoint}s; runs walk the data pages with the same page walk as
 * {@code streamAll}, each page a read-only POST paced by the report's own limiter.
 */
final class DefaultReports implements Reports {

	static final String FOLDER = "reporting";

	static final String OPERATION = "report";

	private final ClientContext client;

	DefaultReports(ClientContext client) {
		this.client = client;
	}

	@Override
	public List<Category> categories() {
		try (Stream<JsonNode> categories = this.client.endpoint(FOLDER, "report-categories").streamAll(Map.of())) {
			return categories.map((node) -> new Category(node.path("id").asString(""), node.path("name").asString("")))
				.toList();
		}
	}

	@Override
	public List<Summary> reports(String category) {
		checkCategory(category);
		try (Stream<JsonNode> reports = reportsEndpoint(category).streamAll(Map.of())) {
			return reports
				.map((node) -> new Summary(node.path("id").asLong(0), node.path("name").asString(""), text(node, "description")))
				.toList();
		}
	}

	@Override
	public Reports.Description describe(String category, long reportId) {
		checkCategory(category);
		JsonNode node = reportsEndpoint(category).getOne(Long.toString(reportId));
		if (!node.isObject()) {
			throw new ServiceTitanMappingException("The description of report " + reportId + " (" + category
					+ ") is not a JSON object: " + ReportValues.describe(node), null);
		}
		List<Reports.Description.Parameter> parameters = new ArrayList<>();
		for (JsonNode parameter : node.path("parameters")) {
			String name = parameter.path("name").asString("");
			parameters.add(new Reports.Description.Parameter(name, parameter.path("label").asString(name),
					Reports.DataType.of(text(parameter, "dataType")), parameter.path("isArray").asBoolean(false),
					parameter.path("isRequired").asBoolean(false), acceptValues(parameter.path("acceptValues"))));
		}
		List<Reports.Description.Field> fields = new ArrayList<>();
		for (JsonNode field : node.path("fields")) {
			String name = field.path("name").asString("");
			fields.add(new Reports.Description.Field(name, field.path("label").asString(name),
					Reports.DataType.of(text(field, "dataType"))));
		}
		return new Reports.Description(category, node.path("id").asLong(reportId), node.path("name").asString(""),
				text(node, "description"), parameters, fields);
	}

	@Override
	public Reports.Result run(String category, long reportId, Map<String, ?> parameters) {
		Reports.Description description = describe(category, reportId);
		ReportQueries queries = queries(description, parameters);
		ReportPages pages = pages(description, queries);
		try (Stream<Reports.Row> rows = walk(description, pages).stream().onClose(queries::close)) {
			List<Reports.Row> all = rows.toList();
			return new Reports.Result(description, pages.fields(), all);
		}
	}

	@Override
	public Stream<Reports.Row> stream(String category, long reportId, Map<String, ?> parameters) {
		Reports.Description description = describe(category, reportId);
		ReportQueries queries = queries(description, parameters);
		// Closed before its end, the run cancels its pending query so that the tenant's slot is freed.
		return walk(description, pages(description, queries)).stream().onClose(queries::close);
	}

	@Override
	public List<Value> dynamicValues(String dynamicSetId) {
		Arguments.requireId(dynamicSetId, "dynamicSetId");
		try (Stream<JsonNode> rows = this.client.endpoint(FOLDER, "dynamic-value-sets")
			.streamAll(dynamicSetId, null, Map.of())) {
			return rows.map(DefaultReports::value).toList();
		}
	}

	@Override
	public Stream<WindowRow> backfill(String category, long reportId, Map<String, ?> parameters, Backfill backfill) {
		Reports.Description description = describe(category, reportId);
		List<LocalDate[]> windows = windows(backfill);
		// Checked before any data request, with the first window's dates.
		ReportParameters.check(description, windowParameters(parameters, backfill, windows.get(0)));
		LocalDate settled = LocalDate.now(this.client.reportLimits().clock()).minus(backfill.lookBack());
		return windows.stream().filter((window) -> !finished(backfill, reportId, window, settled)).flatMap((window) -> {
			ReportQueries queries = queries(description, windowParameters(parameters, backfill, window));
			Stream<WindowRow> rows = walk(description, pages(description, queries)).stream()
				.onClose(queries::close)
				.map((row) -> new WindowRow(window[0], window[1], row));
			// Asked for only once the window's last row was taken: a window is saved finished when it was read whole.
			Stream<WindowRow> done = Stream.generate(() -> {
				backfill.checkpoints().save(checkpoint(backfill, reportId, window), window[1].toString());
				return (WindowRow) null;
			}).limit(1).filter(Objects::nonNull);
			return Stream.concat(rows, done).onClose(rows::close);
		});
	}

	private boolean finished(Backfill backfill, long reportId, LocalDate[] window, LocalDate settled) {
		// A window still within the look-back is run again even when done: its data may still change.
		return window[1].isBefore(settled) && backfill.checkpoints().load(checkpoint(backfill, reportId, window)) != null;
	}

	private ExportCheckpointStore.Key checkpoint(Backfill backfill, long reportId, LocalDate[] window) {
		return new ExportCheckpointStore.Key(this.client.tenantId(), FOLDER,
				"report/" + reportId + "/backfill/" + backfill.name() + "/" + backfill.window().name().toLowerCase(Locale.ROOT)
						+ "/" + window[0]);
	}

	private static Map<String, Object> windowParameters(Map<String, ?> parameters, Backfill backfill, LocalDate[] window) {
		Map<String, Object> values = new LinkedHashMap<>(parameters);
		values.put(backfill.fromParameter(), window[0]);
		values.put(backfill.toParameter(), window[1]);
		return values;
	}

	/** The range cut into windows, each its first and last day. */
	static List<LocalDate[]> windows(Backfill backfill) {
		List<LocalDate[]> windows = new ArrayList<>();
		for (LocalDate start = backfill.from(); !start.isAfter(backfill.to());) {
			LocalDate end = switch (backfill.window()) {
				case DAY -> start;
				case WEEK -> start.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
				case MONTH -> start.with(TemporalAdjusters.lastDayOfMonth());
			};
			if (end.isAfter(backfill.to())) {
				end = backfill.to();
			}
			windows.add(new LocalDate[] { start, end });
			start = end.plusDays(1);
		}
		return windows;
	}

	private ReportQueries queries(Reports.Description description, Map<String, ?> parameters) {
		// Checked before any data request: a run that cannot succeed must not spend one of the report's few turns.
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("parameters", ReportParameters.check(description, parameters));
		byte[] json = this.client.records().toJson(body);
		CallDescriptor call = new CallDescriptor(FOLDER,
				"report-category/" + description.category() + "/reports/" + description.id(), OPERATION);
		RateLimiter limiter = this.client.reportLimits().of(description.category(), description.id());
		return new ReportQueries(this.client, call, description, json, limiter);
	}

	private ReportPages pages(Reports.Description description, ReportQueries queries) {
		return new ReportPages(queries::read, this.client.records(), queries.call(), description);
	}

	private PageWalk<Reports.Row> walk(Reports.Description description, ReportPages pages) {
		CallDescriptor call = new CallDescriptor(FOLDER,
				"report-category/" + description.category() + "/reports/" + description.id(), OPERATION);
		return new PageWalk<>(this.client.observer(), call, this.client.listener(), 1, pages, pages.decoder(), 1, null);
	}

	private Endpoint reportsEndpoint(String category) {
		return this.client.endpoint(FOLDER, "report-category/" + category + "/reports");
	}

	private static void checkCategory(@Nullable String category) {
		Arguments.requireResource(category, "category");
		if (category.contains("/")) {
			throw new IllegalArgumentException("category '" + category + "' must be one path segment");
		}
	}

	private static Reports.Description.@Nullable AcceptValues acceptValues(JsonNode node) {
		if (!node.isObject()) {
			return null;
		}
		List<Value> values = new ArrayList<>();
		for (JsonNode row : node.path("values")) {
			values.add(value(row));
		}
		return new Reports.Description.AcceptValues(text(node, "dynamicSetId"), values);
	}

	/** A value row: the key, then the display name ({@code [key, name]}); an object row names them. */
	private static Value value(JsonNode row) {
		if (row.isArray()) {
			return new Value(scalar(row.get(0)), (row.size() > 1) ? ReportValues.string(row.get(1)) : null);
		}
		if (row.isObject()) {
			JsonNode key = row.has("key") ? row.get("key") : row.get("id");
			return new Value(scalar(key), text(row, "name"));
		}
		return new Value(scalar(row), ReportValues.string(row));
	}

	private static @Nullable Object scalar(@Nullable JsonNode node) {
		if (node == null || node.isNull() || node.isMissingNode()) {
			return null;
		}
		if (node.isIntegralNumber() && node.canConvertToLong()) {
			return node.longValue();
		}
		if (node.isNumber()) {
			BigDecimal number = node.decimalValue();
			return number;
		}
		if (node.isBoolean()) {
			return node.booleanValue();
		}
		return ReportValues.string(node);
	}

	private static @Nullable String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value == null || value.isNull() || value.isMissingNode()) ? null : value.asString();
	}

	@Override
	public String toString() {
		return "Reports[tenant " + this.client.tenantId() + "]";
	}

}
