package io.github.servicetitan4j.sample;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

import io.github.servicetitan4j.EndpointFactory;
import io.github.servicetitan4j.ExportOptions;
import io.github.servicetitan4j.ExportStream;
import io.github.servicetitan4j.ServiceTitanClient;
import io.github.servicetitan4j.ServiceTitanTenants;
import io.github.servicetitan4j.export.ExportCheckpointStore;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Service;

/**
 * Drains the customers and jobs export feeds of every configured tenant ({@code servicetitan.tenants.*}, or the single
 * tenant, named {@code default}) into the one database, each row under its tenant's name. Each feed of each tenant
 * resumes from its own stored checkpoint (the starter keys checkpoints by tenant id), and the client saves a new
 * checkpoint only after every record of a batch has been written here: a crash repeats at most the batch in progress
 * (the upserts make that harmless) and never skips one.
 */
@Service
public class ExportSync {

	private final ServiceTitanTenants tenants;

	private final ExportCheckpointStore checkpoints;

	private final SyncedRecords records;

	private final List<Feed> feeds;

	public ExportSync(ServiceTitanTenants tenants, ExportCheckpointStore checkpoints, SyncedRecords records) {
		this.tenants = tenants;
		this.checkpoints = checkpoints;
		this.records = records;
		this.feeds = List.of(new Feed("crm", "customers", records::saveCustomer),
				new Feed("jpm", "jobs", records::saveJob));
	}

	/**
	 * The tenants this app syncs.
	 * @return their names, in configuration order
	 */
	public Set<String> tenantNames() {
		return this.tenants.names();
	}

	/**
	 * Brings every feed of every tenant up to date, one tenant after the other.
	 * @return how many records each feed delivered, and what the database now holds, in total and per tenant
	 */
	public synchronized SyncReport syncAll() {
		Map<String, Map<String, Long>> delivered = new LinkedHashMap<>();
		for (String tenant : this.tenants.names()) {
			Map<String, Long> feeds = new LinkedHashMap<>();
			for (Feed feed : this.feeds) {
				feeds.put(feed.name(), sync(tenant, feed));
			}
			delivered.put(tenant, feeds);
		}
		return report(delivered);
	}

	private SyncReport report(Map<String, Map<String, Long>> delivered) {
		Map<String, Long> customers = this.records.countCustomersByTenant();
		Map<String, Long> jobs = this.records.countJobsByTenant();
		Map<String, Long> total = new LinkedHashMap<>();
		Map<String, TenantReport> perTenant = new LinkedHashMap<>();
		delivered.forEach((tenant, feeds) -> {
			feeds.forEach((feed, count) -> total.merge(feed, count, Long::sum));
			perTenant.put(tenant, new TenantReport(feeds, customers.getOrDefault(tenant, 0L), jobs.getOrDefault(tenant, 0L)));
		});
		return new SyncReport(total, this.records.countCustomers(), this.records.countJobs(), perTenant);
	}

	private long sync(String tenant, Feed feed) {
		// Recent changes arrive sooner; the repeats they may bring are dropped within the run and upserted anyway.
		ExportOptions options = ExportOptions.checkpointed(this.checkpoints)
			.withIncludeRecentChanges(true)
			.withSkipRepeats(true);
		long count = 0;
		try (ExportStream<JsonNode> stream = this.tenants.tenant(tenant)
			.endpoint(feed.folder(), "export")
			.streamExport(feed.resource(), options)) {
			for (JsonNode record : stream) {
				feed.writer().accept(tenant, record);
				count++;
			}
		}
		return count;
	}

	/**
	 * The stored checkpoint of each feed of a tenant.
	 * @param tenant the tenant's name
	 * @return feed to token (absent before the tenant's first sync)
	 * @throws IllegalArgumentException for a name that is not a configured tenant
	 */
	public Map<String, String> checkpoints(String tenant) {
		String tenantId = tenantId(this.tenants.tenant(tenant));
		Map<String, String> tokens = new LinkedHashMap<>();
		for (Feed feed : this.feeds) {
			ExportCheckpointStore.Key key = new ExportCheckpointStore.Key(tenantId, feed.folder(), feed.resource());
			String token = this.checkpoints.load(key);
			if (token != null) {
				tokens.put(feed.name(), token);
			}
		}
		return tokens;
	}

	private static String tenantId(EndpointFactory tenant) {
		// The starter's tenants are ServiceTitanClients, which know the tenant id their checkpoints are keyed by.
		if (tenant instanceof ServiceTitanClient client) {
			return client.tenantId();
		}
		throw new IllegalStateException("Not a ServiceTitanClient, so its tenant id is unknown: " + tenant);
	}

	private record Feed(String folder, String resource, BiConsumer<String, JsonNode> writer) {

		String name() {
			return this.folder + "/" + this.resource;
		}

	}

	/**
	 * What one sync did.
	 *
	 * @param records records delivered per feed, summed over the tenants
	 * @param customersInDatabase customer rows after the sync, every tenant's
	 * @param jobsInDatabase job rows after the sync, every tenant's
	 * @param tenants the same per tenant, by name
	 */
	public record SyncReport(Map<String, Long> records, long customersInDatabase, long jobsInDatabase,
			Map<String, TenantReport> tenants) {
	}

	/**
	 * What one sync did in one tenant.
	 *
	 * @param records records delivered per feed
	 * @param customersInDatabase the tenant's customer rows after the sync
	 * @param jobsInDatabase the tenant's job rows after the sync
	 */
	public record TenantReport(Map<String, Long> records, long customersInDatabase, long jobsInDatabase) {
	}

}
