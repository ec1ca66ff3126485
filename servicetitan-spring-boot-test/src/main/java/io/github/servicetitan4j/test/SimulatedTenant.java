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

	/** Name of the tenant ({@link ServiceTitanSimulator#DEFAULT_TENANT} or one the builder named). */
	public String name() {
		return this.name;
	}

	/**
	 * Live records of a declared resource ({@link SimulatedResource}) or a built-in one, in id order.
	 * @throws IllegalArgumentException when the simulator serves no such resource
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

	/** Copy of a live record of a declared or built-in resource. */
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

	public List<Map<String, @Nullable Object>> customers() {
		return state().customers().all();
	}

	public List<Map<String, @Nullable Object>> locations() {
		return state().locations().all();
	}

	public List<Map<String, @Nullable Object>> jobs() {
		return state().jobs().all();
	}

	public List<Map<String, @Nullable Object>> appointments() {
		return state().appointments().all();
	}

	public List<Map<String, @Nullable Object>> invoices() {
		return state().invoices().all();
	}

	public Optional<Map<String, @Nullable Object>> customer(long id) {
		return Optional.ofNullable(state().customers().find(id));
	}

	public Optional<Map<String, @Nullable Object>> job(long id) {
		return Optional.ofNullable(state().jobs().find(id));
	}

	/** Notes of a job, oldest first. */
	public List<Map<String, @Nullable Object>> notes(long jobId) {
		return ofJob(state().notes(), jobId);
	}

	/** Attachment metadata of a job ({@code id, jobId, fileName, contentType, size, ...}). */
	public List<Map<String, @Nullable Object>> attachments(long jobId) {
		return ofJob(state().attachments(), jobId);
	}

	/** Content of an attachment. */
	public Optional<byte[]> attachmentContent(long attachmentId) {
		return Optional.ofNullable(state().attachmentContent(attachmentId));
	}

	/** Paths of the pricebook images, such as {@code Images/Pricebook/service-1.jpg}. */
	public List<String> imagePaths() {
		return state().imagePaths();
	}

	/** Adds or replaces a pricebook image that {@code pricebook/images?path=} will then redirect to. */
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
