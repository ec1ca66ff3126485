package io.github.servicetitan4j;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.function.Function;

import io.github.servicetitan4j.errors.ServiceTitanMappingException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One row of a report: values in field order, read by field name (matched exactly, else ignoring case). The typed
 * getters are lenient about the type the description declared, because report data does not always follow it: a
 * number may arrive as {@code "1,234.50"}, a boolean as {@code 1} or {@code "Yes"}, a date with a time or an offset.
 * Each returns null for a JSON null or a blank string, and fails with a {@link ServiceTitanMappingException} naming the
 * field, the row and the value when the value cannot be read as asked. Immutable.
 */
public final class ReportRow {

	private final ReportColumns columns;

	private final JsonNode values;

	private final String where;

	ReportRow(ReportColumns columns, JsonNode values, String where) {
		this.columns = columns;
		this.values = values;
		this.where = where;
	}

	/**
	 * The fields of this row, in the order of its values.
	 * @return fields, the same for every row of a run
	 */
	public List<ReportDescription.Field> fields() {
		return this.columns.fields();
	}

	/**
	 * The value of a field as ServiceTitan sent it.
	 * @param field the field's name
	 * @return the value (a JSON null when the row has none)
	 * @throws IllegalArgumentException if the report has no such field
	 */
	public JsonNode value(String field) {
		int index = index(field);
		JsonNode value = this.values.get(index);
		return (value != null) ? value : JsonNodeFactory.instance.nullNode();
	}

	/**
	 * Whether the field's value is null or a blank string.
	 * @param field the field's name
	 * @return whether it has no value
	 */
	public boolean isNull(String field) {
		return ReportValues.isNull(value(field));
	}

	/**
	 * The value as text: strings as they are, numbers in plain notation, booleans as true/false.
	 * @param field name of the field
	 * @return value, or null when it is null
	 * @throws IllegalArgumentException if the report has no such field
	 */
	public @Nullable String getString(String field) {
		return read(field, ReportValues::string);
	}

	/**
	 * The value as a number; numeric strings (with grouping commas or a leading $) are read too.
	 * @param field name of the field
	 * @return value, or null when it is null
	 * @throws IllegalArgumentException if the report has no such field
	 * @throws ServiceTitanMappingException if its value is no number, naming the row and the field
	 */
	public @Nullable BigDecimal getNumber(String field) {
		return read(field, ReportValues::number);
	}

	/**
	 * The value as a boolean; 0/1 and true/false/yes/no strings are read too.
	 * @param field name of the field
	 * @return value, or null when it is null
	 * @throws IllegalArgumentException if the report has no such field
	 * @throws ServiceTitanMappingException if its value is no boolean, naming the row and the field
	 */
	public @Nullable Boolean getBoolean(String field) {
		return read(field, ReportValues::bool);
	}

	/**
	 * The value as a date: the date part of a date-time, as written.
	 * @param field name of the field
	 * @return value, or null when it is null
	 * @throws IllegalArgumentException if the report has no such field
	 * @throws ServiceTitanMappingException if its value is no date, naming the row and the field
	 */
	public @Nullable LocalDate getDate(String field) {
		return read(field, ReportValues::date);
	}

	/**
	 * The value as an instant; a date-time without an offset is taken as UTC, a date as its start in UTC.
	 * @param field name of the field
	 * @return value, or null when it is null
	 * @throws IllegalArgumentException if the report has no such field
	 * @throws ServiceTitanMappingException if its value is no date or date-time, naming the row and the field
	 */
	public @Nullable Instant getInstant(String field) {
		return read(field, ReportValues::instant);
	}

	/**
	 * Maps this row to your type by field name with the client's JSON mapper (unknown properties ignored), as if the
	 * row were an object {@code {"<field>": <value>, ...}}. Each value is also offered under the lowerCamelCase form of
	 * its field's name ({@code BusinessUnit} and {@code Technician Name} as {@code businessUnit} and
	 * {@code technicianName}), so that a record with ordinary Java names maps without annotations.
	 * @param type the type
	 * @param <T> the type
	 * @return the mapped row
	 * @throws ServiceTitanMappingException naming the row and the field that could not be mapped
	 */
	public <T> T as(Class<T> type) {
		ObjectNode object = JsonNodeFactory.instance.objectNode();
		List<ReportDescription.Field> fields = fields();
		List<JsonNode> normalized = new ArrayList<>(fields.size());
		for (int i = 0; i < fields.size(); i++) {
			normalized.add(normalized(fields.get(i).dataType(), this.values.get(i)));
			object.set(fields.get(i).name(), normalized.get(i));
		}
		for (int i = 0; i < fields.size(); i++) {
			String alias = lowerCamel(fields.get(i).name());
			if (!alias.isEmpty() && !object.has(alias)) {
				object.set(alias, normalized.get(i));
			}
		}
		return this.columns.records().map(object, type, this.columns.call(), this.where);
	}

	/**
	 * The values in field order, as ServiceTitan sent them.
	 * @return values, one per field
	 */
	public List<JsonNode> values() {
		List<JsonNode> list = new ArrayList<>(this.values.size());
		this.values.forEach(list::add);
		return list;
	}

	/**
	 * A value as its declared type where it can be read so ("1,000.25" as 1000.25 for a Number field, "Yes" as true
	 * for a Boolean one), so that mapping is as lenient as the getters; else the value as sent.
	 */
	private static JsonNode normalized(ReportDataType type, @Nullable JsonNode value) {
		if (value == null) {
			return JsonNodeFactory.instance.nullNode();
		}
		try {
			if (type == ReportDataType.NUMBER && value.isString()) {
				BigDecimal number = ReportValues.number(value);
				return (number != null) ? JsonNodeFactory.instance.numberNode(number) : JsonNodeFactory.instance.nullNode();
			}
			if (type == ReportDataType.BOOLEAN && !value.isBoolean()) {
				Boolean bool = ReportValues.bool(value);
				return (bool != null) ? JsonNodeFactory.instance.booleanNode(bool) : JsonNodeFactory.instance.nullNode();
			}
		}
		catch (IllegalArgumentException ex) {
			// Not readable as declared: the mapper gets it as sent and says what it cannot do with it.
		}
		return value;
	}

	static String lowerCamel(String name) {
		StringBuilder camel = new StringBuilder(name.length());
		boolean upperNext = false;
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			if (!Character.isLetterOrDigit(c)) {
				upperNext = camel.length() > 0;
				continue;
			}
			if (camel.length() == 0) {
				camel.append(Character.toLowerCase(c));
			}
			else {
				camel.append(upperNext ? Character.toUpperCase(c) : c);
			}
			upperNext = false;
		}
		return camel.toString();
	}

	private <T> @Nullable T read(String field, Function<JsonNode, @Nullable T> reader) {
		JsonNode value = value(field);
		try {
			return reader.apply(value);
		}
		catch (IllegalArgumentException ex) {
			CallDescriptor call = this.columns.call();
			throw new ServiceTitanMappingException("Field '" + field + "' of " + this.where + " of " + call.folder() + "/"
					+ call.endpoint() + ": " + ex.getMessage(), ex);
		}
	}

	private int index(String field) {
		int index = this.columns.indexOf(field);
		if (index < 0) {
			StringJoiner names = new StringJoiner(", ");
			fields().forEach((known) -> names.add(known.name()));
			throw new IllegalArgumentException("The report has no field '" + field + "'; its fields: " + names);
		}
		return index;
	}

	@Override
	public String toString() {
		StringJoiner joined = new StringJoiner(", ", "ReportRow{", "}");
		List<ReportDescription.Field> fields = fields();
		for (int i = 0; i < fields.size(); i++) {
			JsonNode value = this.values.get(i);
			joined.add(fields.get(i).name() + "=" + ((value != null) ? value : "null"));
		}
		return joined.toString();
	}

}
