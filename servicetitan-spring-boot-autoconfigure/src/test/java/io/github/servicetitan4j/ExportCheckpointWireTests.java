package io.github.servicetitan4j;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.github.servicetitan4j.export.ExportCheckpointStore;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Export feeds resumed from, and saved to, a checkpoint store; repeats of includeRecentChanges dropped on request.
 */
class ExportCheckpointWireTests {

	@RegisterExtension
	static final ServiceTitanWireMock wireMock = new ServiceTitanWireMock();

	static final ExportCheckpointStore.Key KEY = new ExportCheckpointStore.Key(ServiceTitanWireMock.TENANT, "jpm",
			"jobs");

	ServiceTitanClient client;

	RecordingStore store;

	String exportJobs;

	@BeforeEach
	void resetServer() {
		this.client = wireMock.client();
		this.store = new RecordingStore();
		this.exportJobs = wireMock.tenantPath("jpm") + "/export/jobs";
	}

	/** t0 (start) -> t1 [1,2,3] -> t2 [4,5,6] -> t3 [7,8,9], end; from t3: nothing new. */
	private void stubFeed() {
		stubBatch(null, Envelopes.batch("t1", true, 1, 3));
		stubBatch("t1", Envelopes.batch("t2", true, 4, 6));
		stubBatch("t2", Envelopes.batch("t3", false, 7, 9));
		stubBatch("t3", "{\"hasMore\":false,\"continueFrom\":\"t3\",\"data\":[]}");
	}

	private void stubBatch(@Nullable String from, String body) {
		wireMock.server.stubFor(get(urlPathEqualTo(this.exportJobs))
			.withQueryParam("from", (from != null) ? equalTo(from) : absent())
			.willReturn(okJson(body)));
	}

	private static List<Integer> ids(Stream<JsonNode> records) {
		try (records) {
			return records.map((record) -> record.path("id").asInt()).toList();
		}
	}

	@Test
	void whenAnExportRunEndsThenTheStoreHoldsTheFinalTokenAndTheNextRunStartsThere() {
		stubFeed();
		Endpoint jobs = this.client.endpoint("jpm", "jobs");

		try (ExportStream<JsonNode> feed = jobs.streamExport("jobs", ExportOptions.checkpointed(this.store))) {
			assertThat(ids(feed.stream())).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
		}
		assertThat(this.store.load(KEY)).isEqualTo("t3");
		assertThat(this.store.saves).containsExactly("t1", "t2", "t3");

		try (ExportStream<JsonNode> feed = jobs.streamExport("jobs", ExportOptions.checkpointed(this.store))) {
			assertThat(feed.continueFrom()).isEqualTo("t3");
			assertThat(ids(feed.stream())).isEmpty();
		}
		wireMock.server.verify(1, getRequestedFor(urlPathEqualTo(this.exportJobs)).withQueryParam("from", equalTo("t3")));
		assertThat(this.store.saves).containsExactly("t1", "t2", "t3");
	}

	@Test
	void whenTheLastRecordOfABatchIsBeingProcessedThenItsTokenIsNotYetSaved() {
		stubFeed();
		List<String> storedWhileProcessing = new ArrayList<>();

		try (ExportStream<JsonNode> feed = this.client.endpoint("jpm", "jobs")
			.streamExport("jobs", ExportOptions.checkpointed(this.store))) {
			feed.stream().forEach((record) -> storedWhileProcessing.add(record.path("id").asInt() + "@"
					+ this.store.load(KEY)));
		}

		assertThat(storedWhileProcessing).containsExactly("1@null", "2@null", "3@null", "4@t1", "5@t1", "6@t1", "7@t2",
				"8@t2", "9@t2");
		assertThat(this.store.load(KEY)).isEqualTo("t3");
	}

	@Test
	void whenTheConsumerStopsInsideABatchThenTheCheckpointIsTheTokenBeforeIt() {
		stubFeed();

		try (ExportStream<JsonNode> feed = this.client.endpoint("jpm", "jobs")
			.streamExport("jobs", ExportOptions.checkpointed(this.store))) {
			assertThat(feed.stream().limit(5).map((record) -> record.path("id").asInt())).containsExactly(1, 2, 3, 4, 5);
			assertThat(feed.continueFrom()).isEqualTo("t1");
		}

		assertThat(this.store.load(KEY)).isEqualTo("t1");
	}

	@Test
	void whenTheStoreIsEmptyThenTheFeedStartsFromTheGivenDateAndAStoredTokenWinsOverIt() {
		stubBatch("2020-01-01", Envelopes.batch("d1", false, 1, 1));
		stubBatch("d1", "{\"hasMore\":false,\"continueFrom\":\"d1\",\"data\":[]}");
		ExportOptions options = ExportOptions.checkpointed(this.store).withFrom("2020-01-01");
		Endpoint jobs = this.client.endpoint("jpm", "jobs");

		ExportPage<JsonNode> first = jobs.exportAll("jobs", options);
		jobs.saveCheckpoint("jobs", this.store, first);
		assertThat(first.data()).hasSize(1);
		assertThat(jobs.exportAll("jobs", options).data()).isEmpty();

		wireMock.server.verify(1,
				getRequestedFor(urlPathEqualTo(this.exportJobs)).withQueryParam("from", equalTo("2020-01-01")));
		wireMock.server.verify(1, getRequestedFor(urlPathEqualTo(this.exportJobs)).withQueryParam("from", equalTo("d1")));
	}

	@Test
	void whenProcessingFailsAfterExportAllReturnsThenTheNextRunGetsTheSameRecordsAgain() {
		stubFeed();
		Endpoint jobs = this.client.endpoint("jpm", "jobs");
		ExportOptions options = ExportOptions.checkpointed(this.store);

		ExportPage<JsonNode> crashed = jobs.exportAll("jobs", options);
		// the caller fails while processing the list: it never reaches saveCheckpoint
		assertThat(this.store.saves).isEmpty();
		ExportPage<JsonNode> rerun = jobs.exportAll("jobs", options);

		assertThat(ids(rerun.data().stream())).isEqualTo(ids(crashed.data().stream()))
			.containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
		wireMock.server.verify(2, getRequestedFor(urlPathEqualTo(this.exportJobs)).withQueryParam("from", absent()));
		assertThat(this.store.saves).isEmpty();
	}

	@Test
	void whenTheCallerSavesTheCheckpointOfAProcessedListThenTheNextRunStartsAfterIt() {
		stubFeed();
		Endpoint jobs = this.client.endpoint("jpm", "jobs");
		ExportOptions options = ExportOptions.checkpointed(this.store);

		ExportPage<JsonNode> all = jobs.exportAll("jobs", options);
		jobs.saveCheckpoint("jobs", this.store, all);

		assertThat(all.continueFrom()).isEqualTo("t3");
		assertThat(this.store.saves).containsExactly("t3");
		assertThat(jobs.exportAll("jobs", options).data()).isEmpty();
		wireMock.server.verify(1, getRequestedFor(urlPathEqualTo(this.exportJobs)).withQueryParam("from", equalTo("t3")));
	}

	@Test
	void whenAReaderThatFellBehindSavesThenTheCheckpointDoesNotMoveBackwards() {
		stubFeed();
		Endpoint jobs = this.client.endpoint("jpm", "jobs");
		ExportOptions options = ExportOptions.checkpointed(this.store);

		try (ExportStream<JsonNode> behind = jobs.streamExport("jobs", options)) {
			try (ExportStream<JsonNode> ahead = jobs.streamExport("jobs", options)) {
				assertThat(ids(ahead.stream())).hasSize(9);
			}
			assertThat(this.store.load(KEY)).isEqualTo("t3");
			assertThat(behind.stream().limit(4).map((record) -> record.path("id").asInt())).containsExactly(1, 2, 3, 4);
		}

		assertThat(this.store.load(KEY)).isEqualTo("t3");
	}

	@Test
	void whenRepeatsAreSkippedThenARecordSeenWithTheSameModifiedOnIsDroppedAndANewerVersionKept() {
		stubBatch(null, "{\"hasMore\":true,\"continueFrom\":\"r1\",\"data\":["
				+ "{\"id\":1,\"modifiedOn\":\"2026-01-01T00:00:00Z\"},{\"id\":2,\"modifiedOn\":\"2026-01-01T00:00:00Z\"}]}");
		stubBatch("r1", "{\"hasMore\":false,\"continueFrom\":\"r2\",\"data\":["
				+ "{\"id\":2,\"modifiedOn\":\"2026-01-01T00:00:00Z\"},{\"id\":1,\"modifiedOn\":\"2026-01-02T00:00:00Z\"},"
				+ "{\"noId\":true},{\"noId\":true}]}");
		Endpoint jobs = this.client.endpoint("jpm", "jobs");
		ExportOptions recent = ExportOptions.defaults().withIncludeRecentChanges(true);

		List<String> everything = versions(jobs.streamExport("jobs", recent));
		List<String> distinct = versions(jobs.streamExport("jobs", recent.withSkipRepeats(true)));

		assertThat(everything).containsExactly("1@2026-01-01T00:00:00Z", "2@2026-01-01T00:00:00Z",
				"2@2026-01-01T00:00:00Z", "1@2026-01-02T00:00:00Z", "?@", "?@");
		assertThat(distinct).containsExactly("1@2026-01-01T00:00:00Z", "2@2026-01-01T00:00:00Z",
				"1@2026-01-02T00:00:00Z", "?@", "?@");
		wireMock.server.verify(4, getRequestedFor(urlPathEqualTo(this.exportJobs))
			.withQueryParam("includeRecentChanges", equalTo("true")));
	}

	private static List<String> versions(ExportStream<JsonNode> feed) {
		try (feed) {
			return feed.stream()
				.map((record) -> record.path("id").asString("?") + "@" + record.path("modifiedOn").asString(""))
				.toList();
		}
	}

	/** An in-memory store that also records every save. */
	static final class RecordingStore implements ExportCheckpointStore {

		final ExportCheckpointStore delegate = ExportCheckpointStore.inMemory();

		final List<String> saves = new ArrayList<>();

		@Override
		public @Nullable String load(ExportCheckpointStore.Key key) {
			return this.delegate.load(key);
		}

		@Override
		public void save(ExportCheckpointStore.Key key, String continueFrom) {
			this.saves.add(continueFrom);
			this.delegate.save(key, continueFrom);
		}

		@Override
		public void delete(ExportCheckpointStore.Key key) {
			this.delegate.delete(key);
		}

	}

}
