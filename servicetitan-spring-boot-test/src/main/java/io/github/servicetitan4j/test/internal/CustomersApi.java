package io.github.servicetitan4j.test.internal;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * {@code crm/v2/tenant/{t}/customers}: list, get, create, patch and delete.
 */
final class CustomersApi {

	private CustomersApi() {
	}

	static SimResponse handle(ApiCall call) {
		RecordStore customers = call.tenant().customers();
		if (call.size() == 1) {
			switch (call.method()) {
				case "GET":
					return SimResponse.json(200, PagedQuery.of(call.request()).page(customers.all()));
				case "POST":
					return SimResponse.json(200, customers.insert(create(call.jsonBody(), customers.nextId())));
				default:
					throw call.methodNotAllowed();
			}
		}
		if (call.size() == 2) {
			long id = call.id(1);
			switch (call.method()) {
				case "GET":
					return SimResponse.json(200, customers.get(id));
				case "PATCH":
					Map<String, @Nullable Object> existing = customers.get(id);
					return SimResponse.json(200, customers.update(id, changes(call.jsonBody(), existing)));
				case "DELETE":
					customers.delete(id);
					return SimResponse.empty(200);
				default:
					throw call.methodNotAllowed();
			}
		}
		throw Problem.of(404, "Not Found");
	}

	private static Map<String, @Nullable Object> create(Map<String, @Nullable Object> body, long id) {
		Map<String, @Nullable Object> record = new LinkedHashMap<>();
		record.put("id", id);
		record.put("active", Boolean.TRUE);
		record.put("name", Validation.requiredText(body, "name"));
		record.put("type", type(body.getOrDefault("type", "Residential")));
		record.put("address", address(body.get("address")));
		record.put("balance", BigDecimal.ZERO.setScale(2));
		record.put("doNotMail", Boolean.TRUE.equals(body.get("doNotMail")));
		record.put("doNotService", Boolean.TRUE.equals(body.get("doNotService")));
		return record;
	}

	private static Map<String, @Nullable Object> changes(Map<String, @Nullable Object> body,
			Map<String, @Nullable Object> existing) {
		Map<String, @Nullable Object> changes = new LinkedHashMap<>();
		if (body.containsKey("name")) {
			changes.put("name", Validation.requiredText(body, "name"));
		}
		if (body.containsKey("type")) {
			changes.put("type", type(body.get("type")));
		}
		if (body.get("address") instanceof Map) {
			// A patch changes only the address fields it names.
			Map<String, @Nullable Object> address = new LinkedHashMap<>();
			if (existing.get("address") instanceof Map) {
				((Map<?, ?>) existing.get("address")).forEach((key, value) -> address.put(String.valueOf(key), value));
			}
			((Map<?, ?>) body.get("address")).forEach((key, value) -> address.put(String.valueOf(key), value));
			changes.put("address", address(address));
		}
		for (String flag : new String[] { "doNotMail", "doNotService", "active" }) {
			if (body.get(flag) instanceof Boolean) {
				changes.put(flag, body.get(flag));
			}
		}
		return changes;
	}

	private static String type(@Nullable Object type) {
		if ("Residential".equals(type) || "Commercial".equals(type)) {
			return (String) type;
		}
		throw Problem.badRequest("Type", "The Type field must be Residential or Commercial.");
	}

	private static Map<String, @Nullable Object> address(@Nullable Object value) {
		Map<String, @Nullable Object> address = new LinkedHashMap<>();
		Map<?, ?> given = (value instanceof Map) ? (Map<?, ?>) value : Map.of();
		for (String field : new String[] { "street", "unit", "city", "state", "zip", "country" }) {
			Object part = given.get(field);
			if (part != null || !field.equals("unit")) {
				address.put(field, (part != null) ? String.valueOf(part) : null);
			}
		}
		return address;
	}

}
