package io.github.servicetitan4j;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * ServiceTitan's Reporting API for one tenant: discover report categories and reports, describe a report, run it with
 * parameters checked against its description, and read its rows by field name. Get one from
 * {@link EndpointFactory#reports()}; it shares the client's token, connections, retries and tenant rate limit.
 * <p>
 * Report data is limited far more strictly than the rest of the API (a few runs of the same report per minute per
 * tenant): every data request, one per page, waits for a per-report limiter ({@link ReportingSettings}) on top of the
 * tenant's. A data request is a POST that only reads, so it is retried like a GET.
 */
public interface Reports {

	/**
	 * Lists the report categories ({@code GET report-categories}, every page).
	 * @return the categories
	 */
	List<Category> categories();

	/**
	 * Lists the reports of a category ({@code GET report-category/{category}/reports}, every page).
	 * @param category a category id from {@link #categories()}
	 * @return the reports
	 * @throws IllegalArgumentException if the category is blank or not one path segment
	 */
	List<Summary> reports(String category);

	/**
	 * Describes a report: its parameters and fields ({@code GET report-category/{category}/reports/{reportId}}).
	 * @param category the report's category
	 * @param reportId the report's id
	 * @return the description
	 */
	ReportDescription describe(String category, long reportId);

	/**
	 * Runs a report and returns every row of every page. Describes the report first and checks the parameters
	 * against the description before any data is asked for.
	 * @param category the report's category
	 * @param reportId the report's id
	 * @param parameters values by parameter name: {@code String}, a {@code Number}, {@code Boolean},
	 * {@code LocalDate} (sent as {@code yyyy-MM-dd}), {@code LocalTime}, or a collection of them for an array
	 * parameter
	 * @return the fields and rows
	 * @throws IllegalArgumentException naming every unknown parameter, missing required one and value of the wrong
	 * type, before any data request
	 */
	ReportResult run(String category, long reportId, Map<String, ?> parameters);

	/**
	 * Runs a report lazily: the description is read and the parameters are checked at once; pages are requested as
	 * the stream is consumed, and only one page is held in memory. Close the stream (try-with-resources) if it is not
	 * consumed to its end.
	 * @param category the report's category
	 * @param reportId the report's id
	 * @param parameters values by parameter name, as for {@link #run}
	 * @return the rows
	 * @throws IllegalArgumentException as {@link #run} does, before any data request
	 */
	Stream<ReportRow> stream(String category, long reportId, Map<String, ?> parameters);

	/**
	 * Runs a report lazily, each row mapped to your type by field name (see {@link ReportRow#as(Class)}).
	 * @param category the report's category
	 * @param reportId the report's id
	 * @param parameters values by parameter name, as for {@link #run}
	 * @param type the type to map rows to
	 * @param <T> the type
	 * @return the mapped rows
	 */
	default <T> Stream<T> stream(String category, long reportId, Map<String, ?> parameters, Class<T> type) {
		return stream(category, reportId, parameters).map((row) -> row.as(type));
	}

	/**
	 * Lists the values of a dynamic value set ({@code GET dynamic-value-sets/{id}}, every page): the values a
	 * parameter whose {@link ReportDescription.AcceptValues#dynamicSetId()} names it accepts.
	 * @param dynamicSetId the set's id
	 * @return its values, each a key to send and a display name
	 */
	List<Value> dynamicValues(String dynamicSetId);

	/**
	 * A report category.
	 *
	 * @param id the id to use in report calls, such as {@code accounting}
	 * @param name its display name
	 */
	record Category(String id, String name) {
	}

	/**
	 * A report of a category, as listed.
	 *
	 * @param id its id, which never changes (its name may)
	 * @param name its display name
	 * @param description what it is about, when the server says
	 */
	record Summary(long id, String name, @Nullable String description) {
	}

	/**
	 * One value a parameter accepts.
	 *
	 * @param key the value to send: a {@code String}, {@code Long}, {@code BigDecimal} or {@code Boolean}, as the
	 * server gave it
	 * @param name its display name
	 */
	record Value(@Nullable Object key, @Nullable String name) {
	}

}
