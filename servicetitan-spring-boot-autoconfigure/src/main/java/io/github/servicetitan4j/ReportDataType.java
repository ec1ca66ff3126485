package io.github.servicetitan4j;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Data type of a report parameter or field, as a report description names it. Report data does not always hold what
 * the description says (a Number field may arrive as a string): {@link ReportRow}'s getters read every type leniently.
 */
public enum ReportDataType {

	/** Text. */
	STRING,

	/** A number, read as a {@link java.math.BigDecimal}. */
	NUMBER,

	/** true or false. */
	BOOLEAN,

	/** A calendar date, sent as {@code yyyy-MM-dd}. */
	DATE,

	/** A time of day, sent as {@code HH:mm:ss}. */
	TIME,

	/** A type this client does not know; values are passed and read as they are. */
	UNKNOWN;

	/**
	 * The type a description names, ignoring case; {@link #UNKNOWN} for a name this client does not know.
	 * @param name the name, such as {@code Number}
	 * @return the type
	 */
	public static ReportDataType of(@Nullable String name) {
		if (name == null) {
			return UNKNOWN;
		}
		return switch (name.trim().toLowerCase(Locale.ROOT)) {
			case "string" -> STRING;
			case "number" -> NUMBER;
			case "boolean" -> BOOLEAN;
			case "date" -> DATE;
			case "time" -> TIME;
			default -> UNKNOWN;
		};
	}

}
