package io.github.servicetitan4j.sample;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.github.servicetitan4j.EndpointFactory;
import io.github.servicetitan4j.ExportOptions;
import io.github.servicetitan4j.ExportStream;
import io.github.servicetitan4j.autoconfigure.ServiceTitanConnectionDetails;
import io.github.servicetitan4j.export.ExportCheckpointKey;
import io.github.servicetitan4j.export.ExportCheckpointStore;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Service;

/**
 * Drains the customers and jobs export feeds into the database. Each feed resumes from its stored checkpoint, and the
 * client saves a new checkpoint only after every record of a batch has been written here: a crash repeats at most the
 * batch in progress (the upserts make that harmless) and never skips one.
 */
@Service
public class ExportSync {

	private final EndpointFactory serviceTitan;

	private final String tenantId;

	private final ExportCheckpointStore checkpoints;

	private final SyncedRecords records;

	private final List<Feed> feeds;

	public ExportSync(EndpointFactory serviceTitan, ServiceTitanConnectionDetails connection,
			ExportCheckpointStore checkpoints, SyncedRecords records) {
		this.serviceTitan = serviceTitan;
		this.tenantId = connection.tenantId();
		this.checkpoints = checkpoints;
		this.records = records;
		this.feeds = List.of(new Feed("crm", "customers", records::saveCustomer),
				new Feed("jpm", "jobs", records::saveJob));
	}

	/**
	 * Brings every feed up to date.
	 * @return how many records each feed delivered, and what the database now holds
	 */
	public synchronized SyncReport syncAll() {
		Map<String, Long> delivered = new LinkedHashMap<>();
		for (Feed feed : this.feeds) {
			delivered.put(feed.folder() + "/" + feed.resource(), sync(feed));
		}
		return new SyncReport(delivered, this.records.countCustomers(), this.records.countJobs());
	}

	private long sync(Feed feed) {
		// Recent changes arrive sooner; the repeats they may bring are dropped within the run and upserted anyway.
		ExportOptions options = ExportOptions.checkpointed(this.checkpoints)
			.withIncludeRecentChanges(true)
			.withSkipRepeats(true);
		long count = 0;
		try (ExportStream<JsonNode> stream = this.serviceTitan.endpoint(feed.folder(), "export")
			.streamExport(feed.resource(), options)) {
			for (JsonNode record : stream) {
				feed.writer().accept(record);
				count++;
			}
		}
		return count;
	}

	/**
	 * The stored checkpoint of each feed.
	 * @return feed to token (absent before the first sync)
	 */
	public Map<String, String> checkpoints() {
		Map<String, String> tokens = new LinkedHashMap<>();
		for (Feed feed : this.feeds) {
			String token = this.checkpoints.load(new ExportCheckpointKey(this.tenantId, feed.folder(), feed.resource()));
			if (token != null) {
				tokens.put(feed.folder() + "/" + feed.resource(), token);
			}
		}
		return tokens;
	}

	private record Feed(String folder, String resource, Consumer<JsonNode> writer) {
	}

	/**
	 * What one sync did.
	 *
	 * @param records records delivered per feed
	 * @param customersInDatabase customer rows after the sync
	 * @param jobsInDatabase job rows after the sync
	 */
	public record SyncReport(Map<String, Long> records, long customersInDatabase, long jobsInDatabase) {
	}

}
