package io.github.servicetitan4j;

import java.util.ArrayList;
import java.util.List;

/**
 * Every row of a report run, with the fields that name their values.
 *
 * @param description the report's description, against which the parameters were checked
 * @param fields the fields of the rows, as the data response named them (types from the description)
 * @param rows every row of every page, in order
 */
public record ReportResult(ReportDescription description, List<ReportDescription.Field> fields, List<ReportRow> rows) {

	/**
	 * Copies the lists, so that a result never changes after it is made.
	 * @param description the report's description, against which the parameters were checked
	 * @param fields the fields of the rows, as the data response named them (types from the description)
	 * @param rows every row of every page, in order
	 */
	public ReportResult {
		fields = List.copyOf(fields);
		rows = List.copyOf(rows);
	}

	/**
	 * The rows mapped to your type by field name (see {@link ReportRow#as(Class)}).
	 * @param type the type
	 * @param <T> the type
	 * @return the mapped rows, in order
	 */
	public <T> List<T> rows(Class<T> type) {
		List<T> mapped = new ArrayList<>(this.rows.size());
		for (ReportRow row : this.rows) {
			mapped.add(row.as(type));
		}
		return mapped;
	}

}
