package io.github.servicetitan4j.test.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The reports of the simulated tenant: three categories, three reports with parameters of every data type and
 * dynamic value sets, and rows that depend only on the tenant's seed (the simulator's for the default tenant, one of its
 * own for each named tenant, so that tenants' reports differ), the parameters and the tenant's invoices.
 * <ul>
 * <li>{@value #DAILY_REVENUE} (accounting) "Daily Revenue": a row per day and business unit for any range of dates,
 * so that "last month" always has data.</li>
 * <li>{@value #OPEN_BALANCES} (accounting) "Open Balances": the seeded invoices with a balance, invoiced in the
 * range; its {@code Balance} values arrive as text ({@code "1,234.50"}) although the description says Number, as
 * report fields sometimes do.</li>
 * <li>{@value #TECHNICIAN_PERFORMANCE} (technician) "Technician Performance": a row per technician; {@code Active}
 * arrives as {@code "Yes"}/{@code "No"} although described as Boolean.</li>
 * </ul>
 */
final class ReportCatalog {

	static final long DAILY_REVENUE = 41001;

	static final long OPEN_BALANCES = 41002;

	static final long TECHNICIAN_PERFORMANCE = 42001;

	static final Instant MODIFIED_ON = Instant.parse("2024-01-01T00:00:00Z");

	private static final String[][] BUSINESS_UNITS = { { "200", "HVAC" }, { "201", "Plumbing" }, { "202", "Electrical" },
			{ "203", "Drains" } };

	private static final String[] TECHNICIANS = { "Alex Rivera", "Bea Novak", "Chris Osei", "Dana Park", "Eli Moreau",
			"Fay Lindqvist", "Gus Tanaka", "Hana Suleiman" };

	List<Map<String, @Nullable Object>> categories() {
		List<Map<String, @Nullable Object>> categories = new ArrayList<>();
		categories.add(item("accounting", "Accounting"));
		categories.add(item("technician", "Technician"));
		categories.add(item("operations", "Operations"));
		return categories;
	}

	/** The reports of a category, or null when there is no such category. */
	@Nullable List<Map<String, @Nullable Object>> reports(String category) {
		List<Map<String, @Nullable Object>> reports = new ArrayList<>();
		switch (category) {
			case "accounting":
				reports.add(summary(DAILY_REVENUE, "Daily Revenue", "Revenue per day and business unit"));
				reports.add(summary(OPEN_BALANCES, "Open Balances", "Invoices with a balance left to pay"));
				return reports;
			case "technician":
				reports.add(summary(TECHNICIAN_PERFORMANCE, "Technician Performance", "Completed jobs and revenue per technician"));
				return reports;
			case "operations":
				return reports;
			default:
				return null;
		}
	}

	/** A report's description, or null when the category holds no such report. */
	@Nullable Map<String, @Nullable Object> describe(String category, long id) {
		if (category.equals("accounting") && id == DAILY_REVENUE) {
			return description(id, "Daily Revenue", "Revenue per day and business unit",
					List.of(dateRange("From"), dateRange("To"),
							parameter("BusinessUnitIds", "Business Unit", "Number", true, false, dynamic("business-units"))),
					List.of(field("Date", "Date", "Date"), field("BusinessUnit", "Business Unit", "String"),
							field("Invoices", "Invoices", "Number"), field("Revenue", "Revenue", "Number")));
		}
		if (category.equals("accounting") && id == OPEN_BALANCES) {
			return description(id, "Open Balances", "Invoices with a balance left to pay",
					List.of(dateRange("From"), dateRange("To"),
							parameter("MinimumBalance", "Minimum balance", "Number", false, false, null)),
					List.of(field("InvoiceNumber", "Invoice #", "String"), field("Customer", "Customer", "String"),
							field("InvoiceDate", "Invoice Date", "Date"), field("Total", "Total", "Number"),
							field("Balance", "Balance", "Number")));
		}
		if (category.equals("technician") && id == TECHNICIAN_PERFORMANCE) {
			Map<String, @Nullable Object> status = new LinkedHashMap<>();
			status.put("fields", headers());
			status.put("dynamicSetId", null);
			status.put("values", List.of(List.of("Completed", "Completed"), List.of("Any", "Any status")));
			return description(id, "Technician Performance", "Completed jobs and revenue per technician",
					List.of(dateRange("From"), dateRange("To"),
							parameter("TechnicianIds", "Technician", "Number", true, false, dynamic("technicians")),
							parameter("IncludeInactive", "Include inactive technicians", "Boolean", false, false, null),
							parameter("JobStatus", "Job status", "String", false, false, status),
							parameter("ShiftStart", "Shift starts at", "Time", false, false, null)),
					List.of(field("Technician", "Technician", "String"), field("CompletedJobs", "Completed Jobs", "Number"),
							field("Revenue", "Total Revenue", "Number"), field("Active", "Active", "Boolean")));
		}
		return null;
	}

	/** The rows of a dynamic value set ({@code [key, name]}), or null when there is no such set. */
	@Nullable List<List<@Nullable Object>> dynamicSet(String id) {
		List<List<@Nullable Object>> rows = new ArrayList<>();
		if (id.equals("business-units")) {
			for (String[] unit : BUSINESS_UNITS) {
				rows.add(Arrays.asList(Long.parseLong(unit[0]), unit[1]));
			}
			return rows;
		}
		if (id.equals("technicians")) {
			for (int i = 0; i < TECHNICIANS.length; i++) {
				rows.add(Arrays.asList(500L + i, TECHNICIANS[i]));
			}
			return rows;
		}
		return null;
	}

	/**
	 * The rows of a report for checked parameter values.
	 * @param id the report
	 * @param values the values by parameter name (dates as {@link LocalDate}, arrays as lists)
	 * @param tenant the tenant's data
	 * @return the rows, each in field order
	 */
	List<List<@Nullable Object>> rows(long id, Map<String, @Nullable Object> values, TenantState tenant) {
		LocalDate from = (LocalDate) values.get("From");
		LocalDate to = (LocalDate) values.get("To");
		if (id == DAILY_REVENUE) {
			return dailyRevenue(from, to, ids(values.get("BusinessUnitIds")), tenant.seed());
		}
		if (id == OPEN_BALANCES) {
			Object minimum = values.get("MinimumBalance");
			return openBalances(from, to, (minimum != null) ? new BigDecimal(minimum.toString()) : BigDecimal.ZERO, tenant);
		}
		return technicians(from, to, ids(values.get("TechnicianIds")), Boolean.TRUE.equals(values.get("IncludeInactive")),
				tenant.seed());
	}

	private static List<List<@Nullable Object>> dailyRevenue(LocalDate from, LocalDate to, @Nullable Set<Long> units,
			long seed) {
		List<List<@Nullable Object>> rows = new ArrayList<>();
		for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
			for (String[] unit : BUSINESS_UNITS) {
				long unitId = Long.parseLong(unit[0]);
				if (units != null && !units.contains(unitId)) {
					continue;
				}
				Random random = new Random(seed ^ (day.toEpochDay() * 31 + unitId));
				long invoices = random.nextInt(9);
				BigDecimal revenue = BigDecimal.valueOf(invoices * (15_000 + random.nextInt(60_000)), 2);
				rows.add(Arrays.asList(day + "T00:00:00", unit[1], invoices, revenue));
			}
		}
		return rows;
	}

	private static List<List<@Nullable Object>> openBalances(LocalDate from, LocalDate to, BigDecimal minimum,
			TenantState tenant) {
		List<List<@Nullable Object>> rows = new ArrayList<>();
		for (Map<String, @Nullable Object> invoice : tenant.invoices().all()) {
			BigDecimal balance = new BigDecimal(String.valueOf(invoice.get("balance")));
			Instant invoiced = Instant.parse(String.valueOf(invoice.get("invoiceDate")));
			LocalDate date = invoiced.atZone(ZoneOffset.UTC).toLocalDate();
			if (balance.signum() <= 0 || balance.compareTo(minimum) < 0 || date.isBefore(from) || date.isAfter(to)) {
				continue;
			}
			Object customer = (invoice.get("customer") instanceof Map) ? ((Map<?, ?>) invoice.get("customer")).get("name")
					: null;
			rows.add(Arrays.asList(invoice.get("referenceNumber"), customer, date + "T00:00:00", invoice.get("total"),
					String.format("%,.2f", balance.setScale(2, RoundingMode.HALF_UP))));
		}
		return rows;
	}

	private static List<List<@Nullable Object>> technicians(LocalDate from, LocalDate to, @Nullable Set<Long> ids,
			boolean includeInactive, long seed) {
		long days = to.toEpochDay() - from.toEpochDay() + 1;
		List<List<@Nullable Object>> rows = new ArrayList<>();
		for (int i = 0; i < TECHNICIANS.length; i++) {
			long id = 500L + i;
			boolean active = i != TECHNICIANS.length - 1;
			if ((ids != null && !ids.contains(id)) || (!active && !includeInactive)) {
				continue;
			}
			Random random = new Random(seed ^ (id * 7919 + from.toEpochDay()));
			long jobs = active ? days * (1 + random.nextInt(3)) / 2 : 0;
			BigDecimal revenue = BigDecimal.valueOf(jobs * (20_000 + random.nextInt(50_000)), 2);
			rows.add(Arrays.asList(TECHNICIANS[i], jobs, revenue, active ? "Yes" : "No"));
		}
		return rows;
	}

	private static @Nullable Set<Long> ids(@Nullable Object value) {
		if (!(value instanceof List)) {
			return null;
		}
		Set<Long> ids = new HashSet<>();
		for (Object element : (List<?>) value) {
			Long id = Records.asLong(element);
			if (id != null) {
				ids.add(id);
			}
		}
		return ids;
	}

	private static Map<String, @Nullable Object> item(String id, String name) {
		Map<String, @Nullable Object> item = new LinkedHashMap<>();
		item.put("id", id);
		item.put("name", name);
		return item;
	}

	private static Map<String, @Nullable Object> summary(long id, String name, String description) {
		Map<String, @Nullable Object> summary = new LinkedHashMap<>();
		summary.put("id", id);
		summary.put("name", name);
		summary.put("description", description);
		return summary;
	}

	private static Map<String, @Nullable Object> description(long id, String name, String description,
			List<Map<String, @Nullable Object>> parameters, List<Map<String, @Nullable Object>> fields) {
		Map<String, @Nullable Object> report = summary(id, name, description);
		report.put("modifiedOn", Records.format(MODIFIED_ON));
		report.put("parameters", parameters);
		report.put("fields", fields);
		return report;
	}

	private static Map<String, @Nullable Object> dateRange(String name) {
		return parameter(name, name, "Date", false, true, null);
	}

	private static Map<String, @Nullable Object> parameter(String name, String label, String dataType, boolean array,
			boolean required, @Nullable Map<String, @Nullable Object> acceptValues) {
		Map<String, @Nullable Object> parameter = new LinkedHashMap<>();
		parameter.put("name", name);
		parameter.put("label", label);
		parameter.put("dataType", dataType);
		parameter.put("isArray", array);
		parameter.put("isRequired", required);
		parameter.put("acceptValues", acceptValues);
		return parameter;
	}

	private static Map<String, @Nullable Object> dynamic(String setId) {
		Map<String, @Nullable Object> accept = new LinkedHashMap<>();
		accept.put("fields", headers());
		accept.put("dynamicSetId", setId);
		accept.put("values", null);
		return accept;
	}

	static List<Map<String, @Nullable Object>> headers() {
		return List.of(header("Value", "Value"), header("Name", "Name"));
	}

	static Map<String, @Nullable Object> header(String name, String label) {
		Map<String, @Nullable Object> header = new LinkedHashMap<>();
		header.put("name", name);
		header.put("label", label);
		return header;
	}

	private static Map<String, @Nullable Object> field(String name, String label, String dataType) {
		Map<String, @Nullable Object> field = header(name, label);
		field.put("dataType", dataType);
		return field;
	}

}
