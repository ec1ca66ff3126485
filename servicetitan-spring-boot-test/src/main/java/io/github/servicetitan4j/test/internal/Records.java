package io.github.servicetitan4j.test.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Helpers for records held as maps: deep copies and typed reads.
 */
public final class Records {

	private Records() {
	}

	/** A deep copy, so that what a caller holds never shares state with the store. */
	@SuppressWarnings("unchecked")
	public static <T> T copy(T value) {
		if (value instanceof Map) {
			Map<String, @Nullable Object> copy = new LinkedHashMap<>();
			for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
				copy.put(String.valueOf(entry.getKey()), copyNullable(entry.getValue()));
			}
			return (T) copy;
		}
		if (value instanceof List) {
			List<@Nullable Object> copy = new ArrayList<>();
			for (Object item : (List<?>) value) {
				copy.add(copyNullable(item));
			}
			return (T) copy;
		}
		return value;
	}

	private static @Nullable Object copyNullable(@Nullable Object value) {
		return (value != null) ? copy(value) : null;
	}

	/** The record's id. */
	public static long id(Map<String, ?> record) {
		Object id = record.get("id");
		if (!(id instanceof Number)) {
			throw new IllegalStateException("Record without a numeric id: " + record);
		}
		return ((Number) id).longValue();
	}

	/** An instant field, or null when absent or not a valid ISO-8601 instant. */
	public static @Nullable Instant instant(Map<String, ?> record, String field) {
		Object value = record.get(field);
		if (!(value instanceof String)) {
			return null;
		}
		try {
			return Instant.parse((String) value);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	/** How instants are written: ISO-8601 UTC to the millisecond. */
	public static String format(Instant instant) {
		return instant.truncatedTo(ChronoUnit.MILLIS).toString();
	}

	/** A long from a JSON number or numeric string, or null. */
	public static @Nullable Long asLong(@Nullable Object value) {
		if (value instanceof Long || value instanceof Integer) {
			return ((Number) value).longValue();
		}
		if (value instanceof Number) {
			double number = ((Number) value).doubleValue();
			return (number == Math.rint(number)) ? (long) number : null;
		}
		if (value instanceof String) {
			try {
				return Long.parseLong(((String) value).trim());
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}
		return null;
	}

}
