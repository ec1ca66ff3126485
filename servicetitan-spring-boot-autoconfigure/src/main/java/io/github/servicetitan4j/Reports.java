package io.github.servicetitan4j;

import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.github.servicetitan4j.errors.ServiceTitanException;
import io.github.servicetitan4j.export.ExportCheckpointStore;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

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
	 * Runs a report over a date range in windows (days, weeks or months), one run per window with the window's first
	 * and last day as the date parameters, lazily. Each finished window is saved as a checkpoint of its own in the
	 * backfill's store, so a backfill stopped at any point (closed, failed, killed) resumes at the first unfinished
	 * window and never skips one; only the window in progress is run again. Windows that end within the look-back of
	 * today are run again on every backfill, as their data may still change.
	 * @param category the report's category
	 * @param reportId the report's id
	 * @param parameters the other parameters, as for {@link #run}; the backfill sets the two date parameters
	 * @param backfill the range, the windows and where checkpoints go
	 * @return the rows of every window not yet finished, each with its window
	 * @throws IllegalArgumentException as {@link #run} does, before any data request
	 */
	Stream<WindowRow> backfill(String category, long reportId, Map<String, ?> parameters, Backfill backfill);

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

	/** How a backfill cuts its range. */
	enum Window {

		/** One window per day. */
		DAY,

		/** One window per ISO week (Monday to Sunday), cut at the range's ends. */
		WEEK,

		/** One window per calendar month, cut at the range's ends. */
		MONTH

	}

	/**
	 * A backfill: a date range cut into windows, and where each finished window is remembered.
	 *
	 * @param name names the backfill in the checkpoint store, so that two backfills of one report keep apart
	 * @param from first day of the range
	 * @param to last day of the range, inclusive
	 * @param window how the range is cut
	 * @param lookBack windows ending this close to today (by the client's clock) are run again on every backfill
	 * @param fromParameter the report parameter that takes a window's first day, such as {@code From}
	 * @param toParameter the report parameter that takes a window's last day, such as {@code To}
	 * @param checkpoints where finished windows are remembered
	 */
	record Backfill(String name, LocalDate from, LocalDate to, Window window, Period lookBack, String fromParameter,
			String toParameter, ExportCheckpointStore checkpoints) {

		/**
		 * Checks the backfill.
		 * @param name its name
		 * @param from first day
		 * @param to last day
		 * @param window how the range is cut
		 * @param lookBack windows run again while this close to today
		 * @param fromParameter the parameter of a window's first day
		 * @param toParameter the parameter of a window's last day
		 * @param checkpoints the store
		 * @throws IllegalArgumentException if the name or a parameter is blank, the range is reversed or the look-back
		 * negative
		 */
		public Backfill {
			Assert.hasText(name, "name must not be blank");
			Assert.isTrue(!name.contains("/"), "name must not contain '/'");
			Assert.isTrue(!to.isBefore(from), "to (" + to + ") must not be before from (" + from + ")");
			Assert.notNull(window, "window must not be null");
			Assert.isTrue(!lookBack.isNegative(), "lookBack must not be negative");
			Assert.hasText(fromParameter, "fromParameter must not be blank");
			Assert.hasText(toParameter, "toParameter must not be blank");
			Assert.notNull(checkpoints, "checkpoints must not be null");
		}

		/**
		 * A backfill with parameters {@code From} and {@code To} and no look-back.
		 * @param name its name
		 * @param from first day
		 * @param to last day
		 * @param window how the range is cut
		 * @param checkpoints the store
		 * @return the backfill
		 */
		public static Backfill of(String name, LocalDate from, LocalDate to, Window window,
				ExportCheckpointStore checkpoints) {
			return new Backfill(name, from, to, window, Period.ZERO, "From", "To", checkpoints);
		}

	}

	/**
	 * A row of a backfill with the window it came from.
	 *
	 * @param from the window's first day
	 * @param to the window's last day
	 * @param row the row
	 */
	record WindowRow(LocalDate from, LocalDate to, ReportRow row) {
	}

	/**
	 * A report query stayed pending longer than {@code servicetitan.reporting.max-query-duration}; it was cancelled
	 * (its tenant's slot freed) before this was thrown.
	 */
	final class QueryTimeoutException extends ServiceTitanException {

		private static final long serialVersionUID = 1L;

		/** The report whose query timed out. */
		private final long reportId;

		/**
		 * Creates an exception.
		 * @param category the report's category
		 * @param reportId the report's id
		 * @param page the page the query was for
		 * @param maxQueryDuration the longest a query may stay pending
		 * @param polls how often it was polled
		 */
		public QueryTimeoutException(String category, long reportId, int page, Duration maxQueryDuration, int polls) {
			super("Report " + reportId + " (" + category + "): the query of page " + page + " was still pending after "
					+ maxQueryDuration.toSeconds() + " s and " + polls + " polls "
					+ "(servicetitan.reporting.max-query-duration); it was cancelled");
			this.reportId = reportId;
		}

		/**
		 * The report whose query timed out.
		 * @return the report id
		 */
		public long reportId() {
			return this.reportId;
		}

	}

}
