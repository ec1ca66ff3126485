package io.github.servicetitan4j;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.Stream;

import io.github.servicetitan4j.ServiceTitanClientListener.CallDescriptor;
import io.github.servicetitan4j.errors.ServiceTitanException.ServiceTitanMappingException;
import io.github.servicetitan4j.ratelimit.RateLimiter;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpMethod;

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
		ReportPages pages = pages(description, parameters);
		try (Stream<Reports.Row> rows = walk(description, pages).stream()) {
			List<Reports.Row> all = rows.toList();
			return new Reports.Result(description, pages.fields(), all);
		}
	}

	@Override
	public Stream<Reports.Row> stream(String category, long reportId, Map<String, ?> parameters) {
		Reports.Description description = describe(category, reportId);
		return walk(description, pages(description, parameters)).stream();
	}

	@Override
	public List<Value> dynamicValues(String dynamicSetId) {
		Arguments.requireId(dynamicSetId, "dynamicSetId");
		try (Stream<JsonNode> rows = this.client.endpoint(FOLDER, "dynamic-value-sets")
			.streamAll(dynamicSetId, null, Map.of())) {
			return rows.map(DefaultReports::value).toList();
		}
	}

	private ReportPages pages(Reports.Description description, Map<String, ?> parameters) {
		// Checked before any data request: a run that cannot succeed must not spend one of the report's few turns.
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("parameters", ReportParameters.check(description, parameters));
		byte[] json = this.client.records().toJson(body);
		CallDescriptor call = new CallDescriptor(FOLDER,
				"report-category/" + description.category() + "/reports/" + description.id(), OPERATION);
		EndpointUris uris = new EndpointUris(this.client.apiUrl(), this.client.tenantId(), FOLDER,
				"report-category/" + description.category() + "/reports");
		RateLimiter limiter = this.client.reportLimits().of(description.category(), description.id());
		IntFunction<ApiRequest> requests = (page) -> {
			Map<String, Object> query = new LinkedHashMap<>();
			query.put("page", page);
			query.put("pageSize", this.client.reporting().pageSize());
			query.put("includeTotal", true);
			// Only reads: ServiceTitan acts on nothing, so a lost answer may be asked for again.
			return uris.request(call, HttpMethod.POST, Long.toString(description.id()), "data", json, query)
				.readOnly(limiter);
		};
		return new ReportPages(this.client.wholeBodies(), this.client.records(), call, requests, description);
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
