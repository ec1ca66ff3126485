package io.github.servicetitan4j.test.internal;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Field checks for request bodies, failing with ServiceTitan-style 400 problems named after the C# property.
 */
final class Validation {

	private Validation() {
	}

	static String requiredText(Map<String, @Nullable Object> body, String field) {
		Object value = body.get(field);
		if (!(value instanceof String) || ((String) value).trim().isEmpty()) {
			throw Problem.badRequest(property(field), "The " + property(field) + " field is required.");
		}
		return (String) value;
	}

	static long requiredId(Map<String, @Nullable Object> body, String field) {
		Long value = Records.asLong(body.get(field));
		if (value == null) {
			throw Problem.badRequest(property(field), "The " + property(field) + " field is required.");
		}
		return value;
	}

	/** Fails unless the referenced record exists in the store. */
	static void exists(RecordStore store, long id, String field) {
		if (!store.exists(id)) {
			throw Problem.badRequest(property(field), store.label() + " with id " + id + " does not exist.");
		}
	}

	static String property(String field) {
		return field.isEmpty() ? field : Character.toUpperCase(field.charAt(0)) + field.substring(1);
	}

}
