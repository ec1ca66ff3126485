package io.github.servicetitan4j;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import io.github.servicetitan4j.export.ExportCheckpointStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import org.springframework.util.unit.DataSize;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What comes next is asked for while the consumer still reads the current page or batch, once it has taken 100 of its
 * records (a tenth of a page, or of the previous batch, under 1,000 records), when the envelope tells the count or the
 * token ahead of its records (as ServiceTitan sends them).
 */
class ReadAheadWireTests {

	@RegisterExtension
	static final ServiceTitanWireMock wireMock = new ServiceTitanWireMock();

	static final ExportCheckpointStore.Key KEY = new ExportCheckpointStore.Key(ServiceTitanWireMock.TENANT, "jpm",
			"jobs");

	ServiceTitanClient client;

	String jobs;

	String export;

	@BeforeEach
	void paths() {
		this.jobs = wireMock.tenantPath("jpm") + "/jobs";
		this.export = wireMock.tenantPath("jpm") + "/export/jobs";
		this.client = wireMock.clientBuilder().pagingConcurrency(3).build();
	}

	@AfterEach
	void closeClient() {
		this.client.close();
	}

	/** An export batch with its properties before data, as ServiceTitan sends them. */
	private static String batch(boolean hasMore, String continueFrom, int from, int to) {
		return "{\"hasMore\":" + hasMore + ",\"continueFrom\":\"" + continueFrom + "\",\"data\":"
				+ Envelopes.records(from, to) + "}";
	}

	/** Batches of 200, 200 and 50 records: from the start to t1, t1 to t2, t2 to t3 (the end for now). */
	private void stubThreeBatches() {
		wireMock.server.stubFor(get(urlPathEqualTo(this.export)).withQueryParam("from", absent())
			.willReturn(okJson(batch(true, "t1", 1, 200))));
		wireMock.server.stubFor(get(urlPathEqualTo(this.export)).withQueryParam("from", equalTo("t1"))
			.willReturn(okJson(batch(true, "t2", 201, 400))));
		wireMock.server.stubFor(get(urlPathEqualTo(this.export)).withQueryParam("from", equalTo("t2"))
			.willReturn(okJson(batch(false, "t3", 401, 450))));
	}

	/** Three pages of 200 records, the count ahead of the records. */
	private void stubThreePages() {
		for (int page = 1; page <= 3; page++) {
			int from = (page - 1) * 200 + 1;
			wireMock.server.stubFor(get(urlPathEqualTo(this.jobs)).withQueryParam("page", equalTo(Integer.toString(page)))
				.willReturn(okJson(Envelopes.page(page, 200, page < 3, 600, from, from + 199))));
		}
	}

	private RequestPatternBuilder batchFrom(String token) {
		return getRequestedFor(urlPathEqualTo(this.export)).withQueryParam("from", equalTo(token));
	}

	private RequestPatternBuilder page(int page) {
		return getRequestedFor(urlPathEqualTo(this.jobs)).withQueryParam("page", equalTo(Integer.toString(page)));
	}

	/** Waits for requests sent from a paging thread (what is asserted is that they come, not how soon). */
	private static void awaitRequest(RequestPatternBuilder request) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (wireMock.server.findAll(request).isEmpty()) {
			assertThat(System.nanoTime()).as("a request matching %s", request.build()).isLessThan(deadline);
			Thread.sleep(5);
		}
	}

	/** Closes the client and waits for its paging threads to end, so that every request they sent has arrived. */
	private void assertNothingLeftToSend() throws InterruptedException {
		this.client.close();
		assertThat(this.client.awaitPagingStopped(Duration.ofSeconds(20))).as("paging threads ended").isTrue();
	}

	private static List<Integer> take(Iterator<? extends JsonNode> records, int count) {
		List<Integer> ids = new ArrayList<>();
		for (int i = 0; i < count && records.hasNext(); i++) {
			ids.add(records.next().path("id").asInt());
		}
		return ids;
	}

	private static List<Integer> range(int from, int to) {
		return IntStream.rangeClosed(from, to).boxed().toList();
	}

	@Test
	void whenPagesOrBatchesAreSmallThenATenthOfOneIsTakenBeforeWhatFollowsIsAskedFor() {
		assertThat(RecordWalk.takenBeforeAhead(5000)).isEqualTo(100);
		assertThat(RecordWalk.takenBeforeAhead(1000)).isEqualTo(100);
		assertThat(RecordWalk.takenBeforeAhead(200)).isEqualTo(20);
		assertThat(RecordWalk.takenBeforeAhead(5)).isEqualTo(1);
		// Not known yet (an export's first batch): 100.
		assertThat(RecordWalk.takenBeforeAhead(0)).isEqualTo(100);
	}

	@Test
	void whenAWalkIsATenthIntoItsFirstPageThenTheNextPagesAreAskedForBeforeThatPageEnds()
			throws InterruptedException {
		stubThreePages();

		try (Stream<JsonNode> walk = this.client.endpoint("jpm", "jobs").streamAll(Map.of("pageSize", 200))) {
			Iterator<JsonNode> records = walk.iterator();
			List<Integer> ids = new ArrayList<>(take(records, 20));
			// The consumer is a tenth into page 1 (of 200 records): pages 2 and 3 are on their way.
			awaitRequest(page(2));
			awaitRequest(page(3));
			ids.addAll(take(records, Integer.MAX_VALUE));

			assertThat(ids).containsExactlyElementsOf(range(1, 600));
		}
		for (int page = 1; page <= 3; page++) {
			wireMock.server.verify(1, page(page));
		}
		wireMock.server.verify(1, page(1).withQueryParam("includeTotal", equalTo("true")));
	}

	@Test
	void whenAWalkStopsWithinATenthOfItsFirstPageThenNoPageIsAskedForAhead() {
		stubThreePages();
		String appointments = wireMock.tenantPath("jpm") + "/appointments";
		for (int page = 1; page <= 2; page++) {
			int from = (page - 1) * 200 + 1;
			wireMock.server.stubFor(get(urlPathEqualTo(appointments)).withQueryParam("page", equalTo(Integer.toString(page)))
				.willReturn(okJson(Envelopes.page(page, 200, page < 2, 400, from, from + 199))));
		}

		try (ServiceTitanClient twoThreads = wireMock.clientBuilder().pagingConcurrency(2).build();
				Stream<JsonNode> walk = twoThreads.endpoint("jpm", "jobs").streamAll(Map.of("pageSize", 200))) {
			assertThat(take(walk.iterator(), 19)).isEqualTo(range(1, 19));
			// A second walk's page 2 goes through the same two paging threads, in turn: had the first walk asked for its
			// pages 2 and 3, they would hold both threads, and this walk could end only after one of them was sent.
			try (Stream<JsonNode> other = twoThreads.endpoint("jpm", "appointments").streamAll(Map.of("pageSize", 200))) {
				assertThat(other.count()).isEqualTo(400);
			}
			wireMock.server.verify(1, getRequestedFor(urlPathEqualTo(this.jobs)));
		}
		wireMock.server.verify(1, getRequestedFor(urlPathEqualTo(this.jobs)));
	}

	@Test
	void whenAnExportIsPastTheFirstHundredRecordsOfABatchThenTheNextBatchIsAskedForBeforeThatBatchEnds()
			throws InterruptedException {
		stubThreeBatches();

		try (ExportStream<JsonNode> feed = this.client.endpoint("jpm", "jobs").streamExport("jobs",
				ExportOptions.from(null))) {
			Iterator<JsonNode> records = feed.iterator();
			// The first batch: 100 records in.
			List<Integer> ids = new ArrayList<>(take(records, 100));
			awaitRequest(batchFrom("t1"));
			wireMock.server.verify(0, batchFrom("t2"));
			// The next one: a tenth of the 200 the first one held.
			ids.addAll(take(records, 120));
			awaitRequest(batchFrom("t2"));
			ids.addAll(take(records, Integer.MAX_VALUE));

			assertThat(ids).containsExactlyElementsOf(range(1, 450));
			assertThat(feed.continueFrom()).isEqualTo("t3");
			assertThat(feed.hasMore()).isFalse();
		}
		wireMock.server.verify(1, getRequestedFor(urlPathEqualTo(this.export)).withQueryParam("from", absent()));
		wireMock.server.verify(1, batchFrom("t1"));
		wireMock.server.verify(1, batchFrom("t2"));
		// The last batch said hasMore=false: nothing is asked for after it.
		wireMock.server.verify(0, batchFrom("t3"));
	}

	@Test
	void whenTheNextBatchIsReadAheadThenTheCheckpointStillMovesOnlyOnceABatchIsTakenCompletely()
			throws InterruptedException {
		stubThreeBatches();
		ExportCheckpointStore store = ExportCheckpointStore.inMemory();

		try (ExportStream<JsonNode> feed = this.client.endpoint("jpm", "jobs").streamExport("jobs",
				ExportOptions.checkpointed(store))) {
			Iterator<JsonNode> records = feed.iterator();
			take(records, 150);
			awaitRequest(batchFrom("t1"));
			assertThat(store.load(KEY)).isNull();
			take(records, 51);
			assertThat(store.load(KEY)).isEqualTo("t1");
			take(records, Integer.MAX_VALUE);
		}
		assertThat(store.load(KEY)).isEqualTo("t3");
	}

	@Test
	void whenAnExportStopsWithinTheFirstHundredRecordsOfABatchThenNothingIsAskedForAhead() throws InterruptedException {
		stubThreeBatches();

		try (ExportStream<JsonNode> feed = this.client.endpoint("jpm", "jobs").streamExport("jobs",
				ExportOptions.from(null))) {
			assertThat(take(feed.iterator(), 99)).isEqualTo(range(1, 99));
		}

		assertNothingLeftToSend();
		wireMock.server.verify(1, getRequestedFor(urlPathEqualTo(this.export)));
	}

	@Test
	void whenABatchReadAheadIsOverTheResponseSizeBoundThenItIsStreamedInstead() {
		stubThreeBatches();

		try (ServiceTitanClient small = wireMock.clientBuilder()
			.pagingConcurrency(2)
			.maxResponseSize(DataSize.ofKilobytes(8))
			.build();
				ExportStream<JsonNode> feed = small.endpoint("jpm", "jobs").streamExport("jobs",
						ExportOptions.from(null))) {
			assertThat(take(feed.iterator(), Integer.MAX_VALUE)).containsExactlyElementsOf(range(1, 450));
		}

		// The 200-record batch (about 19 KB) was refused whole ahead of the consumer, then streamed as without read-ahead;
		// the 50-record one (about 5 KB) was held ahead and used.
		wireMock.server.verify(2, batchFrom("t1"));
		wireMock.server.verify(1, batchFrom("t2"));
	}

	@Test
	void whenABatchEndsWithAnotherTokenThanItBeganWithThenTheBatchReadAheadIsDropped() {
		// JSON allows a repeated name; the last one is the batch's token.
		wireMock.server.stubFor(get(urlPathEqualTo(this.export)).withQueryParam("from", absent())
			.willReturn(okJson("{\"hasMore\":true,\"continueFrom\":\"early\",\"data\":" + Envelopes.records(1, 200)
					+ ",\"continueFrom\":\"late\"}")));
		wireMock.server.stubFor(get(urlPathEqualTo(this.export)).withQueryParam("from", equalTo("early"))
			.willReturn(okJson(batch(false, "never", 9001, 9010))));
		wireMock.server.stubFor(get(urlPathEqualTo(this.export)).withQueryParam("from", equalTo("late"))
			.willReturn(okJson(batch(false, "end", 201, 210))));

		try (ExportStream<JsonNode> feed = this.client.endpoint("jpm", "jobs").streamExport("jobs",
				ExportOptions.from(null))) {
			assertThat(take(feed.iterator(), Integer.MAX_VALUE)).containsExactlyElementsOf(range(1, 210));
			assertThat(feed.continueFrom()).isEqualTo("end");
		}
		wireMock.server.verify(1, batchFrom("late"));
	}

	@Test
	void whenPagingConcurrencyIsOneThenTheNextBatchIsAskedForOnlyOnceTheCurrentOneIsTaken() {
		stubThreeBatches();

		try (ServiceTitanClient sequential = wireMock.clientBuilder().pagingConcurrency(1).build();
				ExportStream<JsonNode> feed = sequential.endpoint("jpm", "jobs").streamExport("jobs",
						ExportOptions.from(null))) {
			Iterator<JsonNode> records = feed.iterator();
			take(records, 200);
			wireMock.server.verify(0, batchFrom("t1"));
			take(records, 1);
			wireMock.server.verify(1, batchFrom("t1"));
			assertThat(take(records, Integer.MAX_VALUE)).containsExactlyElementsOf(range(202, 450));
		}
	}

}
