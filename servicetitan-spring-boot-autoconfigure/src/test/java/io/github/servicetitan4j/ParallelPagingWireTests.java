package io.github.servicetitan4j;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.github.servicetitan4j.errors.ServiceTitanApiException;
import io.github.servicetitan4j.ratelimit.RateLimiter;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Pages fetched ahead concurrently: delivered in page order, through the rate limiter, inside the operation's scope.
 */
class ParallelPagingWireTests {

	@RegisterExtension
	static final ServiceTitanWireMock wireMock = new ServiceTitanWireMock();

	/** Thread and scope of every request, as the rate limiter saw them. */
	final List<String> requests = Collections.synchronizedList(new ArrayList<>());

	final AtomicInteger operationsStopped = new AtomicInteger();

	final ThreadLocal<Boolean> inScope = ThreadLocal.withInitial(() -> false);

	ServiceTitanClient client;

	String jobs;

	@BeforeEach
	void resetServer() {
		this.jobs = wireMock.tenantPath("jpm") + "/jobs";
		RateLimiter limiter = new RateLimiter() {

			@Override
			public Duration acquire() {
				ParallelPagingWireTests.this.requests.add(Thread.currentThread().getName() + ":"
						+ (ParallelPagingWireTests.this.inScope.get() ? "in-scope" : "no-scope"));
				return Duration.ZERO;
			}

			@Override
			public void onThrottled(@Nullable Duration retryAfter) {
			}

		};
		OperationObserver observer = (call, id) -> new OperationObserver.Operation() {

			@Override
			public <T> T inScope(Supplier<T> work) {
				boolean outer = ParallelPagingWireTests.this.inScope.get();
				ParallelPagingWireTests.this.inScope.set(true);
				try {
					return work.get();
				}
				finally {
					ParallelPagingWireTests.this.inScope.set(outer);
				}
			}

			@Override
			public void error(Throwable error) {
			}

			@Override
			public void stop() {
				ParallelPagingWireTests.this.operationsStopped.incrementAndGet();
			}

		};
		this.client = wireMock.clientBuilder()
			.pagingConcurrency(3)
			.rateLimiter(limiter)
			.observer(observer)
			.build();
	}

	@AfterEach
	void closeClient() {
		this.client.close();
	}

	/** Nine records in pages of two: pages 1..5. */
	private void stubNinePages(int lastPageWithMore) {
		for (int page = 1; page <= 5; page++) {
			int from = page * 2 - 1;
			wireMock.server.stubFor(get(urlPathEqualTo(this.jobs)).withQueryParam("page", equalTo(Integer.toString(page)))
				.willReturn(okJson(Envelopes.page(page, 2, page <= lastPageWithMore, 9, from, Math.min(from + 1, 9)))));
		}
	}

	private static List<Integer> ids(Stream<JsonNode> records) {
		try (records) {
			return records.map((record) -> record.path("id").asInt()).toList();
		}
	}

	@Test
	void whenTheQueryIncludesTheTotalThenPagesAreFetchedAheadAndDeliveredInOrder() {
		stubNinePages(4);

		List<Integer> ids = ids(this.client.endpoint("jpm", "jobs")
			.streamAll(Map.of("pageSize", 2, "includeTotal", true)));

		assertThat(ids).containsExactlyElementsOf(IntStream.rangeClosed(1, 9).boxed().toList());
		for (int page = 1; page <= 5; page++) {
			wireMock.server.verify(1, getRequestedFor(urlPathEqualTo(this.jobs))
				.withQueryParam("page", equalTo(Integer.toString(page)))
				.withQueryParam("includeTotal", equalTo("true")));
		}
		assertThat(this.requests).hasSize(5).allSatisfy((request) -> assertThat(request).endsWith(":in-scope"));
		assertThat(this.requests).filteredOn((request) -> request.startsWith("servicetitan-paging-")).hasSize(4);
		assertThat(this.operationsStopped).hasValue(1);
	}

	@Test
	void whenTheQueryNamesNoTotalThenTheFirstPageAsksForItAndTheOthersAreFetchedAheadWithoutIt() {
		stubNinePages(4);

		List<Integer> ids = ids(this.client.endpoint("jpm", "jobs").streamAll(Map.of("pageSize", 2)));

		assertThat(ids).containsExactlyElementsOf(IntStream.rangeClosed(1, 9).boxed().toList());
		wireMock.server.verify(1, getRequestedFor(urlPathEqualTo(this.jobs)).withQueryParam("page", equalTo("1"))
			.withQueryParam("includeTotal", equalTo("true")));
		for (int page = 2; page <= 5; page++) {
			wireMock.server.verify(1, getRequestedFor(urlPathEqualTo(this.jobs))
				.withQueryParam("page", equalTo(Integer.toString(page)))
				.withQueryParam("includeTotal", absent()));
		}
		assertThat(this.requests).hasSize(5);
		assertThat(this.requests).filteredOn((request) -> request.startsWith("servicetitan-paging-")).hasSize(4);
	}

	@Test
	void whenTheServerTellsNoTotalThenPagesAreFetchedOneByOneAndNoneBeyondTheLast() {
		for (int page = 1; page <= 3; page++) {
			int from = page * 2 - 1;
			wireMock.server.stubFor(get(urlPathEqualTo(this.jobs)).withQueryParam("page", equalTo(Integer.toString(page)))
				.willReturn(okJson(Envelopes.page(page, page < 3, from, from + 1))));
		}

		List<Integer> ids = ids(this.client.endpoint("jpm", "jobs").streamAll(Map.of("pageSize", 2)));

		assertThat(ids).containsExactly(1, 2, 3, 4, 5, 6);
		assertThat(this.requests).hasSize(3)
			.allSatisfy((request) -> assertThat(request).startsWith(Thread.currentThread().getName() + ":"));
	}

	@Test
	void whenConcurrencyIsOneThenPagesAreFetchedOneByOneOnTheCallersThreadAndNoTotalIsAsked() {
		stubNinePages(4);
		try (ServiceTitanClient sequential = wireMock.clientBuilder().pagingConcurrency(1).build()) {
			List<Integer> ids = ids(sequential.endpoint("jpm", "jobs").streamAll(Map.of("pageSize", 2)));

			assertThat(ids).hasSize(9);
		}
		wireMock.server.verify(5, getRequestedFor(urlPathEqualTo(this.jobs)).withQueryParam("includeTotal", absent()));
	}

	@Test
	void whenAPageFailsThenTheRecordsBeforeItAreDeliveredAndNoneAfter() {
		stubNinePages(4);
		wireMock.server.stubFor(get(urlPathEqualTo(this.jobs)).withQueryParam("page", equalTo("3"))
			.willReturn(aResponse().withStatus(404)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"title\":\"Gone\",\"status\":404}")));
		List<Integer> delivered = new ArrayList<>();

		assertThatExceptionOfType(ServiceTitanApiException.NotFound.class).isThrownBy(() -> {
			try (Stream<JsonNode> records = this.client.endpoint("jpm", "jobs")
				.streamAll(Map.of("pageSize", 2, "includeTotal", "true"))) {
				records.forEach((record) -> delivered.add(record.path("id").asInt()));
			}
		});

		assertThat(delivered).containsExactly(1, 2, 3, 4);
		assertThat(this.operationsStopped).hasValue(1);
	}

	@Test
	void whenAPageSaysThereIsNoMoreThenTheWalkEndsThereWhateverTheTotalSaid() {
		stubNinePages(1);

		List<Integer> ids = ids(this.client.endpoint("jpm", "jobs")
			.streamAll(Map.of("pageSize", 2, "includeTotal", true)));

		assertThat(ids).containsExactly(1, 2, 3, 4);
	}

	@Test
	void whenTheLastExpectedPageStillHasMoreThenTheWalkGoesOnPageByPage() {
		stubNinePages(5);
		wireMock.server.stubFor(get(urlPathEqualTo(this.jobs)).withQueryParam("page", equalTo("6"))
			.willReturn(okJson(Envelopes.page(6, 2, false, 11, 10, 11))));

		List<Integer> ids = ids(this.client.endpoint("jpm", "jobs")
			.streamAll(Map.of("pageSize", 2, "includeTotal", true)));

		assertThat(ids).containsExactlyElementsOf(IntStream.rangeClosed(1, 11).boxed().toList());
		assertThat(this.requests.get(5)).startsWith(Thread.currentThread().getName() + ":");
	}

	@Test
	void whenTypedRecordsArePagedAheadThenTheyAreMappedInPageOrder() {
		stubNinePages(4);

		List<StreamingWireTests.Job> jobs = this.client.endpoint("jpm", "jobs")
			.getAll(Map.of("pageSize", 2, "includeTotal", true), StreamingWireTests.Job.class);

		assertThat(jobs).extracting(StreamingWireTests.Job::id)
			.containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
	}

	@Test
	void whenTheClientIsClosedThenPagingAheadIsRefused() {
		stubNinePages(4);
		this.client.close();

		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> this.client.endpoint("jpm", "jobs").getAll(Map.of("pageSize", 2, "includeTotal", true)))
			.withMessageContaining("closed");
	}

}
