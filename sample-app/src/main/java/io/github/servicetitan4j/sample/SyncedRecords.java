package io.github.servicetitan4j.sample;

import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What the sync wrote: customers and jobs, one row per ServiceTitan id. Writes are upserts, so a batch delivered twice
 * (after a crash, or with includeRecentChanges) leaves one row per record with its latest version.
 */
@Repository
public class SyncedRecords {

	private final JdbcClient jdbc;

	public SyncedRecords(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void saveCustomer(JsonNode customer) {
		this.jdbc.sql("""
				MERGE INTO customers (id, name, active, modified_on, payload) KEY (id)
				VALUES (:id, :name, :active, :modifiedOn, :payload)""")
			.param("id", customer.path("id").asLong())
			.param("name", customer.path("name").asString(null))
			.param("active", customer.path("active").asBoolean(true))
			.param("modifiedOn", customer.path("modifiedOn").asString(null))
			.param("payload", customer.toString())
			.update();
	}

	public void saveJob(JsonNode job) {
		this.jdbc.sql("""
				MERGE INTO jobs (id, job_number, customer_id, status, summary, active, modified_on, payload) KEY (id)
				VALUES (:id, :jobNumber, :customerId, :status, :summary, :active, :modifiedOn, :payload)""")
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

	public List<Map<String, Object>> jobs(int limit) {
		return this.jdbc.sql("""
				SELECT id, job_number, customer_id, status, summary, active, modified_on FROM jobs
				ORDER BY modified_on DESC, id DESC LIMIT :limit""").param("limit", limit).query().listOfRows();
	}

	public List<Map<String, Object>> customers(int limit) {
		return this.jdbc.sql("""
				SELECT id, name, active, modified_on FROM customers
				ORDER BY modified_on DESC, id DESC LIMIT :limit""").param("limit", limit).query().listOfRows();
	}

	public List<Long> jobIds() {
		return this.jdbc.sql("SELECT id FROM jobs ORDER BY id").query(Long.class).list();
	}

}
