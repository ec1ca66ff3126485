package io.github.servicetitan4j.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import io.github.servicetitan4j.test.internal.RecordStore;
import io.github.servicetitan4j.test.internal.Records;
import io.github.servicetitan4j.test.internal.SimulatorEngine;
import io.github.servicetitan4j.test.internal.TenantState;

/**
 * A simulated tenant's current data, as the API would return it, for assertions such as "the job my code created is
 * there". Records are copies (JSON-like maps: strings, longs, decimals, booleans, nested maps); changing them changes
 * nothing in the simulator. Lists hold live records in id order, active and inactive; deleted ones are gone.
 */
public final class SimulatedTenant {

	private final SimulatorEngine engine;

	private final String name;

	SimulatedTenant(SimulatorEngine engine, String name) {
		this.engine = engine;
		this.name = name;
	}

	/**
	 * Name of the tenant ({@link ServiceTitanSimulator#DEFAULT_TENANT} or one the builder named).
	 * @return name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Live records of a declared resource ({@link SimulatedResource}) or a built-in one, in id order.
	 * @throws IllegalArgumentException when the simulator serves no such resource
	 * @param folder API folder, such as {@code jpm}
	 * @param name endpoint name, such as {@code jobs}
	 * @return records, copies
	 */
	public List<Map<String, @Nullable Object>> records(String folder, String name) {
		TenantState state = state();
		RecordStore store = state.declaredStore(folder, name);
		if (store == null) {
			store = state.store(folder, name);
		}
		if (store == null) {
			throw new IllegalArgumentException("The simulator serves no resource " + folder + "/" + name);
		}
		return store.all();
	}

	/**
	 * Copy of a live record of a declared or built-in resource.
	 * @param folder API folder, such as {@code jpm}
	 * @param name endpoint name, such as {@code jobs}
	 * @param id record id
	 * @return record, or empty when there is no such live record
	 */
	public Optional<Map<String, @Nullable Object>> record(String folder, String name, long id) {
		for (Map<String, @Nullable Object> record : records(folder, name)) {
			Long recordId = Records.asLong(record.get("id"));
			if (recordId != null && recordId == id) {
				return Optional.of(record);
			}
		}
		return Optional.empty();
	}

	private TenantState state() {
		return this.engine.tenant(this.name);
	}

	/**
	 * Live customers, in id order.
	 * @return customers, copies
	 */
	public List<Map<String, @Nullable Object>> customers() {
		return state().customers().all();
	}

	/**
	 * Live locations, in id order.
	 * @return locations, copies
	 */
	public List<Map<String, @Nullable Object>> locations() {
		return state().locations().all();
	}

	/**
	 * Live jobs, in id order.
	 * @return jobs, copies
	 */
	public List<Map<String, @Nullable Object>> jobs() {
		return state().jobs().all();
	}

	/**
	 * Live appointments, in id order.
	 * @return appointments, copies
	 */
	public List<Map<String, @Nullable Object>> appointments() {
		return state().appointments().all();
	}

	/**
	 * Live invoices, in id order.
	 * @return invoices, copies
	 */
	public List<Map<String, @Nullable Object>> invoices() {
		return state().invoices().all();
	}

	/**
	 * Copy of a live customer.
	 * @param id customer id
	 * @return customer, or empty when there is none
	 */
	public Optional<Map<String, @Nullable Object>> customer(long id) {
		return Optional.ofNullable(state().customers().find(id));
	}

	/**
	 * Copy of a live job.
	 * @param id job id
	 * @return job, or empty when there is none
	 */
	public Optional<Map<String, @Nullable Object>> job(long id) {
		return Optional.ofNullable(state().jobs().find(id));
	}

	/**
	 * Notes of a job, oldest first.
	 * @param jobId job id
	 * @return notes
	 */
	public List<Map<String, @Nullable Object>> notes(long jobId) {
		return ofJob(state().notes(), jobId);
	}

	/**
	 * Attachment metadata of a job ({@code id, jobId, fileName, contentType, size, ...}).
	 * @param jobId job id
	 * @return attachment metadata
	 */
	public List<Map<String, @Nullable Object>> attachments(long jobId) {
		return ofJob(state().attachments(), jobId);
	}

	/**
	 * Content of an attachment.
	 * @param attachmentId attachment id
	 * @return content, or empty when there is no such attachment
	 */
	public Optional<byte[]> attachmentContent(long attachmentId) {
		return Optional.ofNullable(state().attachmentContent(attachmentId));
	}

	/**
	 * Paths of the pricebook images, such as {@code Images/Pricebook/service-1.jpg}.
	 * @return image paths
	 */
	public List<String> imagePaths() {
		return state().imagePaths();
	}

	/**
	 * Adds or replaces a pricebook image that {@code pricebook/images?path=} will then redirect to.
	 * @param path image path, such as {@code Images/Pricebook/service-1.jpg}
	 * @param content image bytes
	 */
	public void putImage(String path, byte[] content) {
		state().putImage(path, content);
	}

	private static List<Map<String, @Nullable Object>> ofJob(RecordStore store, long jobId) {
		List<Map<String, @Nullable Object>> ofJob = new ArrayList<>();
		for (Map<String, @Nullable Object> record : store.all()) {
			Long owner = Records.asLong(record.get("jobId"));
			if (owner != null && owner == jobId) {
				ofJob.add(record);
			}
		}
		return ofJob;
	}

}
