package io.github.servicetitan4j;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.github.servicetitan4j.errors.ServiceTitanException;
import io.github.servicetitan4j.export.ExportCheckpointStore;
import io.github.servicetitan4j.export.ExportLeases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link ServiceTitanClient#close()} during parallel page walks: every consumer waiting for a look-ahead page wakes
 * with an exception, pages still queued are never requested, and no thread is left waiting; after it, a new export
 * stream fails before it takes anything.
 */
class ClientCloseWireTests {

	@RegisterExtension
	static final ServiceTitanWireMock wireMock = new ServiceTitanWireMock();

	@Test
	void whenTheClientIsClosedDuringParallelWalksThenEveryWaitingConsumerFailsAndQueuedPagesAreNeverSent()
			throws Exception {
		String jobs = wireMock.tenantPath("jpm") + "/jobs";
		wireMock.server.stubFor(get(urlPathEqualTo(jobs)).withQueryParam("page", equalTo("1"))
			.willReturn(okJson(Envelopes.page(1, 2, true, 20, 1, 2))));
		// Pages after the first answer far later than the test waits: their consumers can only be woken by close().
		for (int page = 2; page <= 10; page++) {
			wireMock.server.stubFor(get(urlPathEqualTo(jobs)).withQueryParam("page", equalTo(Integer.toString(page)))
				.willReturn(okJson(Envelopes.page(page, 2, page < 10, 20, page * 2 - 1, page * 2)).withFixedDelay(60_000)));
		}
		ServiceTitanClient client = wireMock.clientBuilder().pagingConcurrency(2).build();
		Endpoint endpoint = client.endpoint("jpm", "jobs");
		Map<String, Object> query = Map.of("pageSize", 2, "includeTotal", true);
		// The first walk's pages 2 and 3 occupy both paging threads; the second walk's pages then wait in the queue,
		// and so does its consumer.
		CompletableFuture<Throwable> first = consumeOnAnotherThread(endpoint, query);
		awaitRequests(jobs, 1 + 2);
		CompletableFuture<Throwable> second = consumeOnAnotherThread(endpoint, query);
		awaitRequests(jobs, 1 + 2 + 1);

		client.close();

		for (CompletableFuture<Throwable> consumer : java.util.List.of(first, second)) {
			Throwable failure = consumer.get(10, TimeUnit.SECONDS);
			assertThat(failure).isInstanceOf(ServiceTitanException.class);
		}
		// the second walk's look-ahead pages were still queued: cancelled, never sent. Counted once every paging thread
		// has ended, so a page sent late (a queued one run, a cancelled one retried) would be seen here.
		assertThat(client.awaitPagingStopped(Duration.ofSeconds(10))).as("paging threads ended").isTrue();
		assertThat(wireMock.server.findAll(getRequestedFor(urlPathEqualTo(jobs)))).hasSize(2 + 2);
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> endpoint.streamAll(query).findFirst())
			.withMessageContaining("closed");
	}

	@Test
	void whenTheClientIsClosedThenANewExportStreamFailsBeforeTakingItsFeedsLease() {
		AtomicInteger leasesTaken = new AtomicInteger();
		ExportLeases leases = (feed) -> {
			leasesTaken.incrementAndGet();
			return new ExportLeases.Lease() {

				@Override
				public void renew() {
				}

				@Override
				public void close() {
				}

			};
		};
		ExportCheckpointStore store = ExportCheckpointStore.leased(ExportCheckpointStore.inMemory(), leases);
		ServiceTitanClient client = wireMock.clientBuilder().pagingConcurrency(2).build();
		Endpoint endpoint = client.endpoint("jpm", "jobs");

		client.close();

		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> endpoint.streamExport("jobs", ExportOptions.checkpointed(store)))
			.withMessageContaining("closed");
		// Nothing was taken that the failure would leave held.
		assertThat(leasesTaken).hasValue(0);
		assertThat(wireMock.server.findAll(getRequestedFor(urlPathEqualTo(wireMock.tenantPath("jpm") + "/export/jobs"))))
			.isEmpty();
	}

	private static CompletableFuture<Throwable> consumeOnAnotherThread(Endpoint endpoint, Map<String, Object> query) {
		CompletableFuture<Throwable> outcome = new CompletableFuture<>();
		Thread consumer = new Thread(() -> {
			try (Stream<JsonNode> records = endpoint.streamAll(query)) {
				Iterator<JsonNode> iterator = records.iterator();
				while (iterator.hasNext()) {
					iterator.next();
				}
				outcome.completeExceptionally(new AssertionError("the walk ended without an error"));
			}
			catch (Throwable ex) {
				outcome.complete(ex);
			}
		}, "consumer");
		consumer.setDaemon(true);
		consumer.start();
		return outcome;
	}

	private static void awaitRequests(String path, int count) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (wireMock.server.findAll(getRequestedFor(urlPathEqualTo(path))).size() < count) {
			assertThat(System.nanoTime()).as("requests sent in time").isLessThan(deadline);
			Thread.sleep(10);
		}
	}

}
