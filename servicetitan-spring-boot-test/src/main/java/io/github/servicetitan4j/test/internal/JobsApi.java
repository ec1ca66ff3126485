package io.github.servicetitan4j.test.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * {@code jpm/v2/tenant/{t}/jobs}: list, get, create, replace, patch, delete, and a job's notes (list, add, delete).
 */
final class JobsApi {

	private static final String[] MUTABLE = { "customerId", "locationId", "businessUnitId", "jobTypeId", "priority",
			"campaignId", "summary", "jobStatus" };

	private static final long FIRST_JOB_NUMBER = 10_000L;

	private JobsApi() {
	}

	static SimResponse handle(ApiCall call) {
		RecordStore jobs = call.tenant().jobs();
		if (call.size() == 1) {
			switch (call.method()) {
				case "GET":
					return SimResponse.json(200, PagedQuery.of(call.request()).page(jobs.all()));
				case "POST":
					return SimResponse.json(200, jobs.insert(create(call, jobs.nextId())));
				default:
					throw call.methodNotAllowed();
			}
		}
		long id = call.id(1);
		if (call.size() == 2) {
			switch (call.method()) {
				case "GET":
					return SimResponse.json(200, jobs.get(id));
				case "PUT":
					jobs.get(id);
					return SimResponse.json(200, jobs.update(id, replacement(call)));
				case "PATCH":
					jobs.get(id);
					return SimResponse.json(200, jobs.update(id, changes(call)));
				case "DELETE":
					jobs.delete(id);
					return SimResponse.empty(200);
				default:
					throw call.methodNotAllowed();
			}
		}
		if (call.segment(2).equals("notes")) {
			return notes(call, jobs.get(id));
		}
		throw Problem.of(404, "Not Found");
	}

	private static SimResponse notes(ApiCall call, Map<String, @Nullable Object> job) {
		RecordStore notes = call.tenant().notes();
		long jobId = Records.id(job);
		if (call.size() == 3) {
			switch (call.method()) {
				case "GET":
					return SimResponse.json(200, PagedQuery.of(call.request()).page(notesOf(notes, jobId)));
				case "POST":
					Map<String, @Nullable Object> body = call.jsonBody();
					Map<String, @Nullable Object> note = new LinkedHashMap<>();
					note.put("id", notes.nextId());
					note.put("jobId", jobId);
					note.put("text", Validation.requiredText(body, "text"));
					note.put("isPinned", Boolean.TRUE.equals(body.get("pinToTop")));
					note.put("createdById", 900L);
					return SimResponse.json(200, notes.insert(note));
				default:
					throw call.methodNotAllowed();
			}
		}
		if (call.size() == 4 && call.method().equals("DELETE")) {
			long noteId = call.id(3);
			Map<String, @Nullable Object> note = notes.find(noteId);
			Long owner = (note != null) ? Records.asLong(note.get("jobId")) : null;
			if (owner == null || owner != jobId) {
				throw Problem.notFound("Note", noteId);
			}
			notes.delete(noteId);
			return SimResponse.empty(200);
		}
		if (call.size() == 4) {
			throw call.methodNotAllowed();
		}
		throw Problem.of(404, "Not Found");
	}

	private static List<Map<String, @Nullable Object>> notesOf(RecordStore notes, long jobId) {
		List<Map<String, @Nullable Object>> ofJob = new ArrayList<>();
		for (Map<String, @Nullable Object> note : notes.all()) {
			Long owner = Records.asLong(note.get("jobId"));
			if (owner != null && owner == jobId) {
				ofJob.add(note);
			}
		}
		return ofJob;
	}

	private static Map<String, @Nullable Object> create(ApiCall call, long id) {
		Map<String, @Nullable Object> record = new LinkedHashMap<>();
		record.put("id", id);
		record.put("jobNumber", String.valueOf(id - 3_000_000L + FIRST_JOB_NUMBER));
		record.putAll(replacement(call));
		record.putIfAbsent("jobStatus", "Scheduled");
		record.put("active", Boolean.TRUE);
		return record;
	}

	/** A full set of mutable fields, as create and PUT take them. */
	private static Map<String, @Nullable Object> replacement(ApiCall call) {
		Map<String, @Nullable Object> body = call.jsonBody();
		Map<String, @Nullable Object> fields = new LinkedHashMap<>();
		long customerId = Validation.requiredId(body, "customerId");
		long locationId = Validation.requiredId(body, "locationId");
		fields.put("customerId", customerId);
		fields.put("locationId", locationId);
		fields.put("businessUnitId", Validation.requiredId(body, "businessUnitId"));
		fields.put("jobTypeId", Validation.requiredId(body, "jobTypeId"));
		fields.put("priority", priority(body.getOrDefault("priority", "Normal")));
		fields.put("campaignId", Records.asLong(body.get("campaignId")));
		fields.put("summary", (body.get("summary") != null) ? String.valueOf(body.get("summary")) : null);
		if (body.get("jobStatus") instanceof String) {
			fields.put("jobStatus", body.get("jobStatus"));
		}
		checkLocation(call.tenant(), customerId, locationId);
		return fields;
	}

	/** The mutable fields a PATCH names; the others stay as they are. */
	private static Map<String, @Nullable Object> changes(ApiCall call) {
		Map<String, @Nullable Object> body = call.jsonBody();
		Map<String, @Nullable Object> existing = call.tenant().jobs().get(call.id(1));
		Map<String, @Nullable Object> changes = new LinkedHashMap<>();
		for (String field : MUTABLE) {
			if (!body.containsKey(field)) {
				continue;
			}
			Object value = body.get(field);
			if (field.endsWith("Id")) {
				Long id = Records.asLong(value);
				if (id == null && !field.equals("campaignId")) {
					throw Problem.badRequest(Validation.property(field), "The value is not a valid id.");
				}
				value = id;
			}
			else if (field.equals("priority")) {
				value = priority(value);
			}
			else if (value != null) {
				value = String.valueOf(value);
			}
			changes.put(field, value);
		}
		Long customerId = Records.asLong(changes.getOrDefault("customerId", existing.get("customerId")));
		Long locationId = Records.asLong(changes.getOrDefault("locationId", existing.get("locationId")));
		if (customerId != null && locationId != null
				&& (changes.containsKey("customerId") || changes.containsKey("locationId"))) {
			checkLocation(call.tenant(), customerId, locationId);
		}
		return changes;
	}

	private static void checkLocation(TenantState tenant, long customerId, long locationId) {
		Validation.exists(tenant.customers(), customerId, "customerId");
		Validation.exists(tenant.locations(), locationId, "locationId");
		Map<String, @Nullable Object> location = tenant.locations().get(locationId);
		Long owner = Records.asLong(location.get("customerId"));
		if (owner == null || owner != customerId) {
			throw Problem.badRequest("LocationId",
					"Location " + locationId + " does not belong to customer " + customerId + ".");
		}
	}

	private static String priority(@Nullable Object value) {
		for (String priority : new String[] { "Low", "Normal", "High", "Urgent" }) {
			if (priority.equals(value)) {
				return priority;
			}
		}
		throw Problem.badRequest("Priority", "The Priority field must be Low, Normal, High or Urgent.");
	}

}
