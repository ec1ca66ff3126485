package io.github.servicetitan4j.test.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * The data of the simulated tenant: one {@link RecordStore} per resource, the bytes of job attachments and pricebook
 * images. Ids of each resource live in their own range (customers from 1,000,001, locations from 2,000,001, ...).
 */
public final class TenantState {

	private final RecordStore customers;

	private final RecordStore locations;

	private final RecordStore jobs;

	private final RecordStore appointments;

	private final RecordStore invoices;

	private final RecordStore notes;

	private final RecordStore attachments;

	private final Map<Long, byte[]> attachmentContents = new TreeMap<>();

	private final Map<String, byte[]> images = new LinkedHashMap<>();

	private final long seed;

	private final Map<String, RecordStore> declared = new LinkedHashMap<>();

	private final Map<String, ResourceDefinition> definitions = new LinkedHashMap<>();

	public TenantState(Clock clock) {
		this(clock, new ArrayList<>());
	}

	/** A tenant with the built-in resources and the declared ones, filled with the records they were declared with. */
	public TenantState(Clock clock, List<ResourceDefinition> resources) {
		this(clock, resources, SimulatorSettings.DEFAULT_SEED);
	}

	/**
	 * A tenant with the built-in resources and the declared ones, whose generated data (seeded records, report rows)
	 * comes from this seed.
	 */
	public TenantState(Clock clock, List<ResourceDefinition> resources, long seed) {
		this.seed = seed;
		this.customers = new RecordStore("Customer", 1_000_001, clock);
		this.locations = new RecordStore("Location", 2_000_001, clock);
		this.jobs = new RecordStore("Job", 3_000_001, clock);
		this.appointments = new RecordStore("Appointment", 4_000_001, clock);
		this.invoices = new RecordStore("Invoice", 5_000_001, clock);
		this.notes = new RecordStore("Note", 6_000_001, clock);
		this.attachments = new RecordStore("Attachment", 7_000_001, clock);
		for (ResourceDefinition resource : resources) {
			RecordStore store = new RecordStore(resource.label, resource.firstId, clock);
			List<Map<String, @Nullable Object>> records = new ArrayList<>();
			for (Map<String, @Nullable Object> record : resource.records) {
				Map<String, @Nullable Object> copy = Records.copy(record);
				if (Records.asLong(copy.get("id")) == null) {
					copy.put("id", store.nextId());
				}
				records.add(copy);
			}
			// The export feed walks records in the order they were stored: oldest change first, as seeded data.
			records.sort(Comparator.comparing((Map<String, @Nullable Object> record) -> {
				Instant modified = Records.instant(record, "modifiedOn");
				return (modified != null) ? modified : Instant.MAX;
			}).thenComparingLong(Records::id));
			for (Map<String, @Nullable Object> record : records) {
				store.insert(record);
			}
			this.declared.put(resource.key(), store);
			this.definitions.put(resource.key(), resource);
		}
	}

	/** The declared resource whose path starts with these segments (the longest name that matches), or null. */
	public @Nullable ResourceDefinition declaredResource(String folder, List<String> segments) {
		ResourceDefinition best = null;
		for (ResourceDefinition resource : this.definitions.values()) {
			if (!resource.folder.equals(folder)) {
				continue;
			}
			String[] parts = resource.name.split("/");
			if (parts.length > segments.size() || (best != null && best.name.split("/").length >= parts.length)) {
				continue;
			}
			boolean matches = true;
			for (int i = 0; i < parts.length && matches; i++) {
				matches = parts[i].equals(segments.get(i));
			}
			if (matches) {
				best = resource;
			}
		}
		return best;
	}

	/** The store of a declared resource, or null. */
	public @Nullable RecordStore declaredStore(String folder, String name) {
		return this.declared.get(folder + "/" + name);
	}

	/** Seed of this tenant's generated data: the simulator's seed for the default tenant, one of its own for others. */
	public long seed() {
		return this.seed;
	}

	public RecordStore customers() {
		return this.customers;
	}

	public RecordStore locations() {
		return this.locations;
	}

	public RecordStore jobs() {
		return this.jobs;
	}

	public RecordStore appointments() {
		return this.appointments;
	}

	public RecordStore invoices() {
		return this.invoices;
	}

	/** Job notes; each carries the {@code jobId} it belongs to. */
	public RecordStore notes() {
		return this.notes;
	}

	/** Job attachment metadata; each carries its {@code jobId}, the bytes are in {@link #attachmentContent}. */
	public RecordStore attachments() {
		return this.attachments;
	}

	/** Adds an attachment to a job and returns its metadata. */
	public synchronized Map<String, @Nullable Object> addAttachment(long jobId, String fileName, String contentType,
			byte[] content) {
		Map<String, @Nullable Object> record = new LinkedHashMap<>();
		record.put("id", this.attachments.nextId());
		record.put("jobId", jobId);
		record.put("fileName", fileName);
		record.put("contentType", contentType);
		record.put("size", (long) content.length);
		Map<String, @Nullable Object> stored = this.attachments.insert(record);
		this.attachmentContents.put(Records.id(stored), content.clone());
		return stored;
	}

	/** Bytes of an attachment, or null when there is none. */
	public synchronized byte @Nullable [] attachmentContent(long id) {
		byte[] content = this.attachmentContents.get(id);
		return (content != null && this.attachments.exists(id)) ? content.clone() : null;
	}

	/** Puts a pricebook image at a path such as {@code Images/Pricebook/1.jpg}. */
	public synchronized void putImage(String path, byte[] content) {
		this.images.put(path, content.clone());
	}

	/** Bytes of a pricebook image, or null. */
	public synchronized byte @Nullable [] image(String path) {
		byte[] content = this.images.get(path);
		return (content != null) ? content.clone() : null;
	}

	/** Paths of all pricebook images. */
	public synchronized List<String> imagePaths() {
		return new ArrayList<>(this.images.keySet());
	}

	/** The store that serves a resource name as it appears in URLs (customers, jobs, ...), or null. */
	public @Nullable RecordStore store(String folder, String resource) {
		ResourceDefinition declared = this.definitions.get(folder + "/" + resource);
		if (declared != null) {
			// A declared resource takes the place of a built-in one of the same name, here as for reads.
			return declared.export ? this.declared.get(declared.key()) : null;
		}
		switch (folder + "/" + resource) {
			case "crm/customers":
				return this.customers;
			case "crm/locations":
				return this.locations;
			case "jpm/jobs":
				return this.jobs;
			case "jpm/appointments":
				return this.appointments;
			case "accounting/invoices":
				return this.invoices;
			default:
				return null;
		}
	}

}
