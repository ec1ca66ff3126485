package io.github.servicetitan4j.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import io.github.servicetitan4j.test.internal.RecordStore;
import io.github.servicetitan4j.test.internal.Records;
import io.github.servicetitan4j.test.internal.SimulatorEngine;

/**
 * The simulated tenant's current data, as the API would return it, for assertions such as "the job my code created is
 * there". Records are copies (JSON-like maps: strings, longs, decimals, booleans, nested maps); changing them changes
 * nothing in the simulator. Lists hold live records in id order, active and inactive; deleted ones are gone.
 */
public final class SimulatedTenant {

	private final SimulatorEngine engine;

	SimulatedTenant(SimulatorEngine engine) {
		this.engine = engine;
	}

	public List<Map<String, @Nullable Object>> customers() {
		return this.engine.tenant().customers().all();
	}

	public List<Map<String, @Nullable Object>> locations() {
		return this.engine.tenant().locations().all();
	}

	public List<Map<String, @Nullable Object>> jobs() {
		return this.engine.tenant().jobs().all();
	}

	public List<Map<String, @Nullable Object>> appointments() {
		return this.engine.tenant().appointments().all();
	}

	public List<Map<String, @Nullable Object>> invoices() {
		return this.engine.tenant().invoices().all();
	}

	public Optional<Map<String, @Nullable Object>> customer(long id) {
		return Optional.ofNullable(this.engine.tenant().customers().find(id));
	}

	public Optional<Map<String, @Nullable Object>> job(long id) {
		return Optional.ofNullable(this.engine.tenant().jobs().find(id));
	}

	/** Notes of a job, oldest first. */
	public List<Map<String, @Nullable Object>> notes(long jobId) {
		return ofJob(this.engine.tenant().notes(), jobId);
	}

	/** Attachment metadata of a job ({@code id, jobId, fileName, contentType, size, ...}). */
	public List<Map<String, @Nullable Object>> attachments(long jobId) {
		return ofJob(this.engine.tenant().attachments(), jobId);
	}

	/** Content of an attachment. */
	public Optional<byte[]> attachmentContent(long attachmentId) {
		return Optional.ofNullable(this.engine.tenant().attachmentContent(attachmentId));
	}

	/** Paths of the pricebook images, such as {@code Images/Pricebook/service-1.jpg}. */
	public List<String> imagePaths() {
		return this.engine.tenant().imagePaths();
	}

	/** Adds or replaces a pricebook image that {@code pricebook/images?path=} will then redirect to. */
	public void putImage(String path, byte[] content) {
		this.engine.tenant().putImage(path, content);
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
