package io.github.servicetitan4j;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * Reads ServiceTitan's page and export envelopes. A body that is not an envelope (no {@code data} array) is an error,
 * never records.
 */
final class Pages {

	private Pages() {
	}

	static Page<JsonNode> toPage(JsonNode root, CallDescriptor call) {
		List<JsonNode> data = data(root, call);
		JsonNode total = root.path("totalCount");
		return new Page<>(root.path("page").asInt(0), root.path("pageSize").asInt(data.size()),
				root.path("hasMore").asBoolean(false), total.isNumber() ? total.asLong() : null, data);
	}

	static ExportPage<JsonNode> toExportPage(JsonNode root, CallDescriptor call) {
		List<JsonNode> data = data(root, call);
		JsonNode token = root.path("continueFrom");
		return new ExportPage<>(data, root.path("hasMore").asBoolean(false),
				(token.isString() && !token.asString().isEmpty()) ? token.asString() : null);
	}

	private static List<JsonNode> data(JsonNode root, CallDescriptor call) {
		JsonNode data = root.path("data");
		if (!data.isArray()) {
			throw new ServiceTitanMappingException(call.folder() + "/" + call.endpoint() + " (" + call.operation()
					+ ") answered without a 'data' array; got " + describe(root), null);
		}
		List<JsonNode> records = new ArrayList<>(data.size());
		data.forEach(records::add);
		return records;
	}

	private static String describe(JsonNode root) {
		if (root.isMissingNode()) {
			return "an empty body";
		}
		if (root.isObject()) {
			List<String> names = new ArrayList<>(root.propertyNames());
			return "an object with " + names;
		}
		return "a JSON " + root.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
	}

}
