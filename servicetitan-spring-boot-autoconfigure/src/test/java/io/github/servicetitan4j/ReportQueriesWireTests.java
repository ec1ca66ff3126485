package io.github.servicetitan4j;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.servicetitan4j.errors.ServiceTitanException.ResponseTooLargeException;
import io.github.servicetitan4j.errors.ServiceTitanApiException;
import io.github.servicetitan4j.errors.ServiceTitanException;
import io.github.servicetitan4j.errors.ServiceTitanException.ServiceTitanInterruptedException;
import io.github.servicetitan4j.errors.ServiceTitanException.ServiceTitanMappingException;
import io.github.servicetitan4j.retry.Sleeper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.util.unit.DataSize;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.github.servicetitan4j.ReportFixtures.ONE_PAGE;
import static io.github.servicetitan4j.ReportFixtures.PAGE_1;
import static io.github.servicetitan4j.ReportFixtures.PAGE_2;
import static io.github.servicetitan4j.ReportFixtures.REPORT;
import static io.github.servicetitan4j.ReportFixtures.dataPath;
import static io.github.servicetitan4j.ReportFixtures.stubDescription;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The asynchronous report flow on the wire: a query answered inline, a query polled at a growing interval over several
 * pages, a compressed result, a query that never finishes, a run closed early or interrupted, a cancel that fails, the
 * tenant's query slots, and the automatic flow falling back to the synchronous one. Waits go through the extension's
 * sleeper and clock, never slept.
 */
class ReportQueriesWireTests {

	@RegisterExtension
	static final ServiceTitanWireMock wireMock = new ServiceTitanWireMock();

	static final String PENDING = "{\"status\":\"InProgress\",\"token\":\"%s\"}";

	final String queryPath = dataPath(wireMock) + "/query";

	final String queriesPath = wireMock.tenantPath("reporting") + "/data-queries";

	static Reports.Settings asynchronous(Duration maxQueryDuration) {
		return new Reports.Settings(0, Duration.ZERO, 2, Reports.Settings.Flow.ASYNCHRONOUS, Duration.ofSeconds(1),
				Duration.ofSeconds(3), maxQueryDuration, 1);
	}

	Reports reports(Reports.Settings settings) {
		return wireMock.clientBuilder().reporting(settings).build().reports();
	}

	static Map<String, Object> october() {
		Map<String, Object> parameters = new LinkedHashMap<>();
		parameters.put("From", LocalDate.of(2026, 10, 1));
		parameters.put("To", LocalDate.of(2026, 10, 31));
		return parameters;
	}

	void stubStart(int page, ResponseDefinitionBuilder answer) {
		wireMock.server.stubFor(post(urlPathEqualTo(this.queryPath)).withQueryParam("page", equalTo(Integer.toString(page)))
			.willReturn(answer));
	}

	/** Polls of the token answer each response in turn, then the last one again. */
	void stubPolls(String token, ResponseDefinitionBuilder... answers) {
		String scenario = "poll-" + token;
		for (int i = 0; i < answers.length; i++) {
			int next = Math.min(i + 1, answers.length - 1);
			wireMock.server.stubFor(get(urlPathEqualTo(this.queriesPath + "/" + token)).inScenario(scenario)
				.whenScenarioStateIs((i == 0) ? Scenario.STARTED : "poll-" + i)
				.willReturn(answers[i])
				.willSetStateTo((next == 0) ? Scenario.STARTED : "poll-" + next));
		}
		wireMock.server.stubFor(delete(urlPathEqualTo(this.queriesPath + "/" + token)).willReturn(aResponse().withStatus(204)));
	}

	static ResponseDefinitionBuilder pending(String token) {
		return aResponse().withStatus(202).withHeader("Content-Type", "application/json").withBody(PENDING.formatted(token));
	}

	int deletes(String token) {
		return wireMock.server.findAll(deleteRequestedFor(urlPathEqualTo(this.queriesPath + "/" + token))).size();
	}

	/** The requests as sent, oldest first: method and path. */
	List<String> sent() {
		return wireMock.servedInOrder()
			.stream()
			.filter((event) -> event.getRequest().getUrl().startsWith("/reporting"))
			.map((event) -> event.getRequest().getMethod() + " "
					+ event.getRequest().getUrl().replace(wireMock.tenantPath("reporting"), "").replaceAll("\\?.*", ""))
			.toList();
	}

	@Test
	void whenAQueryFinishesWithinItsStartThenThePageIsReadInlineWithoutAPoll() {
		stubDescription(wireMock);
		stubStart(1, okJson(ONE_PAGE));

		Reports.Result result = reports(asynchronous(Duration.ofMinutes(5))).run("accounting", REPORT, october());

		assertThat(result.rows()).singleElement().satisfies((row) -> assertThat(row.getString("BusinessUnit")).isEqualTo("HVAC"));
		wireMock.server.verify(1, postRequestedFor(urlPathEqualTo(this.queryPath)).withQueryParam("page", equalTo("1"))
			.withQueryParam("pageSize", equalTo("2"))
			.withHeader("ST-App-Key", equalTo(ServiceTitanWireMock.APP_KEY))
			.withRequestBody(equalToJson("{\"parameters\":[{\"name\":\"From\",\"value\":\"2026-10-01\"},"
					+ "{\"name\":\"To\",\"value\":\"2026-10-31\"}]}")));
		assertThat(sent()).containsExactly("GET /report-category/accounting/reports/4001",
				"POST /report-category/accounting/reports/4001/data/query");
		assertThat(wireMock.sleeps).isEmpty();
	}

	@Test
	void whenQueriesArePendingThenEachPageIsPolledAtAGrowingBoundedIntervalAndItsTokenReleased() {
		stubDescription(wireMock);
		stubStart(1, pending("t-1"));
		stubPolls("t-1", pending("t-1"), pending("t-1"), pending("t-1"), okJson(PAGE_1));
		stubStart(2, pending("t-2"));
		stubPolls("t-2", okJson(PAGE_2));

		Reports.Result result = reports(asynchronous(Duration.ofMinutes(5))).run("accounting", REPORT, october());

		assertThat(result.rows()).extracting((row) -> row.getString("BusinessUnit")).containsExactly("HVAC", "Plumbing", "HVAC");
		// 1 s, doubled, capped at max-poll-interval (3 s); the next page's query starts again at 1 s.
		assertThat(wireMock.sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3),
				Duration.ofSeconds(3), Duration.ofSeconds(1));
		assertThat(sent()).containsExactly("GET /report-category/accounting/reports/4001",
				"POST /report-category/accounting/reports/4001/data/query", "GET /data-queries/t-1", "GET /data-queries/t-1",
				"GET /data-queries/t-1", "GET /data-queries/t-1", "DELETE /data-queries/t-1",
				"POST /report-category/accounting/reports/4001/data/query", "GET /data-queries/t-2",
				"DELETE /data-queries/t-2");
		wireMock.server.verify(4, getRequestedFor(urlPathEqualTo(this.queriesPath + "/t-1"))
			.withHeader("Authorization", equalTo("Bearer " + ServiceTitanWireMock.TOKEN))
			.withHeader("ST-App-Key", equalTo(ServiceTitanWireMock.APP_KEY)));
	}

	@Test
	void whenAResultComesGzippedThenItIsDecompressedAndCountedAfterDecompression() {
		stubDescription(wireMock);
		stubStart(1, pending("t-gz"));
		stubPolls("t-gz", aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withHeader("Content-Encoding", "gzip")
			.withBody(gzip(ONE_PAGE)));

		Reports.Result result = reports(asynchronous(Duration.ofMinutes(5))).run("accounting", REPORT, october());

		assertThat(result.rows()).singleElement().satisfies((row) -> assertThat(row.getString("BusinessUnit")).isEqualTo("HVAC"));
		wireMock.server.verify(getRequestedFor(urlPathEqualTo(this.queriesPath + "/t-gz"))
			.withHeader("Accept-Encoding", containing("gzip")));
	}

	@Test
	void whenAGzippedResultIsLargerThanMaxResponseSizeOnceDecompressedThenItFailsTypedAndTheQueryIsReleased() {
		stubDescription(wireMock);
		stubStart(1, pending("t-big"));
		String big = "{\"page\":1,\"hasMore\":false,\"data\":[[\"" + " ".repeat(200 * 1024) + "\"]]}";
		byte[] compressed = gzip(big);
		assertThat(compressed.length).isLessThan(10 * 1024);
		stubPolls("t-big", aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withHeader("Content-Encoding", "gzip")
			.withBody(compressed));
		Reports reports = wireMock.clientBuilder()
			.maxResponseSize(DataSize.ofKilobytes(100))
			.reporting(asynchronous(Duration.ofMinutes(5)))
			.build()
			.reports();

		assertThatExceptionOfType(ResponseTooLargeException.class)
			.isThrownBy(() -> reports.run("accounting", REPORT, october()))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("GET", "/data-queries/", "servicetitan.max-response-size"));
		assertThat(deletes("t-big")).isEqualTo(1);
	}

	@Test
	void whenAQueryNeverFinishesThenItIsCancelledAndFailsTypedAtMaxQueryDuration() {
		stubDescription(wireMock);
		stubStart(1, pending("t-slow"));
		stubPolls("t-slow", pending("t-slow"));

		assertThatExceptionOfType(Reports.QueryTimeoutException.class)
			.isThrownBy(() -> reports(asynchronous(Duration.ofSeconds(10))).run("accounting", REPORT, october()))
			.satisfies((ex) -> {
				assertThat(ex.reportId()).isEqualTo(REPORT);
				assertThat(ex.getMessage()).contains("4001", "accounting", "page 1", "10 s", "5 polls",
						"servicetitan.reporting.max-query-duration", "cancelled");
			});
		// 1, 2, then capped at 3, then the 1 s left of the 10 s: never past the limit.
		assertThat(wireMock.sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3),
				Duration.ofSeconds(3), Duration.ofSeconds(1));
		assertThat(deletes("t-slow")).isEqualTo(1);
		assertThat(sent()).last().isEqualTo("DELETE /data-queries/t-slow");
	}

	@Test
	void whenNoReadyEventsAreConfiguredThenNotifyWhenReadyIsNotAskedFor() {
		stubDescription(wireMock);
		stubStart(1, okJson(ONE_PAGE));

		reports(asynchronous(Duration.ofMinutes(5))).run("accounting", REPORT, october());

		wireMock.server.verify(1, postRequestedFor(urlPathEqualTo(this.queryPath)).withQueryParam("page", equalTo("1"))
			.withoutQueryParam("notifyWhenReady"));
	}

	@Test
	void whenTheReadyEventNeverComesThenMaxQueryDurationStillCancelsTheQueryAfterFallBackPollsOnly() {
		stubDescription(wireMock);
		stubStart(1, pending("t-quiet"));
		stubPolls("t-quiet", pending("t-quiet"));
		List<Object> subscriptions = new ArrayList<>();
		Reports.ReadyEvents events = (listener) -> {
			subscriptions.add(listener);
			return () -> subscriptions.remove(listener);
		};
		Reports reports = wireMock.clientBuilder()
			.reporting(asynchronous(Duration.ofSeconds(10)))
			.reportReadyEvents(events)
			.build()
			.reports();

		assertThatExceptionOfType(Reports.QueryTimeoutException.class)
			.isThrownBy(() -> reports.run("accounting", REPORT, october()))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("10 s", "3 polls"));
		wireMock.server.verify(1, postRequestedFor(urlPathEqualTo(this.queryPath))
			.withQueryParam("notifyWhenReady", equalTo("true")));
		// Steps of poll-interval (1 s), a poll every max-poll-interval (3 s): at 3, 6 and 9 s, then the deadline.
		assertThat(wireMock.sleeps).hasSize(10).allSatisfy((sleep) -> assertThat(sleep).isEqualTo(Duration.ofSeconds(1)));
		assertThat(wireMock.server.findAll(getRequestedFor(urlPathEqualTo(this.queriesPath + "/t-quiet")))).hasSize(3);
		assertThat(deletes("t-quiet")).isEqualTo(1);
		assertThat(subscriptions).as("the subscription is closed with the query").isEmpty();
	}

	@Test
	void whenACancelFailsThenTheRunStillFailsWithItsOwnError() {
		stubDescription(wireMock);
		stubStart(1, pending("t-stuck"));
		stubPolls("t-stuck", pending("t-stuck"));
		wireMock.server.stubFor(delete(urlPathEqualTo(this.queriesPath + "/t-stuck"))
			.willReturn(aResponse().withStatus(400).withBody("{\"title\":\"no\"}")));

		assertThatExceptionOfType(Reports.QueryTimeoutException.class)
			.isThrownBy(() -> reports(asynchronous(Duration.ofSeconds(3))).run("accounting", REPORT, october()));
		assertThat(deletes("t-stuck")).isEqualTo(1);
	}

	@Test
	void whenTheStreamIsClosedWhileItsQueryIsPendingThenTheQueryIsCancelledAndNotPolledAgain() {
		stubDescription(wireMock);
		stubStart(1, pending("t-closed"));
		stubPolls("t-closed", pending("t-closed"));
		AtomicReference<Stream<Reports.Row>> running = new AtomicReference<>();
		List<Duration> sleeps = new ArrayList<>();
		Sleeper closesAtTheSecondWait = (duration) -> {
			sleeps.add(duration);
			if (sleeps.size() == 2) {
				// Another thread (a cancelled web request, a shutdown) closes the stream while the query is pending.
				running.get().close();
			}
		};
		Reports reports = wireMock.clientBuilder()
			.sleeper(closesAtTheSecondWait)
			.reporting(asynchronous(Duration.ofMinutes(5)))
			.build()
			.reports();
		Stream<Reports.Row> rows = reports.stream("accounting", REPORT, october());
		running.set(rows);

		assertThatExceptionOfType(ServiceTitanException.class).isThrownBy(() -> rows.forEach((row) -> {
		})).withMessageContaining("closed");
		assertThat(deletes("t-closed")).isEqualTo(1);
		assertThat(sent()).containsExactly("GET /report-category/accounting/reports/4001",
				"POST /report-category/accounting/reports/4001/data/query", "GET /data-queries/t-closed",
				"DELETE /data-queries/t-closed");
	}

	@Test
	void whenTheCallerIsInterruptedWhilePollingThenTheQueryIsCancelledAndTheInterruptKept() {
		stubDescription(wireMock);
		stubStart(1, pending("t-int"));
		stubPolls("t-int", pending("t-int"));
		Sleeper interrupted = (duration) -> {
			throw new InterruptedException("shutting down");
		};
		Reports reports = wireMock.clientBuilder()
			.sleeper(interrupted)
			.reporting(asynchronous(Duration.ofMinutes(5)))
			.build()
			.reports();

		try {
			assertThatExceptionOfType(ServiceTitanInterruptedException.class)
				.isThrownBy(() -> reports.run("accounting", REPORT, october()));
			assertThat(Thread.currentThread().isInterrupted()).isTrue();
		}
		finally {
			Thread.interrupted();
		}
		assertThat(deletes("t-int")).isEqualTo(1);
	}

	@Test
	void whenTwoCallersQueryAtOnceWithOneSlotThenTheSecondWaitsForTheFirstsQueryToEnd() throws Exception {
		stubDescription(wireMock);
		wireMock.server.stubFor(post(urlPathEqualTo(this.queryPath)).withRequestBody(containing("2026-10-01"))
			.willReturn(pending("t-a")));
		stubPolls("t-a", okJson(ONE_PAGE));
		wireMock.server.stubFor(post(urlPathEqualTo(this.queryPath)).withRequestBody(containing("2026-11-01"))
			.willReturn(okJson(ONE_PAGE)));
		CountDownLatch aPolling = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		Sleeper holdsCallerA = (duration) -> {
			if (Thread.currentThread().getName().equals("caller-a")) {
				aPolling.countDown();
				release.await();
			}
		};
		Reports reports = wireMock.clientBuilder()
			.sleeper(holdsCallerA)
			.reporting(asynchronous(Duration.ofMinutes(5)))
			.build()
			.reports();
		Map<String, Object> november = Map.of("From", LocalDate.of(2026, 11, 1), "To", LocalDate.of(2026, 11, 30));
		List<Throwable> failures = new ArrayList<>();
		Thread a = new Thread(() -> reports.run("accounting", REPORT, october()), "caller-a");
		Thread b = new Thread(() -> reports.run("accounting", REPORT, november), "caller-b");
		a.setUncaughtExceptionHandler((thread, ex) -> failures.add(ex));
		b.setUncaughtExceptionHandler((thread, ex) -> failures.add(ex));

		a.start();
		aPolling.await();
		b.start();
		// Caller b parks on the tenant's query slot, not on the wire.
		// The blocker is read once per look: b may unpark between two reads. A deadline keeps the test from hanging.
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (!parkedOnASemaphore(b)) {
			assertThat(System.nanoTime()).as("caller b parked on the query slot within 10 s").isLessThan(deadline);
			Thread.onSpinWait();
		}
		assertThat(wireMock.server.findAll(postRequestedFor(urlPathEqualTo(this.queryPath)))).hasSize(1);
		release.countDown();
		a.join();
		b.join();

		assertThat(failures).isEmpty();
		List<String> sent = sent().stream().filter((line) -> !line.endsWith("/reports/4001")).toList();
		assertThat(sent).containsExactly("POST /report-category/accounting/reports/4001/data/query",
				"GET /data-queries/t-a", "DELETE /data-queries/t-a",
				"POST /report-category/accounting/reports/4001/data/query");
	}

	@Test
	void whenTheAsynchronousFlowIsMissingThenTheAutomaticFlowFallsBackOnceAndRemembersIt() {
		stubDescription(wireMock);
		wireMock.server.stubFor(post(urlPathEqualTo(this.queryPath)).willReturn(aResponse().withStatus(404)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"title\":\"Not Found\",\"status\":404}")));
		wireMock.server.stubFor(ReportFixtures.dataRequest(wireMock, 1).willReturn(okJson(PAGE_1)));
		wireMock.server.stubFor(ReportFixtures.dataRequest(wireMock, 2).willReturn(okJson(PAGE_2)));
		// One run per minute: the refused start's turn is the fallback's, so nothing waits.
		Reports reports = wireMock.clientBuilder()
			.reporting(new Reports.Settings(1, Duration.ofMinutes(2), 2))
			.build()
			.reports();

		assertThat(reports.run("accounting", REPORT, october()).rows()).hasSize(3);
		assertThat(wireMock.sleeps).hasSize(1);
		assertThat(reports.run("accounting", REPORT, october()).rows()).hasSize(3);

		wireMock.server.verify(1, postRequestedFor(urlPathEqualTo(this.queryPath)));
		wireMock.server.verify(4, postRequestedFor(urlPathEqualTo(dataPath(wireMock))));
		assertThat(sent()).startsWith("GET /report-category/accounting/reports/4001",
				"POST /report-category/accounting/reports/4001/data/query",
				"POST /report-category/accounting/reports/4001/data", "POST /report-category/accounting/reports/4001/data");
	}

	@Test
	void whenTheAsynchronousFlowAnswers405ThenTheAutomaticFlowFallsBackToo() {
		stubDescription(wireMock);
		wireMock.server.stubFor(post(urlPathEqualTo(this.queryPath)).willReturn(aResponse().withStatus(405)));
		ReportFixtures.stubPageSequence(wireMock, 1, okJson(ONE_PAGE));

		Reports reports = reports(new Reports.Settings(0, Duration.ZERO, 2));

		assertThat(reports.run("accounting", REPORT, october()).rows()).hasSize(1);
		wireMock.server.verify(1, postRequestedFor(urlPathEqualTo(dataPath(wireMock))));
	}

	@Test
	void whenTheFlowIsAsynchronousThenA404IsAnErrorWithoutFallback() {
		stubDescription(wireMock);
		wireMock.server.stubFor(post(urlPathEqualTo(this.queryPath)).willReturn(aResponse().withStatus(404)));

		assertThatExceptionOfType(ServiceTitanApiException.class)
			.isThrownBy(() -> reports(asynchronous(Duration.ofMinutes(5))).run("accounting", REPORT, october()))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(404));
		wireMock.server.verify(0, postRequestedFor(urlPathEqualTo(dataPath(wireMock))));
	}

	@Test
	void whenTheFlowIsSynchronousThenNoQueryIsStarted() {
		stubDescription(wireMock);
		ReportFixtures.stubPageSequence(wireMock, 1, okJson(ONE_PAGE));

		reports(new Reports.Settings(0, Duration.ZERO, 2).withFlow(Reports.Settings.Flow.SYNCHRONOUS)).run("accounting",
				REPORT, october());

		wireMock.server.verify(0, postRequestedFor(urlPathMatching(".*/data/query")));
		wireMock.server.verify(1, postRequestedFor(urlPathEqualTo(dataPath(wireMock))));
	}

	@Test
	void whenAPendingAnswerNamesNoTokenThenTheRunFailsTypedWithoutPolling() {
		stubDescription(wireMock);
		stubStart(1, aResponse().withStatus(202).withHeader("Content-Type", "application/json").withBody("{\"status\":\"NotStarted\"}"));

		assertThatExceptionOfType(ServiceTitanMappingException.class)
			.isThrownBy(() -> reports(asynchronous(Duration.ofMinutes(5))).run("accounting", REPORT, october()))
			.withMessageContaining("named no token");
		wireMock.server.verify(0, getRequestedFor(urlPathMatching(".*/data-queries/.*")));
	}

	@Test
	void whenTheQuerySettingsAreOutOfRangeThenTheyFailWhenMade() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Reports.Settings(0, Duration.ZERO, 2,
				Reports.Settings.Flow.ASYNCHRONOUS, Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofMinutes(1), 1))
			.withMessageContaining("maxPollInterval");
		assertThatIllegalArgumentException().isThrownBy(() -> new Reports.Settings(0, Duration.ZERO, 2,
				Reports.Settings.Flow.ASYNCHRONOUS, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMinutes(1), 0))
			.withMessageContaining("maxConcurrentQueries");
		assertThatIllegalArgumentException().isThrownBy(() -> new Reports.Settings(0, Duration.ZERO, 2,
				Reports.Settings.Flow.ASYNCHRONOUS, Duration.ZERO, Duration.ofSeconds(1), Duration.ofMinutes(1), 1))
			.withMessageContaining("pollInterval");
	}

	static byte[] gzip(String text) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
			out.write(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	private static boolean parkedOnASemaphore(Thread thread) {
		Object blocker = LockSupport.getBlocker(thread);
		return blocker != null && blocker.getClass().getName().contains("Semaphore");
	}

}
