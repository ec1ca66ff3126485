package io.github.servicetitan4j;

import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * What a report takes and returns, as {@code GET /reporting/v2/tenant/{t}/report-category/{category}/reports/{id}}
 * describes it. The parameters are what {@link Reports#run} checks a run's values against before sending anything.
 *
 * @param category the report category
 * @param id the report id
 * @param name the report's display name
 * @param description what the report is about, when the server says
 * @param parameters the parameters the report takes
 * @param fields the fields (columns) of its rows, in order
 */
public record ReportDescription(String category, long id, String name, @Nullable String description,
		List<Parameter> parameters, List<Field> fields) {

	/**
	 * Copies the lists, so that a description never changes after it is made.
	 * @param category the report category
	 * @param id the report id
	 * @param name the report's display name
	 * @param description what the report is about, when the server says
	 * @param parameters the parameters the report takes
	 * @param fields the fields (columns) of its rows, in order
	 */
	public ReportDescription {
		parameters = List.copyOf(parameters);
		fields = List.copyOf(fields);
	}

	/**
	 * The parameter of that name, matched exactly, else ignoring case.
	 * @param name the parameter's name
	 * @return the parameter, if the report takes it
	 */
	public Optional<Parameter> parameter(String name) {
		for (Parameter parameter : this.parameters) {
			if (parameter.name().equals(name)) {
				return Optional.of(parameter);
			}
		}
		for (Parameter parameter : this.parameters) {
			if (parameter.name().equalsIgnoreCase(name)) {
				return Optional.of(parameter);
			}
		}
		return Optional.empty();
	}

	/**
	 * One parameter of a report.
	 *
	 * @param name the name to send it under
	 * @param label its display name
	 * @param dataType the type of its value (of each element, for an array)
	 * @param array whether it takes a list of values
	 * @param required whether a run must give it
	 * @param acceptValues the values it accepts, when it accepts only certain ones
	 */
	public record Parameter(String name, String label, ReportDataType dataType, boolean array, boolean required,
			@Nullable AcceptValues acceptValues) {
	}

	/**
	 * The values a parameter accepts: a fixed list, or a dynamic value set (business units, technicians, ...) to list
	 * with {@link Reports#dynamicValues(String)}.
	 *
	 * @param dynamicSetId the id of the dynamic value set, or null for a fixed list
	 * @param values the fixed list (empty for a dynamic set)
	 */
	public record AcceptValues(@Nullable String dynamicSetId, List<Reports.Value> values) {

		/**
		 * Copies {@code values}, so that the accepted values never change.
		 * @param dynamicSetId the id of the dynamic value set, or null for a fixed list
		 * @param values the fixed list (empty for a dynamic set)
		 */
		public AcceptValues {
			values = List.copyOf(values);
		}

	}

	/**
	 * One field (column) of a report's rows.
	 *
	 * @param name its unique name, by which {@link ReportRow} reads it
	 * @param label its display name in ServiceTitan's reporting UI
	 * @param dataType the type the description gives it ({@link ReportDataType#UNKNOWN} when none is known)
	 */
	public record Field(String name, String label, ReportDataType dataType) {
	}

}
