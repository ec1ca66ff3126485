package io.github.servicetitan4j;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.Stream;

import io.github.servicetitan4j.errors.ServiceTitanMappingException;
import io.github.servicetitan4j.ratelimit.RateLimiter;
import io.github.servicetitan4j.retry.Sleeper;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpMethod;
import org.springframework.util.unit.DataSize;

/**
 * The {@link Reports} of a {@link ServiceTitanClient}. Discovery (categories, reports, descriptions, dynamic value
 * sets) goes through the client's own {@link Endpoint}s; runs walk the data pages with the same page walk as
 * {@code streamAll}, each page a read-only POST paced by the report's own limiter.
 */
final class DefaultReports implements Reports {

	static final String FOLDER = "reporting";

	static final String OPERATION = "report";

	private final EndpointFactory endpoints;

	private final RequestExecutor executor;

	private final RecordMapper records;

	private final OperationObserver observer;

	private final ServiceTitanClientListener listener;

	private final URI apiUrl;

	private final String tenantId;

	private final ReportingSettings settings;

	private final ReportLimits limits;

	private final DataSize maxResponseSize;

	DefaultReports(EndpointFactory endpoints, RequestExecutor executor, RecordMapper records, OperationObserver observer,
			ServiceTitanClientListener listener, URI apiUrl, String tenantId, DataSize maxResponseSize,
			ReportingSettings settings, ReportLimits.Source sharedLimits, Clock clock, Sleeper sleeper) {
		this.endpoints = endpoints;
		this.executor = executor;
		this.records = records;
		this.observer = observer;
		this.listener = listener;
		this.apiUrl = apiUrl;
		this.tenantId = tenantId;
		this.maxResponseSize = maxResponseSize;
		this.settings = settings;
		this.limits = new ReportLimits(settings, sharedLimits, clock, sleeper);
	}

	@Override
	public List<Category> categories() {
		try (Stream<JsonNode> categories = this.endpoints.endpoint(FOLDER, "report-categories").streamAll(Map.of())) {
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
	public ReportDescription describe(String category, long reportId) {
		checkCategory(category);
		JsonNode node = reportsEndpoint(category).getOne(Long.toString(reportId));
		if (!node.isObject()) {
			throw new ServiceTitanMappingException("The description of report " + reportId + " (" + category
					+ ") is not a JSON object: " + ReportValues.describe(node), null);
		}
		List<ReportDescription.Parameter> parameters = new ArrayList<>();
		for (JsonNode parameter : node.path("parameters")) {
			String name = parameter.path("name").asString("");
			parameters.add(new ReportDescription.Parameter(name, parameter.path("label").asString(name),
					ReportDataType.of(text(parameter, "dataType")), parameter.path("isArray").asBoolean(false),
					parameter.path("isRequired").asBoolean(false), acceptValues(parameter.path("acceptValues"))));
		}
		List<ReportDescription.Field> fields = new ArrayList<>();
		for (JsonNode field : node.path("fields")) {
			String name = field.path("name").asString("");
			fields.add(new ReportDescription.Field(name, field.path("label").asString(name),
					ReportDataType.of(text(field, "dataType"))));
		}
		return new ReportDescription(category, node.path("id").asLong(reportId), node.path("name").asString(""),
				text(node, "description"), parameters, fields);
	}

	@Override
	public ReportResult run(String category, long reportId, Map<String, ?> parameters) {
		ReportDescription description = describe(category, reportId);
		ReportPages pages = pages(description, parameters);
		try (Stream<ReportRow> rows = walk(description, pages).stream()) {
			List<ReportRow> all = rows.toList();
			return new ReportResult(description, pages.fields(), all);
		}
	}

	@Override
	public Stream<ReportRow> stream(String category, long reportId, Map<String, ?> parameters) {
		ReportDescription description = describe(category, reportId);
		return walk(description, pages(description, parameters)).stream();
	}

	@Override
	public List<Value> dynamicValues(String dynamicSetId) {
		Arguments.requireId(dynamicSetId, "dynamicSetId");
		try (Stream<JsonNode> rows = this.endpoints.endpoint(FOLDER, "dynamic-value-sets")
			.streamAll(dynamicSetId, null, Map.of())) {
			return rows.map(DefaultReports::value).toList();
		}
	}

	private ReportPages pages(ReportDescription description, Map<String, ?> parameters) {
		// Checked before any data request: a run that cannot succeed must not spend one of the report's few turns.
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("parameters", ReportParameters.check(description, parameters));
		byte[] json = this.records.toJson(body);
		CallDescriptor call = new CallDescriptor(FOLDER,
				"report-category/" + description.category() + "/reports/" + description.id(), OPERATION);
		EndpointUris uris = new EndpointUris(this.apiUrl, this.tenantId, FOLDER,
				"report-category/" + description.category() + "/reports");
		RateLimiter limiter = this.limits.of(description.category(), description.id());
		IntFunction<ApiRequest> requests = (page) -> {
			Map<String, Object> query = new LinkedHashMap<>();
			query.put("page", page);
			query.put("pageSize", this.settings.pageSize());
			query.put("includeTotal", true);
			// Only reads: ServiceTitan acts on nothing, so a lost answer may be asked for again.
			return uris.request(call, HttpMethod.POST, query, json, Long.toString(description.id()), "data")
				.readOnly(limiter);
		};
		return new ReportPages(this.executor, this.records, call, requests, description, this.maxResponseSize);
	}

	private PageWalk<ReportRow> walk(ReportDescription description, ReportPages pages) {
		CallDescriptor call = new CallDescriptor(FOLDER,
				"report-category/" + description.category() + "/reports/" + description.id(), OPERATION);
		return new PageWalk<>(this.observer, call, this.listener, 1, pages, pages.decoder(), 1, null);
	}

	private Endpoint reportsEndpoint(String category) {
		return this.endpoints.endpoint(FOLDER, "report-category/" + category + "/reports");
	}

	private static void checkCategory(@Nullable String category) {
		Arguments.requireResource(category, "category");
		if (category.contains("/")) {
			throw new IllegalArgumentException("category '" + category + "' must be one path segment");
		}
	}

	private static ReportDescription.@Nullable AcceptValues acceptValues(JsonNode node) {
		if (!node.isObject()) {
			return null;
		}
		List<Value> values = new ArrayList<>();
		for (JsonNode row : node.path("values")) {
			values.add(value(row));
		}
		return new ReportDescription.AcceptValues(text(node, "dynamicSetId"), values);
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
		return "Reports[tenant " + this.tenantId + "]";
	}

}
