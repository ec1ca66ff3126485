package io.github.servicetitan4j.test.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A declared resource ({@link ResourceDefinition}): list and get always; create ({@code POST}), update ({@code PUT}
 * replaces, {@code PATCH} merges) and delete when declared, else 405. The records are taken as they come: no field is
 * required and none is checked, beyond the body being a JSON object.
 */
final class GenericApi {

	private GenericApi() {
	}

	static SimResponse handle(ApiCall call, ResourceDefinition resource, RecordStore store) {
		int depth = resource.name.split("/").length;
		if (call.size() == depth) {
			switch (call.method()) {
				case "GET":
					return SimResponse.json(200, PagedQuery.of(call.request()).page(store.all()));
				case "POST":
					if (!resource.create) {
						throw call.methodNotAllowed();
					}
					Map<String, @Nullable Object> record = call.jsonBody();
					record.put("id", store.nextId());
					record.remove("createdOn");
					record.remove("modifiedOn");
					return SimResponse.json(200, store.insert(record));
				default:
					throw call.methodNotAllowed();
			}
		}
		if (call.size() != depth + 1) {
			throw Problem.of(404, "Not Found");
		}
		long id = call.id(depth);
		switch (call.method()) {
			case "GET":
				return SimResponse.json(200, store.get(id));
			case "PATCH":
				if (!resource.update) {
					throw call.methodNotAllowed();
				}
				store.get(id);
				return SimResponse.json(200, store.update(id, call.jsonBody()));
			case "PUT":
				if (!resource.update) {
					throw call.methodNotAllowed();
				}
				Map<String, @Nullable Object> replacement = call.jsonBody();
				Map<String, @Nullable Object> changes = new LinkedHashMap<>();
				// Fields the replacement leaves out are cleared; identity, stamps and the active flag stay.
				for (String field : store.get(id).keySet()) {
					if (!field.equals("active")) {
						changes.put(field, null);
					}
				}
				changes.putAll(replacement);
				return SimResponse.json(200, store.update(id, changes));
			case "DELETE":
				if (!resource.delete) {
					throw call.methodNotAllowed();
				}
				store.delete(id);
				return SimResponse.empty(200);
			default:
				throw call.methodNotAllowed();
		}
	}

}
