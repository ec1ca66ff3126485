package io.github.servicetitan4j.test.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.jspecify.annotations.Nullable;

/**
 * Fills a {@link TenantState} with realistic data that depends only on the seed and the counts: the same settings give
 * the same customers, locations, jobs, appointments, invoices, attachments and images, byte for byte.
 * <p>
 * Records were created between 2023-01-01 and 2025-01-01 and modified up to 60 days later; about one in ten is
 * inactive. Each store receives its records in order of {@code modifiedOn}, so the export feed runs in time order.
 */
public final class SeedData {

	/** Earliest {@code createdOn} of seeded records. */
	public static final Instant EPOCH = Instant.parse("2023-01-01T00:00:00Z");

	private static final long SPAN_SECONDS = Duration.ofDays(731).getSeconds();

	private static final String[] FIRST_NAMES = { "Ava", "Ben", "Carla", "Diego", "Emma", "Farid", "Grace", "Hiro",
			"Isla", "Jamal", "Kate", "Liam", "Maya", "Noah", "Olga", "Priya", "Quinn", "Rosa", "Sam", "Tara" };

	private static final String[] LAST_NAMES = { "Anderson", "Brooks", "Chen", "Diaz", "Evans", "Fischer", "Garcia",
			"Hughes", "Ito", "Johnson", "Kim", "Lopez", "Miller", "Nguyen", "Okafor", "Patel", "Reyes", "Smith",
			"Turner", "Walker" };

	private static final String[] BUSINESSES = { "Properties", "Dental", "Bakery", "Apartments", "Storage", "Motors",
			"Realty", "Cafe" };

	private static final String[] STREETS = { "Oak St", "Maple Ave", "Cedar Ln", "Pine Rd", "Elm St", "Lakeview Dr",
			"Sunset Blvd", "Hillcrest Rd", "Park Ave", "River Rd" };

	private static final String[][] CITIES = { { "Glendale", "CA", "912" }, { "Austin", "TX", "787" },
			{ "Tempe", "AZ", "852" }, { "Boise", "ID", "837" }, { "Tampa", "FL", "336" }, { "Denver", "CO", "802" } };

	private static final String[] PRIORITIES = { "Low", "Normal", "Normal", "Normal", "High", "Urgent" };

	private static final String[] JOB_STATUSES = { "Completed", "Completed", "Completed", "Scheduled", "Dispatched",
			"InProgress", "Hold", "Canceled" };

	private static final String[] SUMMARIES = { "AC not cooling", "Annual furnace tune-up", "Water heater leaking",
			"Replace thermostat", "Clogged kitchen drain", "Install ceiling fan", "Breaker keeps tripping",
			"Duct cleaning", "No hot water", "Estimate for new HVAC system" };

	private static final String[] APPOINTMENT_STATUSES = { "Done", "Done", "Done", "Scheduled", "Dispatched",
			"Working", "Canceled" };

	private static final String[] CUSTOM_FIELD_VALUES = { "Referral", "Google", "Yard sign", "Repeat customer" };

	private static final String[] LEAD_SOURCES = { "Phone", "Web", "Email", "Walk-in" };

	private static final String[][] INVOICE_ITEMS = { { "SVC-DIAG", "Diagnostic fee", "89.00" },
			{ "SVC-TUNE", "Tune-up", "149.00" }, { "MAT-FILTER", "Air filter", "24.50" },
			{ "MAT-CAP", "Run capacitor", "38.75" }, { "SVC-LABOR", "Labor, per hour", "120.00" } };

	private final Random random;

	private final SimulatorSettings settings;

	private final long seed;

	private SeedData(SimulatorSettings settings, long seed) {
		this.settings = settings;
		this.seed = seed;
		this.random = new Random(seed);
	}

	/** Generates the seeded data into an empty tenant. */
	public static void fill(TenantState tenant, SimulatorSettings settings) {
		fill(tenant, settings, settings.seed);
	}

	/** Generates the data of this seed (a tenant's own) into an empty tenant. */
	public static void fill(TenantState tenant, SimulatorSettings settings, long seed) {
		new SeedData(settings, seed).fillTenant(tenant);
	}

	/**
	 * A random source for the fields beyond the original small set, one per record: adding such fields never
	 * changes the values of the others for the same seed.
	 */
	private Random extra(long id) {
		return new Random(this.seed * 31 + id);
	}

	private Map<String, @Nullable Object> contacts(Random extra, String name) {
		Map<String, @Nullable Object> phone = new LinkedHashMap<>();
		phone.put("type", "Phone");
		phone.put("value", "555" + String.format("%07d", extra.nextInt(10_000_000)));
		phone.put("memo", null);
		Map<String, @Nullable Object> email = new LinkedHashMap<>();
		email.put("type", "Email");
		email.put("value", name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z]+", ".") + "@example.com");
		email.put("memo", null);
		Map<String, @Nullable Object> holder = new LinkedHashMap<>();
		holder.put("list", new ArrayList<>(List.of(phone, email)));
		return holder;
	}

	private static List<@Nullable Object> customFields(Random extra) {
		Map<String, @Nullable Object> field = new LinkedHashMap<>();
		field.put("typeId", 800L);
		field.put("name", "Lead source");
		field.put("value", CUSTOM_FIELD_VALUES[extra.nextInt(CUSTOM_FIELD_VALUES.length)]);
		List<@Nullable Object> fields = new ArrayList<>();
		fields.add(field);
		return fields;
	}

	private void fillTenant(TenantState tenant) {
		int customerCount = this.settings.customers;
		int locationCount = (customerCount > 0) ? this.settings.locations : 0;
		int jobCount = (locationCount > 0) ? this.settings.jobs : 0;
		int appointmentCount = (jobCount > 0) ? this.settings.appointments : 0;
		int invoiceCount = (jobCount > 0) ? this.settings.invoices : 0;
		int attachmentCount = (jobCount > 0) ? this.settings.attachments : 0;

		List<Map<String, @Nullable Object>> customers = new ArrayList<>();
		for (int i = 0; i < customerCount; i++) {
			customers.add(customer(1_000_001L + i));
		}
		List<Map<String, @Nullable Object>> locations = new ArrayList<>();
		for (int i = 0; i < locationCount; i++) {
			// Every customer gets one location before any gets a second.
			int customerIndex = (i < customerCount) ? i : this.random.nextInt(customerCount);
			Map<String, @Nullable Object> customer = customers.get(customerIndex);
			locations.add(location(2_000_001L + i, customer));
		}
		List<Map<String, @Nullable Object>> jobs = new ArrayList<>();
		for (int i = 0; i < jobCount; i++) {
			jobs.add(job(3_000_001L + i, locations.get(this.random.nextInt(locationCount))));
		}
		List<Map<String, @Nullable Object>> appointments = new ArrayList<>();
		int[] appointmentsPerJob = new int[jobCount];
		for (int i = 0; i < appointmentCount; i++) {
			int jobIndex = (i < jobCount) ? i : this.random.nextInt(jobCount);
			appointmentsPerJob[jobIndex]++;
			appointments.add(appointment(4_000_001L + i, jobs.get(jobIndex), appointmentsPerJob[jobIndex]));
		}
		List<Map<String, @Nullable Object>> invoices = new ArrayList<>();
		for (int i = 0; i < invoiceCount; i++) {
			Map<String, @Nullable Object> job = jobs.get((i < jobCount) ? i : this.random.nextInt(jobCount));
			invoices.add(invoice(5_000_001L + i, job, customers));
		}
		insertInModificationOrder(tenant.customers(), customers);
		insertInModificationOrder(tenant.locations(), locations);
		insertInModificationOrder(tenant.jobs(), jobs);
		insertInModificationOrder(tenant.appointments(), appointments);
		insertInModificationOrder(tenant.invoices(), invoices);
		for (int i = 0; i < attachmentCount; i++) {
			// By id, not list position: the lists were just sorted by modification time.
			Map<String, @Nullable Object> job = tenant.jobs().get(3_000_001L + (i % jobCount));
			boolean photo = i % 2 == 0;
			String fileName = "job-" + job.get("jobNumber") + "-" + (photo ? "photo-" + (i + 1) + ".jpg"
					: "signed-estimate-" + (i + 1) + ".pdf");
			tenant.addAttachment(Records.id(job), fileName, photo ? "image/jpeg" : "application/pdf",
					bytes(512 + this.random.nextInt(3584)));
		}
		for (int i = 1; i <= 3; i++) {
			tenant.putImage("Images/Pricebook/service-" + i + ".jpg", bytes(1024 + this.random.nextInt(1024)));
		}
	}

	private static void insertInModificationOrder(RecordStore store, List<Map<String, @Nullable Object>> records) {
		records.sort(Comparator
			.comparing((Map<String, @Nullable Object> record) -> Instant.parse(String.valueOf(record.get("modifiedOn"))))
			.thenComparingLong(Records::id));
		for (Map<String, @Nullable Object> record : records) {
			store.insert(record);
		}
	}

	private Map<String, @Nullable Object> customer(long id) {
		boolean commercial = this.random.nextInt(5) == 0;
		String last = pick(LAST_NAMES);
		String name = commercial ? last + " " + pick(BUSINESSES) : pick(FIRST_NAMES) + " " + last;
		Map<String, @Nullable Object> record = new LinkedHashMap<>();
		record.put("id", id);
		record.put("active", this.random.nextInt(10) != 0);
		record.put("name", name);
		record.put("type", commercial ? "Commercial" : "Residential");
		record.put("address", address());
		record.put("balance", money(this.random.nextInt(4) == 0 ? 50_000 : 0));
		record.put("doNotMail", this.random.nextInt(8) == 0);
		record.put("doNotService", false);
		stamp(record);
		Random extra = extra(id);
		record.put("contacts", contacts(extra, name).get("list"));
		record.put("customFields", customFields(extra));
		record.put("createdById", 900L + extra.nextInt(5));
		record.put("mergedToId", null);
		record.put("externalData", null);
		return record;
	}

	private Map<String, @Nullable Object> location(long id, Map<String, @Nullable Object> customer) {
		Map<String, @Nullable Object> record = new LinkedHashMap<>();
		record.put("id", id);
		record.put("customerId", customer.get("id"));
		record.put("active", this.random.nextInt(10) != 0);
		record.put("name", customer.get("name"));
		record.put("address", address());
		record.put("taxZoneId", 100L + this.random.nextInt(5));
		stamp(record);
		Random extra = extra(id);
		record.put("zoneId", 150L + extra.nextInt(6));
		record.put("contacts", contacts(extra, String.valueOf(customer.get("name"))).get("list"));
		record.put("customFields", customFields(extra));
		record.put("createdById", 900L + extra.nextInt(5));
		return record;
	}

	private Map<String, @Nullable Object> job(long id, Map<String, @Nullable Object> location) {
		Map<String, @Nullable Object> record = new LinkedHashMap<>();
		record.put("id", id);
		record.put("jobNumber", String.valueOf(id - 3_000_000L + 10_000L));
		record.put("customerId", location.get("customerId"));
		record.put("locationId", location.get("id"));
		record.put("businessUnitId", 200L + this.random.nextInt(4));
		record.put("jobTypeId", 300L + this.random.nextInt(8));
		record.put("priority", pick(PRIORITIES));
		record.put("campaignId", 400L + this.random.nextInt(3));
		record.put("summary", pick(SUMMARIES));
		record.put("jobStatus", pick(JOB_STATUSES));
		record.put("active", this.random.nextInt(10) != 0);
		stamp(record);
		Random extra = extra(id);
		boolean completed = "Completed".equals(record.get("jobStatus"));
		Instant created = Instant.parse(String.valueOf(record.get("createdOn")));
		record.put("completedOn", completed
				? Records.format(created.plus(Duration.ofHours(24 + extra.nextInt(24 * 20)))) : null);
		record.put("total", money(extra, 200_000));
		record.put("noCharge", extra.nextInt(20) == 0);
		record.put("notificationsEnabled", true);
		record.put("leadSource", LEAD_SOURCES[extra.nextInt(LEAD_SOURCES.length)]);
		record.put("tagTypeIds", new ArrayList<>(List.of(700L + extra.nextInt(3))));
		record.put("customFields", customFields(extra));
		record.put("recallForId", null);
		record.put("warrantyId", null);
		record.put("createdById", 900L + extra.nextInt(5));
		return record;
	}

	private static BigDecimal money(Random random, int maxCents) {
		return BigDecimal.valueOf(random.nextInt(maxCents), 2);
	}

	private Map<String, @Nullable Object> appointment(long id, Map<String, @Nullable Object> job, int number) {
		Instant jobCreated = Instant.parse(String.valueOf(job.get("createdOn")));
		Instant start = jobCreated.plus(Duration.ofHours(24 + this.random.nextInt(24 * 14)));
		Map<String, @Nullable Object> record = new LinkedHashMap<>();
		record.put("id", id);
		record.put("jobId", job.get("id"));
		record.put("appointmentNumber", job.get("jobNumber") + "-" + number);
		record.put("start", Records.format(start));
		record.put("end", Records.format(start.plus(Duration.ofHours(1 + this.random.nextInt(3)))));
		record.put("arrivalWindowStart", Records.format(start.minus(Duration.ofHours(1))));
		record.put("arrivalWindowEnd", Records.format(start.plus(Duration.ofHours(1))));
		record.put("status", pick(APPOINTMENT_STATUSES));
		record.put("customerId", job.get("customerId"));
		record.put("active", this.random.nextInt(10) != 0);
		stamp(record, jobCreated);
		Random extra = extra(id);
		record.put("locationId", job.get("locationId"));
		record.put("technicianIds", new ArrayList<>(List.of(1000L + extra.nextInt(12))));
		record.put("specialInstructions", extra.nextInt(4) == 0 ? "Call on arrival" : null);
		record.put("unused", false);
		return record;
	}

	private Map<String, @Nullable Object> invoice(long id, Map<String, @Nullable Object> job,
			List<Map<String, @Nullable Object>> customers) {
		Instant jobCreated = Instant.parse(String.valueOf(job.get("createdOn")));
		BigDecimal subTotal = money(5_000 + this.random.nextInt(250_000));
		BigDecimal tax = subTotal.multiply(new BigDecimal("0.0825")).setScale(2, RoundingMode.HALF_UP);
		BigDecimal total = subTotal.add(tax);
		long customerId = ((Number) job.get("customerId")).longValue();
		Object customerName = customers.get((int) (customerId - 1_000_001L)).get("name");
		Map<String, @Nullable Object> customer = new LinkedHashMap<>();
		customer.put("id", customerId);
		customer.put("name", customerName);
		Map<String, @Nullable Object> jobRef = new LinkedHashMap<>();
		jobRef.put("id", job.get("id"));
		jobRef.put("number", job.get("jobNumber"));
		Map<String, @Nullable Object> record = new LinkedHashMap<>();
		record.put("id", id);
		record.put("referenceNumber", String.valueOf(id - 5_000_000L + 70_000L));
		record.put("invoiceDate", Records.format(jobCreated.plus(Duration.ofDays(1 + this.random.nextInt(20)))));
		record.put("subTotal", subTotal);
		record.put("salesTax", tax);
		record.put("total", total);
		record.put("balance", this.random.nextInt(3) == 0 ? total : money(0));
		record.put("customer", customer);
		record.put("locationId", job.get("locationId"));
		record.put("job", jobRef);
		record.put("active", this.random.nextInt(10) != 0);
		stamp(record, jobCreated);
		Random extra = extra(id);
		Instant invoiceDate = Instant.parse(String.valueOf(record.get("invoiceDate")));
		record.put("dueDate", Records.format(invoiceDate.plus(Duration.ofDays(30))));
		record.put("summary", job.get("summary"));
		record.put("items", items(extra, id));
		record.put("businessUnitId", job.get("businessUnitId"));
		return record;
	}

	private static List<@Nullable Object> items(Random extra, long invoiceId) {
		List<@Nullable Object> items = new ArrayList<>();
		int count = 1 + extra.nextInt(3);
		for (int i = 0; i < count; i++) {
			String[] item = INVOICE_ITEMS[extra.nextInt(INVOICE_ITEMS.length)];
			BigDecimal quantity = BigDecimal.valueOf(1 + extra.nextInt(2));
			BigDecimal price = new BigDecimal(item[2]);
			Map<String, @Nullable Object> line = new LinkedHashMap<>();
			line.put("id", invoiceId * 10 + i);
			line.put("skuName", item[0]);
			line.put("description", item[1]);
			line.put("quantity", quantity);
			line.put("price", price);
			line.put("total", price.multiply(quantity).setScale(2, RoundingMode.HALF_UP));
			items.add(line);
		}
		return items;
	}

	private Map<String, @Nullable Object> address() {
		String[] city = CITIES[this.random.nextInt(CITIES.length)];
		Map<String, @Nullable Object> address = new LinkedHashMap<>();
		address.put("street", (100 + this.random.nextInt(9900)) + " " + pick(STREETS));
		address.put("city", city[0]);
		address.put("state", city[1]);
		address.put("zip", city[2] + String.format("%02d", this.random.nextInt(100)));
		address.put("country", "USA");
		return address;
	}

	private void stamp(Map<String, @Nullable Object> record) {
		stamp(record, EPOCH.plusSeconds((long) (this.random.nextDouble() * SPAN_SECONDS)));
	}

	private void stamp(Map<String, @Nullable Object> record, Instant notBefore) {
		Instant created = notBefore.plusSeconds(this.random.nextInt(3 * 24 * 3600));
		Instant modified = created.plusSeconds((long) (this.random.nextDouble() * 60 * 24 * 3600));
		record.put("createdOn", Records.format(created));
		record.put("modifiedOn", Records.format(modified));
	}

	private BigDecimal money(int maxCents) {
		return BigDecimal.valueOf((maxCents > 0) ? this.random.nextInt(maxCents) : 0, 2);
	}

	private String pick(String[] values) {
		return values[this.random.nextInt(values.length)];
	}

	private byte[] bytes(int size) {
		byte[] bytes = new byte[size];
		this.random.nextBytes(bytes);
		byte[] marker = "servicetitan-simulator".getBytes(StandardCharsets.US_ASCII);
		System.arraycopy(marker, 0, bytes, 0, Math.min(marker.length, size));
		return bytes;
	}

}
