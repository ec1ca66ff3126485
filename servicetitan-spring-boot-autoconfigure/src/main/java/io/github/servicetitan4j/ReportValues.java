package io.github.servicetitan4j;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads report values leniently, whatever type the description declared: report fields are not always what their
 * description says (numbers arrive as strings, booleans as 0/1 or "Yes", dates with or without a time or an offset).
 * Each method returns null for a JSON null, a missing value or a blank string, and throws
 * {@link IllegalArgumentException} for a value it cannot read as the asked type.
 */
final class ReportValues {

	private ReportValues() {
	}

	static boolean isNull(@Nullable JsonNode value) {
		return value == null || value.isNull() || value.isMissingNode()
				|| (value.isString() && value.asString().isBlank());
	}

	static @Nullable String string(@Nullable JsonNode value) {
		if (value == null || value.isNull() || value.isMissingNode()) {
			return null;
		}
		if (value.isString()) {
			return value.asString();
		}
		if (value.isNumber()) {
			return value.decimalValue().toPlainString();
		}
		if (value.isBoolean()) {
			return Boolean.toString(value.booleanValue());
		}
		return value.toString();
	}

	static @Nullable BigDecimal number(@Nullable JsonNode value) {
		if (isNull(value)) {
			return null;
		}
		if (value.isNumber()) {
			return value.decimalValue();
		}
		if (value.isString()) {
			String text = value.asString().trim().replace(",", "");
			boolean negative = text.startsWith("-");
			String digits = negative ? text.substring(1).trim() : text;
			if (digits.startsWith("$")) {
				digits = digits.substring(1).trim();
			}
			try {
				BigDecimal number = new BigDecimal(digits);
				return negative ? number.negate() : number;
			}
			catch (NumberFormatException ex) {
				// reported below
			}
		}
		throw new IllegalArgumentException(describe(value) + " is not a number");
	}

	static @Nullable Boolean bool(@Nullable JsonNode value) {
		if (isNull(value)) {
			return null;
		}
		if (value.isBoolean()) {
			return value.booleanValue();
		}
		if (value.isNumber()) {
			return value.decimalValue().signum() != 0;
		}
		if (value.isString()) {
			switch (value.asString().trim().toLowerCase(Locale.ROOT)) {
				case "true", "yes", "y", "1":
					return Boolean.TRUE;
				case "false", "no", "n", "0":
					return Boolean.FALSE;
				default:
					break;
			}
		}
		throw new IllegalArgumentException(describe(value) + " is not a boolean");
	}

	static @Nullable LocalDate date(@Nullable JsonNode value) {
		if (isNull(value)) {
			return null;
		}
		if (value.isString()) {
			String text = dateTimeText(value.asString());
			try {
				return LocalDate.parse(text);
			}
			catch (DateTimeParseException ex) {
				// a date-time, maybe
			}
			try {
				// The date as written, in the offset it was written in.
				return OffsetDateTime.parse(text).toLocalDate();
			}
			catch (DateTimeParseException ex) {
				// without an offset, maybe
			}
			try {
				return LocalDateTime.parse(text).toLocalDate();
			}
			catch (DateTimeParseException ex) {
				// reported below
			}
		}
		throw new IllegalArgumentException(describe(value) + " is not a date");
	}

	static @Nullable Instant instant(@Nullable JsonNode value) {
		if (isNull(value)) {
			return null;
		}
		if (value.isString()) {
			String text = dateTimeText(value.asString());
			try {
				return OffsetDateTime.parse(text).toInstant();
			}
			catch (DateTimeParseException ex) {
				// without an offset, maybe
			}
			try {
				// ServiceTitan's date-times are UTC unless they say otherwise.
				return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
			}
			catch (DateTimeParseException ex) {
				// a date, maybe
			}
			try {
				return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
			}
			catch (DateTimeParseException ex) {
				// reported below
			}
		}
		throw new IllegalArgumentException(describe(value) + " is not a date-time");
	}

	private static String dateTimeText(String text) {
		String trimmed = text.trim();
		// "2024-01-15 10:00:00" is common in report data; ISO wants the T.
		return (trimmed.length() > 10 && trimmed.charAt(10) == ' ')
				? trimmed.substring(0, 10) + "T" + trimmed.substring(11).trim() : trimmed;
	}

	static String describe(JsonNode value) {
		String text = value.toString();
		return (text.length() > 60) ? text.substring(0, 57) + "..." : text;
	}

}
