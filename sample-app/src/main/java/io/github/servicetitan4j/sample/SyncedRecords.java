package io.github.servicetitan4j.sample;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What the sync wrote: customers and jobs of every tenant, one row per tenant and ServiceTitan id (ids are unique only
 * within a tenant). Writes are upserts, so a batch delivered twice (after a crash, or with includeRecentChanges) leaves
 * one row per record with its latest version.
 */
@Repository
public class SyncedRecords {

	private final JdbcClient jdbc;

	public SyncedRecords(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void saveCustomer(String tenant, JsonNode customer) {
		this.jdbc.sql("""
				MERGE INTO customers (tenant, id, name, active, modified_on, payload) KEY (tenant, id)
				VALUES (:tenant, :id, :name, :active, :modifiedOn, :payload)""")
			.param("tenant", tenant)
			.param("id", customer.path("id").asLong())
			.param("name", customer.path("name").asString(null))
			.param("active", customer.path("active").asBoolean(true))
			.param("modifiedOn", customer.path("modifiedOn").asString(null))
			.param("payload", customer.toString())
			.update();
	}

	public void saveJob(String tenant, JsonNode job) {
		this.jdbc.sql("""
				MERGE INTO jobs (tenant, id, job_number, customer_id, status, summary, active, modified_on, payload)
				KEY (tenant, id)
				VALUES (:tenant, :id, :jobNumber, :customerId, :status, :summary, :active, :modifiedOn, :payload)""")
			.param("tenant", tenant)
			.param("id", job.path("id").asLong())
			.param("jobNumber", job.path("jobNumber").asString(null))
			.param("customerId", job.path("customerId").isMissingNode() ? null : job.path("customerId").asLong())
			.param("status", job.path("jobStatus").asString(null))
			.param("summary", job.path("summary").asString(null))
			.param("active", job.path("active").asBoolean(true))
			.param("modifiedOn", job.path("modifiedOn").asString(null))
			.param("payload", job.toString())
			.update();
	}

	public long countCustomers() {
		return this.jdbc.sql("SELECT COUNT(*) FROM customers").query(Long.class).single();
	}

	public long countJobs() {
		return this.jdbc.sql("SELECT COUNT(*) FROM jobs").query(Long.class).single();
	}

	/**
	 * Customer rows per tenant.
	 * @return tenant to count, tenants without rows left out
	 */
	public Map<String, Long> countCustomersByTenant() {
		return countByTenant("customers");
	}

	/**
	 * Job rows per tenant.
	 * @return tenant to count, tenants without rows left out
	 */
	public Map<String, Long> countJobsByTenant() {
		return countByTenant("jobs");
	}

	private Map<String, Long> countByTenant(String table) {
		Map<String, Long> counts = new LinkedHashMap<>();
		// The table name is one of two constants, never user input.
		this.jdbc.sql("SELECT tenant, COUNT(*) FROM " + table + " GROUP BY tenant ORDER BY tenant")
			.query((row, i) -> counts.put(row.getString(1), row.getLong(2)))
			.list();
		return counts;
	}

	/**
	 * The latest jobs.
	 * @param tenant only this tenant's, or null for every tenant's
	 * @param limit most rows
	 * @return rows, newest change first
	 */
	public List<Map<String, Object>> jobs(@Nullable String tenant, int limit) {
		return this.jdbc.sql("""
				SELECT tenant, id, job_number, customer_id, status, summary, active, modified_on FROM jobs
				WHERE (CAST(:tenant AS VARCHAR) IS NULL OR tenant = :tenant)
				ORDER BY modified_on DESC, tenant, id DESC LIMIT :limit""")
			.param("tenant", tenant)
			.param("limit", limit)
			.query()
			.listOfRows();
	}

	/**
	 * The latest customers.
	 * @param tenant only this tenant's, or null for every tenant's
	 * @param limit most rows
	 * @return rows, newest change first
	 */
	public List<Map<String, Object>> customers(@Nullable String tenant, int limit) {
		return this.jdbc.sql("""
				SELECT tenant, id, name, active, modified_on FROM customers
				WHERE (CAST(:tenant AS VARCHAR) IS NULL OR tenant = :tenant)
				ORDER BY modified_on DESC, tenant, id DESC LIMIT :limit""")
			.param("tenant", tenant)
			.param("limit", limit)
			.query()
			.listOfRows();
	}

	public List<Long> jobIds(String tenant) {
		return this.jdbc.sql("SELECT id FROM jobs WHERE tenant = :tenant ORDER BY id")
			.param("tenant", tenant)
			.query(Long.class)
			.list();
	}

}
