package io.github.servicetitan4j;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

import io.github.servicetitan4j.ServiceTitanClientListener.CallDescriptor;
import io.github.servicetitan4j.errors.ServiceTitanException;
import io.github.servicetitan4j.errors.ServiceTitanException.ServiceTitanMappingException;
import io.github.servicetitan4j.export.ExportCheckpointStore;
import io.github.servicetitan4j.ratelimit.RateLimiter.RateLimiterTimeoutException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.util.Assert;

/**
 * ServiceTitan's Reporting API for one tenant: discover report categories and reports, describe a report, run it with
 * parameters checked against its description, and read its rows by field name. Get one from
 * {@link EndpointFactory#reports()}; it shares the client's token, connections, retries and tenant rate limit.
 * <p>
 * Report data is limited far more strictly than the rest of the API (a few runs of the same report per minute per
 * tenant): every data request, one per page, waits for a per-report limiter ({@link Settings}) on top of the
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
	Description describe(String category, long reportId);

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
	Result run(String category, long reportId, Map<String, ?> parameters);

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
	Stream<Row> stream(String category, long reportId, Map<String, ?> parameters);

	/**
	 * Runs a report lazily, each row mapped to your type by field name (see {@link Row#as(Class)}).
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
	 * parameter whose {@link Description.AcceptValues#dynamicSetId()} names it accepts.
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
	record Description(String category, long id, String name, @Nullable String description,
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
		public Description {
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
		public record Parameter(String name, String label, DataType dataType, boolean array, boolean required,
				@Nullable AcceptValues acceptValues) {
		}

		/**
		 * The values a parameter accepts: a fixed list, or a dynamic value set (business units, technicians, ...) to
		 * list with {@link Reports#dynamicValues(String)}.
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
		 * @param name its unique name, by which {@link Row} reads it
		 * @param label its display name in ServiceTitan's reporting UI
		 * @param dataType the type the description gives it ({@link DataType#UNKNOWN} when none is known)
		 */
		public record Field(String name, String label, DataType dataType) {
		}

	}

	/**
	 * Every row of a report run, with the fields that name their values.
	 *
	 * @param description the report's description, against which the parameters were checked
	 * @param fields the fields of the rows, as the data response named them (types from the description)
	 * @param rows every row of every page, in order
	 */
	record Result(Reports.Description description, List<Reports.Description.Field> fields, List<Row> rows) {

		/**
		 * Copies the lists, so that a result never changes after it is made.
		 * @param description the report's description, against which the parameters were checked
		 * @param fields the fields of the rows, as the data response named them (types from the description)
		 * @param rows every row of every page, in order
		 */
		public Result {
			fields = List.copyOf(fields);
			rows = List.copyOf(rows);
		}

		/**
		 * The rows mapped to your type by field name (see {@link Row#as(Class)}).
		 * @param type the type
		 * @param <T> the type
		 * @return the mapped rows, in order
		 */
		public <T> List<T> rows(Class<T> type) {
			List<T> mapped = new ArrayList<>(this.rows.size());
			for (Row row : this.rows) {
				mapped.add(row.as(type));
			}
			return mapped;
		}

	}

	/**
	 * One row of a report: values in field order, read by field name (matched exactly, else ignoring case). The typed
	 * getters are lenient about the type the description declared, because report data does not always follow it: a
	 * number may arrive as {@code "1,234.50"}, a boolean as {@code 1} or {@code "Yes"}, a date with a time or an
	 * offset. Each returns null for a JSON null or a blank string, and fails with a
	 * {@link ServiceTitanMappingException} naming the field, the row and the value when the value cannot be read as
	 * asked. Immutable.
	 */
	final class Row {

		private final ReportColumns columns;

		private final JsonNode values;

		private final String where;

		Row(ReportColumns columns, JsonNode values, String where) {
			this.columns = columns;
			this.values = values;
			this.where = where;
		}

		/**
		 * The fields of this row, in the order of its values.
		 * @return fields, the same for every row of a run
		 */
		public List<Reports.Description.Field> fields() {
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
		 * Maps this row to your type by field name with the client's JSON mapper (unknown properties ignored), as if
		 * the row were an object {@code {"<field>": <value>, ...}}. Each value is also offered under the lowerCamelCase
		 * form of its field's name ({@code BusinessUnit} and {@code Technician Name} as {@code businessUnit} and
		 * {@code technicianName}), so that a record with ordinary Java names maps without annotations.
		 * @param type the type
		 * @param <T> the type
		 * @return the mapped row
		 * @throws ServiceTitanMappingException naming the row and the field that could not be mapped
		 */
		public <T> T as(Class<T> type) {
			ObjectNode object = JsonNodeFactory.instance.objectNode();
			List<Reports.Description.Field> fields = fields();
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
		private static JsonNode normalized(DataType type, @Nullable JsonNode value) {
			if (value == null) {
				return JsonNodeFactory.instance.nullNode();
			}
			try {
				if (type == DataType.NUMBER && value.isString()) {
					BigDecimal number = ReportValues.number(value);
					return (number != null) ? JsonNodeFactory.instance.numberNode(number)
							: JsonNodeFactory.instance.nullNode();
				}
				if (type == DataType.BOOLEAN && !value.isBoolean()) {
					Boolean bool = ReportValues.bool(value);
					return (bool != null) ? JsonNodeFactory.instance.booleanNode(bool)
							: JsonNodeFactory.instance.nullNode();
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
				throw new ServiceTitanMappingException("Field '" + field + "' of " + this.where + " of " + call.folder()
						+ "/" + call.endpoint() + ": " + ex.getMessage(), ex);
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
			StringJoiner joined = new StringJoiner(", ", "Row{", "}");
			List<Reports.Description.Field> fields = fields();
			for (int i = 0; i < fields.size(); i++) {
				JsonNode value = this.values.get(i);
				joined.add(fields.get(i).name() + "=" + ((value != null) ? value : "null"));
			}
			return joined.toString();
		}

	}

	/**
	 * Data type of a report parameter or field, as a report description names it. Report data does not always hold what
	 * the description says (a Number field may arrive as a string): {@link Reports.Row}'s getters read every type
	 * leniently.
	 */
	enum DataType {

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
		public static DataType of(@Nullable String name) {
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

	/**
	 * Where a client hears that a report query's data is ready ({@code tn.rpr.report-data-ready}): the starter's
	 * webhook receiver when {@code servicetitan.webhooks.enabled} is true. With one, asynchronous queries are started
	 * with {@code notifyWhenReady=true} and, while pending, wait for their event instead of polling at a growing
	 * interval; they still poll every {@link Settings#maxPollInterval()} in case the event is lost.
	 */
	@FunctionalInterface
	interface ReadyEvents {

		/**
		 * Subscribes to the payloads of report-ready events, of any tenant.
		 * @param listener called with each event's data, on the thread that received it; it must return quickly
		 * @return closes the subscription
		 */
		AutoCloseable subscribe(Consumer<JsonNode> listener);

	}

	/**
	 * How report runs are paced and paged, and which of ServiceTitan's two data flows they use.
	 *
	 * @param requestsPerMinute data requests allowed per minute for each report, on top of the tenant's rate limit; a
	 * run of several pages makes one request per page. 0 turns the per-report limiter off.
	 * @param maxWait longest a data request waits for its report's limiter before failing with a
	 * {@link ReportRateLimiterTimeoutException}; a pause ServiceTitan asked for with a 429 is waited out on top of it
	 * @param pageSize rows per data request, 1 to 5000 (ServiceTitan's own default is 1000)
	 * @param flow the synchronous {@code data} call, the asynchronous {@code data/query} one, or the asynchronous one
	 * with a fall-back to the synchronous one where the server has no asynchronous flow
	 * @param pollInterval first wait before polling a pending query; each later wait is twice the one before
	 * @param maxPollInterval longest wait between two polls of a pending query
	 * @param maxQueryDuration longest a query may stay pending; it is then cancelled and fails with a
	 * {@link QueryTimeoutException}
	 * @param maxConcurrentQueries asynchronous queries of the tenant running at once; more wait their turn. From this
	 * client, or from every instance when the report budgets are shared in a store
	 * ({@link io.github.servicetitan4j.ratelimit.RateLimiterFactory#querySlots})
	 */
	record Settings(double requestsPerMinute, Duration maxWait, int pageSize, Flow flow, Duration pollInterval,
			Duration maxPollInterval, Duration maxQueryDuration, int maxConcurrentQueries) {

		/**
		 * The defaults: one data request per minute per report (the strictest limit published sources mention), a wait
		 * of up to 2 minutes, pages of 5000 rows; the automatic flow, polled after 1 second and then at most every 30
		 * seconds, for at most 30 minutes, one query of the tenant at a time.
		 */
		public static final Settings DEFAULTS = new Settings(1, Duration.ofMinutes(2), 5000);

		/**
		 * Checks the settings when they are made, not when a report first runs.
		 * @param requestsPerMinute data requests allowed per minute for each report; 0 turns the per-report limiter off
		 * @param maxWait longest a data request waits for its report's limiter
		 * @param pageSize rows per data request, 1 to 5000
		 * @param flow which data flow runs use
		 * @param pollInterval first wait before polling a pending query
		 * @param maxPollInterval longest wait between two polls
		 * @param maxQueryDuration longest a query may stay pending
		 * @param maxConcurrentQueries queries of the tenant running at once, 1 or more
		 * @throws IllegalArgumentException naming the setting out of range
		 */
		public Settings {
			Assert.isTrue(requestsPerMinute >= 0, "requestsPerMinute must be 0 (off) or more");
			Assert.isTrue(!maxWait.isNegative(), "maxWait must not be negative");
			Arguments.checkPageSize(pageSize);
			Assert.notNull(flow, "flow must not be null");
			Assert.isTrue(!pollInterval.isNegative() && !pollInterval.isZero(), "pollInterval must be positive");
			Assert.isTrue(maxPollInterval.compareTo(pollInterval) >= 0,
					"maxPollInterval must not be less than pollInterval");
			Assert.isTrue(!maxQueryDuration.isNegative() && !maxQueryDuration.isZero(),
					"maxQueryDuration must be positive");
			Assert.isTrue(maxConcurrentQueries >= 1, "maxConcurrentQueries must be 1 or more");
		}

		/**
		 * The pacing and paging settings with the default flow and polling.
		 * @param requestsPerMinute data requests allowed per minute for each report; 0 turns the per-report limiter off
		 * @param maxWait longest a data request waits for its report's limiter
		 * @param pageSize rows per data request, 1 to 5000
		 */
		public Settings(double requestsPerMinute, Duration maxWait, int pageSize) {
			this(requestsPerMinute, maxWait, pageSize, Flow.AUTOMATIC, Duration.ofSeconds(1), Duration.ofSeconds(30),
					Duration.ofMinutes(30), 1);
		}

		/**
		 * These settings with another flow.
		 * @param flow the flow
		 * @return the settings
		 */
		public Settings withFlow(Flow flow) {
			return new Settings(this.requestsPerMinute, this.maxWait, this.pageSize, flow, this.pollInterval,
					this.maxPollInterval, this.maxQueryDuration, this.maxConcurrentQueries);
		}

		/** Which of ServiceTitan's two report data flows runs use. */
		public enum Flow {

			/** {@code POST .../reports/{id}/data}: one answer per page (reported deprecated by a 2026 release). */
			SYNCHRONOUS,

			/**
			 * {@code POST .../reports/{id}/data/query}: the page at once (200) or a token to poll (202), cancelled
			 * when the run stops early.
			 */
			ASYNCHRONOUS,

			/**
			 * The asynchronous flow; where the server answers it 404 or 405 (an environment without it), the
			 * synchronous one, remembered for the client's life.
			 */
			AUTOMATIC

		}

	}

	/**
	 * A report's data request would have waited longer than {@code servicetitan.reporting.max-wait} for that report's
	 * limiter (other runs of the same report hold its turns), so it was not sent.
	 */
	class ReportRateLimiterTimeoutException extends RateLimiterTimeoutException {

		private static final long serialVersionUID = 1L;

		/** Report whose limiter was busy. */
		private final long reportId;

		/**
		 * Creates an exception.
		 * @param category the report's category
		 * @param reportId the report's id
		 * @param wouldWait how long the request would have had to wait
		 * @param maxWait the longest it was allowed to wait
		 */
		public ReportRateLimiterTimeoutException(String category, long reportId, Duration wouldWait, Duration maxWait) {
			super("Data request of report " + reportId + " (" + category + ") not sent: the report's rate limiter "
					+ "would have made it wait " + wouldWait.toMillis() + " ms, longer than the allowed "
					+ maxWait.toMillis() + " ms (servicetitan.reporting.max-wait); other runs of this report hold its turns until then",
					wouldWait, maxWait);
			this.reportId = reportId;
		}

		/**
		 * The report whose limiter was busy.
		 * @return report id
		 */
		public long reportId() {
			return this.reportId;
		}

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
	record WindowRow(LocalDate from, LocalDate to, Row row) {
	}

	/**
	 * Every query slot of the tenant stayed taken (by this or other instances sharing the store) for longer than
	 * {@code servicetitan.reporting.max-query-duration}: the query was not started.
	 */
	final class QuerySlotTimeoutException extends ServiceTitanException {

		private static final long serialVersionUID = 1L;

		/**
		 * Creates an exception.
		 * @param category the report's category
		 * @param reportId the report's id
		 * @param maxQueryDuration how long the query waited for a slot
		 * @param slots the tenant's slots
		 * @param tries how often the store was asked
		 */
		public QuerySlotTimeoutException(String category, long reportId, Duration maxQueryDuration, int slots,
				int tries) {
			super("Report " + reportId + " (" + category + "): no query slot of the tenant came free within "
					+ maxQueryDuration.toSeconds() + " s (" + tries + " tries; " + slots
					+ " slots shared by every instance, servicetitan.reporting.max-concurrent-queries); "
					+ "the query was not started (servicetitan.reporting.max-query-duration)");
		}

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
