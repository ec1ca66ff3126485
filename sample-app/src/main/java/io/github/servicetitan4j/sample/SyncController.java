package io.github.servicetitan4j.sample;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.servicetitan4j.ServiceTitanTenants;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * What was synced, and a way to create a job in ServiceTitan: {@code GET /api/summary}, {@code GET /api/jobs},
 * {@code GET /api/customers}, {@code POST /api/jobs}, {@code POST /api/sync}. Every one takes an optional
 * {@code tenant} parameter (a name from {@code servicetitan.tenants}, or {@code default} for the single tenant):
 * reads are then limited to that tenant; {@code POST /api/jobs} needs it as soon as more than one tenant is
 * configured. A name that is not a configured tenant answers 400, listing the configured ones.
 */
@RestController
@RequestMapping("/api")
class SyncController {

	private final SyncedRecords records;

	private final ExportSync sync;

	private final ServiceTitanTenants tenants;

	SyncController(SyncedRecords records, ExportSync sync, ServiceTitanTenants tenants) {
		this.records = records;
		this.sync = sync;
		this.tenants = tenants;
	}

	/**
	 * Row counts and checkpoints per tenant, and the totals.
	 */
	@GetMapping("/summary")
	Map<String, Object> summary(@RequestParam(required = false) @Nullable String tenant) {
		Set<String> names = (tenant != null) ? Set.of(known(tenant)) : this.tenants.names();
		Map<String, Long> customers = this.records.countCustomersByTenant();
		Map<String, Long> jobs = this.records.countJobsByTenant();
		Map<String, Object> perTenant = new LinkedHashMap<>();
		long customerTotal = 0;
		long jobTotal = 0;
		for (String name : names) {
			long customerCount = customers.getOrDefault(name, 0L);
			long jobCount = jobs.getOrDefault(name, 0L);
			perTenant.put(name, Map.of("customers", customerCount, "jobs", jobCount, "checkpoints",
					this.sync.checkpoints(name)));
			customerTotal += customerCount;
			jobTotal += jobCount;
		}
		return Map.of("customers", customerTotal, "jobs", jobTotal, "tenants", perTenant);
	}

	@GetMapping("/jobs")
	List<Map<String, Object>> jobs(@RequestParam(required = false) @Nullable String tenant,
			@RequestParam(defaultValue = "50") int limit) {
		return this.records.jobs((tenant != null) ? known(tenant) : null, Math.min(limit, 500));
	}

	@GetMapping("/customers")
	List<Map<String, Object>> customers(@RequestParam(required = false) @Nullable String tenant,
			@RequestParam(defaultValue = "50") int limit) {
		return this.records.customers((tenant != null) ? known(tenant) : null, Math.min(limit, 500));
	}

	/**
	 * Creates a job in a tenant of ServiceTitan. The next sync brings it back from that tenant's jobs export feed into
	 * the database.
	 */
	@PostMapping("/jobs")
	@ResponseStatus(HttpStatus.CREATED)
	JsonNode createJob(@RequestParam(required = false) @Nullable String tenant, @RequestBody NewJob job) {
		return this.tenants.tenant(target(tenant)).endpoint("jpm", "jobs").create(job);
	}

	@PostMapping("/sync")
	ExportSync.SyncReport syncNow() {
		return this.sync.syncAll();
	}

	/** The tenant a job goes to: the one named, or the only one; never a guess among several. */
	private String target(@Nullable String tenant) {
		if (tenant != null) {
			return known(tenant);
		}
		Set<String> names = this.tenants.names();
		if (names.size() == 1) {
			return names.iterator().next();
		}
		throw new UnknownTenantException("Name the tenant to create the job in: ?tenant= one of " + names);
	}

	private String known(String tenant) {
		Set<String> names = this.tenants.names();
		if (!names.contains(tenant)) {
			throw new UnknownTenantException("'" + tenant + "' is not a configured tenant; the tenants are " + names);
		}
		return tenant;
	}

	@ExceptionHandler(UnknownTenantException.class)
	ProblemDetail unknownTenant(UnknownTenantException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
	}

	/**
	 * The fields ServiceTitan needs to book a job.
	 */
	record NewJob(long customerId, long locationId, long businessUnitId, long jobTypeId, String priority,
			String summary) {
	}

	/** A request named no tenant, or one that is not configured. */
	static final class UnknownTenantException extends RuntimeException {

		UnknownTenantException(String message) {
			super(message);
		}

	}

}
