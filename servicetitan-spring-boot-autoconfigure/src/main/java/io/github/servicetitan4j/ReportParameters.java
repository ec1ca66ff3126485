package io.github.servicetitan4j;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

import org.jspecify.annotations.Nullable;

/**
 * Checks a run's parameter values against the report's description and writes them as ServiceTitan expects: every
 * problem (unknown names, missing required parameters, values of the wrong type, values a fixed list does not hold)
 * is named in one {@link IllegalArgumentException}, before any data request. Dates are sent as {@code yyyy-MM-dd},
 * times as {@code HH:mm:ss}, numbers and booleans as JSON numbers and booleans, arrays as JSON arrays.
 */
final class ReportParameters {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

	private ReportParameters() {
	}

	/**
	 * Checks and formats the values.
	 * @param description the report's description
	 * @param given values by parameter name
	 * @return the {@code parameters} of the data request body, in the description's order
	 */
	static List<Map<String, @Nullable Object>> check(Reports.Description description, Map<String, ?> given) {
		if (given == null) {
			throw new IllegalArgumentException("parameters must not be null (use Map.of())");
		}
		List<String> problems = new ArrayList<>();
		Map<Reports.Description.Parameter, Object> values = new LinkedHashMap<>();
		List<String> unknown = new ArrayList<>();
		for (Map.Entry<String, ?> entry : given.entrySet()) {
			Reports.Description.Parameter parameter = description.parameter(String.valueOf(entry.getKey()))
				.orElse(null);
			if (parameter == null) {
				unknown.add("'" + entry.getKey() + "'");
			}
			else if (values.containsKey(parameter)) {
				problems.add("'" + parameter.name() + "' is given twice (names match ignoring case)");
			}
			else if (entry.getValue() != null) {
				values.put(parameter, entry.getValue());
			}
		}
		if (!unknown.isEmpty()) {
			StringJoiner known = new StringJoiner(", ");
			description.parameters().forEach((parameter) -> known.add(parameter.name()));
			problems.add("unknown " + String.join(", ", unknown) + " (it takes: "
					+ ((known.length() > 0) ? known : "no parameters") + ")");
		}
		List<String> missing = new ArrayList<>();
		List<Map<String, @Nullable Object>> body = new ArrayList<>();
		for (Reports.Description.Parameter parameter : description.parameters()) {
			Object value = values.get(parameter);
			if (value == null) {
				if (parameter.required()) {
					missing.add("'" + parameter.name() + "' (" + parameter.dataType().name().toLowerCase(Locale.ROOT)
							+ ")");
				}
				continue;
			}
			Object formatted = format(parameter, value, problems);
			Map<String, @Nullable Object> entry = new LinkedHashMap<>();
			entry.put("name", parameter.name());
			entry.put("value", formatted);
			body.add(entry);
		}
		if (!missing.isEmpty()) {
			problems.add("missing required " + String.join(", ", missing));
		}
		if (!problems.isEmpty()) {
			throw new IllegalArgumentException("Parameters of report " + description.id() + " (" + description.category()
					+ ", '" + description.name() + "') are not valid: " + String.join("; ", problems));
		}
		return body;
	}

	private static @Nullable Object format(Reports.Description.Parameter parameter, Object value,
			List<String> problems) {
		List<Object> elements = elements(value);
		if (elements != null && !parameter.array()) {
			problems.add("'" + parameter.name() + "' takes one " + typeName(parameter.dataType()) + ", not a list");
			return null;
		}
		if (elements == null) {
			Object one = formatOne(parameter, value, problems);
			// An array parameter given one value gets a list of one.
			return parameter.array() ? List.of(one) : one;
		}
		List<Object> formatted = new ArrayList<>(elements.size());
		for (Object element : elements) {
			formatted.add(formatOne(parameter, element, problems));
		}
		return formatted;
	}

	private static @Nullable List<Object> elements(Object value) {
		if (value instanceof Collection<?> collection) {
			return new ArrayList<>(collection);
		}
		if (value instanceof Object[] array) {
			return new ArrayList<>(List.of(array));
		}
		if (value instanceof int[] ints) {
			List<Object> list = new ArrayList<>();
			for (int i : ints) {
				list.add(i);
			}
			return list;
		}
		if (value instanceof long[] longs) {
			List<Object> list = new ArrayList<>();
			for (long l : longs) {
				list.add(l);
			}
			return list;
		}
		return null;
	}

	private static Object formatOne(Reports.Description.Parameter parameter, @Nullable Object value,
			List<String> problems) {
		Object formatted = (value != null) ? convert(parameter.dataType(), value) : null;
		if (formatted == null) {
			problems.add("'" + parameter.name() + "' must be " + typeName(parameter.dataType()) + ", not "
					+ describe(value));
			return "";
		}
		Reports.Description.AcceptValues accept = parameter.acceptValues();
		if (accept != null && accept.dynamicSetId() == null && !accept.values().isEmpty()
				&& !accepted(accept, formatted)) {
			StringJoiner keys = new StringJoiner(", ");
			accept.values().forEach((known) -> keys.add(String.valueOf(key(known.key()))));
			problems.add("'" + parameter.name() + "' does not accept " + describe(value) + " (it accepts: " + keys + ")");
		}
		return formatted;
	}

	private static @Nullable Object convert(Reports.DataType type, Object value) {
		return switch (type) {
			case STRING -> (value instanceof CharSequence || value instanceof Number || value instanceof Enum<?>)
					? value.toString() : null;
			case NUMBER -> number(value);
			case BOOLEAN -> bool(value);
			case DATE -> date(value);
			case TIME -> time(value);
			case UNKNOWN -> (value instanceof Temporal) ? value.toString() : value;
		};
	}

	private static @Nullable Object number(Object value) {
		if (value instanceof Double || value instanceof Float) {
			double number = ((Number) value).doubleValue();
			return (Double.isFinite(number)) ? BigDecimal.valueOf(number) : null;
		}
		if (value instanceof Number) {
			return value;
		}
		if (value instanceof CharSequence text) {
			try {
				return new BigDecimal(text.toString().trim());
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}
		return null;
	}

	private static @Nullable Boolean bool(Object value) {
		if (value instanceof Boolean bool) {
			return bool;
		}
		if (value instanceof CharSequence text) {
			String trimmed = text.toString().trim();
			if (trimmed.equalsIgnoreCase("true") || trimmed.equalsIgnoreCase("false")) {
				return Boolean.valueOf(trimmed);
			}
		}
		return null;
	}

	private static @Nullable String date(Object value) {
		if (value instanceof LocalDate date) {
			return date.toString();
		}
		if (value instanceof CharSequence text) {
			try {
				return LocalDate.parse(text.toString().trim()).toString();
			}
			catch (DateTimeParseException ex) {
				return null;
			}
		}
		return null;
	}

	private static @Nullable String time(Object value) {
		if (value instanceof LocalTime time) {
			return TIME.format(time);
		}
		if (value instanceof CharSequence text) {
			try {
				return TIME.format(LocalTime.parse(text.toString().trim()));
			}
			catch (DateTimeParseException ex) {
				return null;
			}
		}
		return null;
	}

	private static boolean accepted(Reports.Description.AcceptValues accept, Object value) {
		Object wanted = key(value);
		for (Reports.Value known : accept.values()) {
			if (wanted.equals(key(known.key()))) {
				return true;
			}
		}
		return false;
	}

	/** A comparable form: numbers without trailing zeros, everything else as text. */
	private static Object key(@Nullable Object value) {
		if (value instanceof Number number) {
			try {
				return new BigDecimal(number.toString()).stripTrailingZeros().toPlainString();
			}
			catch (NumberFormatException ex) {
				return number.toString();
			}
		}
		return String.valueOf(value);
	}

	private static String typeName(Reports.DataType type) {
		return switch (type) {
			case STRING -> "a String";
			case NUMBER -> "a Number (a Java Number or numeric text)";
			case BOOLEAN -> "a Boolean";
			case DATE -> "a Date (LocalDate or yyyy-MM-dd)";
			case TIME -> "a Time (LocalTime or HH:mm:ss)";
			case UNKNOWN -> "a value";
		};
	}

	private static String describe(@Nullable Object value) {
		if (value == null) {
			return "null";
		}
		String text = String.valueOf(value);
		if (text.length() > 40) {
			text = text.substring(0, 37) + "...";
		}
		return value.getClass().getSimpleName() + " '" + text + "'";
	}

}
