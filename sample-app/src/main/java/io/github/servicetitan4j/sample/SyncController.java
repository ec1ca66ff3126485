package io.github.servicetitan4j.sample;

import java.util.List;
import java.util.Map;

import io.github.servicetitan4j.Endpoint;
import io.github.servicetitan4j.EndpointFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * What was synced, and a way to create a job in ServiceTitan: {@code GET /api/summary}, {@code GET /api/jobs},
 * {@code GET /api/customers}, {@code POST /api/jobs}, {@code POST /api/sync}.
 */
@RestController
@RequestMapping("/api")
class SyncController {

	private final SyncedRecords records;

	private final ExportSync sync;

	private final Endpoint jobs;

	SyncController(SyncedRecords records, ExportSync sync, EndpointFactory serviceTitan) {
		this.records = records;
		this.sync = sync;
		this.jobs = serviceTitan.endpoint("jpm", "jobs");
	}

	@GetMapping("/summary")
	Map<String, Object> summary() {
		return Map.of("customers", this.records.countCustomers(), "jobs", this.records.countJobs(), "checkpoints",
				this.sync.checkpoints());
	}

	@GetMapping("/jobs")
	List<Map<String, Object>> jobs(@RequestParam(defaultValue = "50") int limit) {
		return this.records.jobs(Math.min(limit, 500));
	}

	@GetMapping("/customers")
	List<Map<String, Object>> customers(@RequestParam(defaultValue = "50") int limit) {
		return this.records.customers(Math.min(limit, 500));
	}

	/**
	 * Creates a job in ServiceTitan. The next sync brings it back from the jobs export feed into the database.
	 */
	@PostMapping("/jobs")
	@ResponseStatus(HttpStatus.CREATED)
	JsonNode createJob(@RequestBody NewJob job) {
		return this.jobs.create(job);
	}

	@PostMapping("/sync")
	ExportSync.SyncReport syncNow() {
		return this.sync.syncAll();
	}

	/**
	 * The fields ServiceTitan needs to book a job.
	 */
	record NewJob(long customerId, long locationId, long businessUnitId, long jobTypeId, String priority,
			String summary) {
	}

}
