package io.github.servicetitan4j.test.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The query of a paged list ({@code page, pageSize, includeTotal, active, ids, created/modified ranges, sort}),
 * validated the way ServiceTitan does, and its application to a list of records.
 * <p>
 * Any other parameter that names a field of the records (top level, name without regard to case) filters by
 * equality: strings without regard to case, numbers by value, booleans by {@code true}/{@code false}, a list when one
 * of its items is equal. Parameters that name no field are ignored, as ServiceTitan ignores unknown parameters.
 * Without {@code sort} records come in id order (the real API promises no order at all).
 */
public final class PagedQuery {

	/** Largest page size ServiceTitan accepts. */
	public static final int MAX_PAGE_SIZE = 5000;

	/** Most ids one {@code ids} parameter may hold. */
	public static final int MAX_IDS = 50;

	private static final int DEFAULT_PAGE_SIZE = 50;

	private final int page;

	private final int pageSize;

	private final boolean includeTotal;

	private final @Nullable Boolean active;

	private final @Nullable Set<Long> ids;

	private final Map<String, Instant> lowerBounds = new LinkedHashMap<>();

	private final Map<String, Instant> upperBounds = new LinkedHashMap<>();

	private static final Set<String> RESERVED = new HashSet<>(List.of("page", "pagesize", "includetotal", "active",
			"ids", "createdbefore", "createdonorafter", "modifiedbefore", "modifiedonorafter", "sort"));

	private final @Nullable Comparator<Map<String, @Nullable Object>> order;

	private final Map<String, List<String>> candidates = new LinkedHashMap<>();

	private PagedQuery(SimRequest request) {
		for (Map.Entry<String, List<String>> parameter : request.query().entrySet()) {
			if (!RESERVED.contains(parameter.getKey().toLowerCase(Locale.ROOT)) && !parameter.getValue().isEmpty()) {
				this.candidates.put(parameter.getKey(), parameter.getValue());
			}
		}
		this.page = positiveInt(request, "page", 1, Integer.MAX_VALUE, "Page");
		this.pageSize = positiveInt(request, "pageSize", DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, "PageSize");
		this.includeTotal = "true".equalsIgnoreCase(request.queryParam("includeTotal"));
		this.active = active(request.queryParam("active"));
		this.ids = ids(request.queryParam("ids"));
		bound(request, "createdOnOrAfter", "createdOn", this.lowerBounds);
		bound(request, "modifiedOnOrAfter", "modifiedOn", this.lowerBounds);
		bound(request, "createdBefore", "createdOn", this.upperBounds);
		bound(request, "modifiedBefore", "modifiedOn", this.upperBounds);
		this.order = order(request.queryParam("sort"));
	}

	/**
	 * Reads and validates the paging query of a request.
	 * @throws Problem 400 for a page size outside 1 to 5000, a bad page, {@code active}, {@code ids}, date or sort
	 */
	public static PagedQuery of(SimRequest request) {
		return new PagedQuery(request);
	}

	/** The page body for these records: filtered, sorted, cut to the page. */
	public Map<String, @Nullable Object> page(List<Map<String, @Nullable Object>> records) {
		Map<String, List<String>> filters = fieldFilters(records);
		List<Map<String, @Nullable Object>> matching = new ArrayList<>();
		for (Map<String, @Nullable Object> record : records) {
			if (matches(record) && matchesFields(record, filters)) {
				matching.add(record);
			}
		}
		if (this.order != null) {
			matching.sort(this.order);
		}
		long from = (long) (this.page - 1) * this.pageSize;
		List<Map<String, @Nullable Object>> data = new ArrayList<>();
		for (long i = from; i < matching.size() && data.size() < this.pageSize; i++) {
			data.add(matching.get((int) i));
		}
		Map<String, @Nullable Object> body = new LinkedHashMap<>();
		body.put("page", (long) this.page);
		body.put("pageSize", (long) this.pageSize);
		body.put("hasMore", from + data.size() < matching.size());
		body.put("totalCount", this.includeTotal ? (Object) (long) matching.size() : null);
		body.put("data", data);
		return body;
	}

	/** The candidate parameters that name a field of at least one record, keyed by that field's name. */
	private Map<String, List<String>> fieldFilters(List<Map<String, @Nullable Object>> records) {
		Map<String, List<String>> filters = new LinkedHashMap<>();
		if (this.candidates.isEmpty()) {
			return filters;
		}
		Map<String, String> fields = new LinkedHashMap<>();
		for (Map<String, @Nullable Object> record : records) {
			for (String field : record.keySet()) {
				fields.putIfAbsent(field.toLowerCase(Locale.ROOT), field);
			}
		}
		for (Map.Entry<String, List<String>> candidate : this.candidates.entrySet()) {
			String field = fields.get(candidate.getKey().toLowerCase(Locale.ROOT));
			if (field != null) {
				filters.put(field, candidate.getValue());
			}
		}
		return filters;
	}

	private static boolean matchesFields(Map<String, @Nullable Object> record, Map<String, List<String>> filters) {
		for (Map.Entry<String, List<String>> filter : filters.entrySet()) {
			Object value = record.get(filter.getKey());
			boolean any = false;
			for (String wanted : filter.getValue()) {
				any = any || equal(value, wanted.trim());
			}
			if (!any) {
				return false;
			}
		}
		return true;
	}

	private static boolean equal(@Nullable Object value, String wanted) {
		if (value instanceof String) {
			return ((String) value).equalsIgnoreCase(wanted);
		}
		if (value instanceof Boolean) {
			return wanted.equalsIgnoreCase(String.valueOf(value));
		}
		if (value instanceof Number) {
			try {
				return new java.math.BigDecimal(value.toString()).compareTo(new java.math.BigDecimal(wanted)) == 0;
			}
			catch (NumberFormatException ex) {
				return false;
			}
		}
		if (value instanceof List) {
			for (Object item : (List<?>) value) {
				if (!(item instanceof List) && equal(item, wanted)) {
					return true;
				}
			}
		}
		return false;
	}

	private boolean matches(Map<String, @Nullable Object> record) {
		// Records without an active flag (attachments, notes) are never filtered by it.
		Object active = record.get("active");
		if (this.active != null && active != null && !this.active.equals(active)) {
			return false;
		}
		if (this.ids != null && !this.ids.contains(Records.id(record))) {
			return false;
		}
		for (Map.Entry<String, Instant> bound : this.lowerBounds.entrySet()) {
			Instant value = Records.instant(record, bound.getKey());
			if (value == null || value.isBefore(bound.getValue())) {
				return false;
			}
		}
		for (Map.Entry<String, Instant> bound : this.upperBounds.entrySet()) {
			Instant value = Records.instant(record, bound.getKey());
			if (value == null || !value.isBefore(bound.getValue())) {
				return false;
			}
		}
		return true;
	}

	private static int positiveInt(SimRequest request, String name, int defaultValue, int max, String field) {
		String text = request.queryParam(name);
		if (text == null || text.isEmpty()) {
			return defaultValue;
		}
		long value;
		try {
			value = Long.parseLong(text.trim());
		}
		catch (NumberFormatException ex) {
			throw Problem.badRequest(field, "The value '" + text + "' is not valid.");
		}
		if (value < 1 || value > max) {
			throw Problem.badRequest(field, "The field " + field + " must be between 1 and " + max + ".");
		}
		return (int) value;
	}

	private static @Nullable Boolean active(@Nullable String text) {
		if (text == null || text.isEmpty() || text.equalsIgnoreCase("True")) {
			return Boolean.TRUE;
		}
		if (text.equalsIgnoreCase("False")) {
			return Boolean.FALSE;
		}
		if (text.equalsIgnoreCase("Any")) {
			return null;
		}
		throw Problem.badRequest("Active", "The value '" + text + "' is not valid. Use True, Any or False.");
	}

	private static @Nullable Set<Long> ids(@Nullable String text) {
		if (text == null || text.trim().isEmpty()) {
			return null;
		}
		Set<Long> ids = new HashSet<>();
		for (String part : text.split(",")) {
			Long id = Records.asLong(part);
			if (id == null) {
				throw Problem.badRequest("Ids", "The value '" + part.trim() + "' is not a valid id.");
			}
			ids.add(id);
		}
		if (ids.size() > MAX_IDS) {
			throw Problem.badRequest("Ids", "No more than " + MAX_IDS + " ids may be requested at once.");
		}
		return ids;
	}

	private static void bound(SimRequest request, String name, String field, Map<String, Instant> bounds) {
		String text = request.queryParam(name);
		if (text == null || text.isEmpty()) {
			return;
		}
		Instant instant = parseInstant(text);
		if (instant == null) {
			String property = Character.toUpperCase(name.charAt(0)) + name.substring(1);
			throw Problem.badRequest(property, "The value '" + text + "' is not a valid date-time.");
		}
		bounds.put(field, instant);
	}

	/** Parses an RFC 3339 date-time, or a date taken as midnight UTC; null when it is neither. */
	public static @Nullable Instant parseInstant(String text) {
		try {
			return OffsetDateTime.parse(text).toInstant();
		}
		catch (DateTimeParseException ex) {
			// Not a date-time with an offset: maybe a UTC date-time or a date.
		}
		try {
			return Instant.parse(text);
		}
		catch (DateTimeParseException ex) {
			// Maybe a date.
		}
		try {
			return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
		}
		catch (DateTimeParseException ex) {
			// Maybe a date.
		}
		try {
			return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static @Nullable Comparator<Map<String, @Nullable Object>> order(@Nullable String sort) {
		if (sort == null || sort.trim().isEmpty()) {
			return null;
		}
		String text = sort.trim();
		boolean descending = text.startsWith("-");
		// A '+' that arrived unencoded in the query was decoded to a space (and then trimmed away).
		String name = (text.startsWith("-") || text.startsWith("+")) ? text.substring(1).trim() : text;
		String field = sortField(name);
		if (field == null) {
			throw Problem.badRequest("Sort", "The sort field '" + name + "' is not supported. Use Id, CreatedOn or ModifiedOn.");
		}
		Comparator<Map<String, @Nullable Object>> order = Comparator
			.<Map<String, @Nullable Object>>comparingLong((record) -> sortKey(record, field))
			.thenComparingLong(Records::id);
		return descending ? order.reversed() : order;
	}

	private static @Nullable String sortField(String name) {
		switch (name.toLowerCase(Locale.ROOT)) {
			case "id":
				return "id";
			case "createdon":
				return "createdOn";
			case "modifiedon":
				return "modifiedOn";
			default:
				return null;
		}
	}

	private static long sortKey(Map<String, @Nullable Object> record, String field) {
		if (field.equals("id")) {
			return Records.id(record);
		}
		Instant instant = Records.instant(record, field);
		return (instant != null) ? instant.toEpochMilli() : Long.MIN_VALUE;
	}

}
