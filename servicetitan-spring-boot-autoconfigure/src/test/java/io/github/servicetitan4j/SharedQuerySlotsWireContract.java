package io.github.servicetitan4j;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.github.servicetitan4j.errors.ServiceTitanException;
import io.github.servicetitan4j.ratelimit.RateLimiter;
import io.github.servicetitan4j.ratelimit.RateLimiterFactory;
import io.github.servicetitan4j.ratelimit.RateLimiterFactory.RateLimitStoreUnavailableException;
import io.github.servicetitan4j.ratelimit.RateLimiterFactory.StoreFailurePolicy;
import io.github.servicetitan4j.ratelimit.RateLimiterFactory.StoreSettings;
import io.github.servicetitan4j.retry.Sleeper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.github.servicetitan4j.ReportFixtures.ONE_PAGE;
import static io.github.servicetitan4j.ReportFixtures.REPORT;
import static io.github.servicetitan4j.ReportFixtures.dataPath;
import static io.github.servicetitan4j.ReportFixtures.stubDescription;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The tenant's query slots shared by two "instances" (two clients, each with its own factory and connection over one
 * real store) on the wire: a query waits in the store for the other instance's query to end, a cancelled query frees
 * its slot, a slot held by a dead instance ends in a typed error at max-query-duration, and a store that does not
 * answer follows the failure policy. Waits go through injected sleepers and the extension's clock.
 */
abstract class SharedQuerySlotsWireContract {

	/** Each test class's own server (a shared one would be stopped after the first class). */
	final ServiceTitanWireMock wireMock = server();

	static final RateLimiter.Budget BUDGET = new RateLimiter.Budget(10, 1, Duration.ofSeconds(1));

	final String queryPath = dataPath(wireMock) + "/query";

	final String queriesPath = wireMock.tenantPath("reporting") + "/data-queries";

	private final List<RateLimiterFactory> factories = new ArrayList<>();

	/** The WireMock extension the test class registers. */
	abstract ServiceTitanWireMock server();

	/** A factory over the store, as one instance of the application has it. */
	abstract RateLimiterFactory factory(StoreSettings settings);

	/** A factory over an address where no store listens. */
	abstract RateLimiterFactory factoryToNothing(StoreSettings settings);

	/** How many holders of the tenant's slots the store holds now. */
	abstract int holders();

	@AfterEach
	void closeFactories() {
		this.factories.forEach(RateLimiterFactory::close);
	}

	RateLimiterFactory instance() {
		return keep(factory(StoreSettings.of(StoreFailurePolicy.FAIL_OPEN, Duration.ofSeconds(2))));
	}

	RateLimiterFactory keep(RateLimiterFactory factory) {
		this.factories.add(factory);
		return factory;
	}

	/** One slot for the tenant, polled every second. */
	static Reports.Settings oneSlot(Duration maxQueryDuration) {
		return new Reports.Settings(0, Duration.ZERO, 2, Reports.Settings.Flow.ASYNCHRONOUS, Duration.ofSeconds(1),
				Duration.ofSeconds(3), maxQueryDuration, 1);
	}

	Reports reports(RateLimiterFactory factory, Sleeper sleeper, Duration maxQueryDuration) {
		return wireMock.clientBuilder()
			.sleeper(sleeper)
			.reporting(oneSlot(maxQueryDuration))
			.reportRateLimiters(factory)
			.build()
			.reports();
	}

	static Map<String, Object> month(int month) {
		Map<String, Object> parameters = new LinkedHashMap<>();
		parameters.put("From", LocalDate.of(2026, month, 1));
		parameters.put("To", LocalDate.of(2026, month, 28));
		return parameters;
	}

	static ResponseDefinitionBuilder pending(String token) {
		return aResponse().withStatus(202)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"status\":\"InProgress\",\"token\":\"" + token + "\"}");
	}

	void stubQuery(int month, ResponseDefinitionBuilder answer) {
		wireMock.server.stubFor(post(urlPathEqualTo(this.queryPath))
			.withRequestBody(containing("2026-" + ((month < 10) ? "0" : "") + month + "-01"))
			.willReturn(answer));
	}

	void stubToken(String token, ResponseDefinitionBuilder poll) {
		wireMock.server.stubFor(get(urlPathEqualTo(this.queriesPath + "/" + token)).willReturn(poll));
		wireMock.server.stubFor(delete(urlPathEqualTo(this.queriesPath + "/" + token)).willReturn(aResponse().withStatus(204)));
	}

	int queryStarts() {
		return wireMock.server.findAll(postRequestedFor(urlPathEqualTo(this.queryPath))).size();
	}

	/** The report requests as sent, oldest first, without the description's. */
	List<String> sent() {
		return wireMock.servedInOrder()
			.stream()
			.filter((event) -> event.getRequest().getUrl().startsWith("/reporting"))
			.map((event) -> event.getRequest().getMethod() + " "
					+ event.getRequest().getUrl().replace(wireMock.tenantPath("reporting"), "").replaceAll("\\?.*", ""))
			.filter((line) -> !line.endsWith("/reports/4001"))
			.toList();
	}

	@Test
	@Timeout(60)
	void whenTwoInstancesShareOneSlotThenTheSecondQueryWaitsInTheStoreUntilTheFirstQueryEnds() throws Exception {
		stubDescription(wireMock);
		stubQuery(10, pending("t-a"));
		stubToken("t-a", okJson(ONE_PAGE));
		stubQuery(11, okJson(ONE_PAGE));
		CountDownLatch aPolling = new CountDownLatch(1);
		CountDownLatch releaseA = new CountDownLatch(1);
		Sleeper holdsInstanceA = (duration) -> {
			aPolling.countDown();
			releaseA.await();
		};
		List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
		Reports a = reports(instance(), holdsInstanceA, Duration.ofMinutes(5));
		Thread callerA = new Thread(() -> a.run("accounting", REPORT, month(10)), "instance-a");
		callerA.setUncaughtExceptionHandler((thread, ex) -> failures.add(ex));
		List<Duration> waitsOfB = new ArrayList<>();
		List<String> seenWhileBWaited = new ArrayList<>();
		Sleeper instanceB = (duration) -> {
			waitsOfB.add(duration);
			wireMock.clock.advance(duration);
			if (waitsOfB.size() == 2) {
				seenWhileBWaited.add("holders " + holders() + ", starts " + queryStarts());
				// Instance a's query ends: its result read, its token and its slot released.
				releaseA.countDown();
				callerA.join();
			}
		};
		Reports b = reports(instance(), instanceB, Duration.ofMinutes(5));

		callerA.start();
		aPolling.await();
		assertThat(holders()).isEqualTo(1);
		Reports.Result result = b.run("accounting", REPORT, month(11));

		assertThat(failures).isEmpty();
		assertThat(result.rows()).hasSize(1);
		// b asked the store three times, a poll interval apart, and started its query only after a had ended.
		assertThat(waitsOfB).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
		assertThat(seenWhileBWaited).containsExactly("holders 1, starts 1");
		assertThat(sent()).containsExactly("POST /report-category/accounting/reports/4001/data/query",
				"GET /data-queries/t-a", "DELETE /data-queries/t-a",
				"POST /report-category/accounting/reports/4001/data/query");
		assertThat(holders()).isZero();
	}

	@Test
	@Timeout(60)
	void whenAQueryIsCancelledByClosingItsStreamThenItsSharedSlotIsFreedForTheOtherInstance() {
		stubDescription(wireMock);
		stubQuery(10, pending("t-closed"));
		stubToken("t-closed", pending("t-closed"));
		stubQuery(11, okJson(ONE_PAGE));
		AtomicReference<Stream<Reports.Row>> running = new AtomicReference<>();
		List<Integer> holdersWhileRunning = new ArrayList<>();
		Sleeper closesAtTheSecondWait = (duration) -> {
			holdersWhileRunning.add(holders());
			if (holdersWhileRunning.size() == 2) {
				running.get().close();
			}
		};
		Stream<Reports.Row> rows = reports(instance(), closesAtTheSecondWait, Duration.ofMinutes(5)).stream("accounting",
				REPORT, month(10));
		running.set(rows);

		assertThatExceptionOfType(ServiceTitanException.class).isThrownBy(() -> rows.forEach((row) -> {
		})).withMessageContaining("closed");
		assertThat(holdersWhileRunning).containsExactly(1, 1);
		assertThat(wireMock.server.findAll(deleteRequestedFor(urlPathEqualTo(this.queriesPath + "/t-closed")))).hasSize(1);
		assertThat(holders()).isZero();

		List<Duration> waitsOfB = new ArrayList<>();
		Reports.Result result = reports(instance(), waitsOfB::add, Duration.ofMinutes(5)).run("accounting", REPORT,
				month(11));
		assertThat(result.rows()).hasSize(1);
		assertThat(waitsOfB).isEmpty();
		assertThat(holders()).isZero();
	}

	@Test
	@Timeout(60)
	void whenADeadInstanceHoldsTheOnlySlotThenTheQueryFailsTypedAtMaxQueryDurationWithoutStarting() {
		stubDescription(wireMock);
		stubQuery(11, okJson(ONE_PAGE));
		// An instance killed while its query ran: its lease outlives the wait.
		assertThat(instance().querySlots(ServiceTitanWireMock.TENANT, ServiceTitanWireMock.APP_KEY, 1)
			.orElseThrow()
			.tryAcquire("query-of-a-dead-instance", Duration.ofHours(1))).isTrue();

		assertThatExceptionOfType(Reports.QuerySlotTimeoutException.class)
			.isThrownBy(() -> reports(instance(), wireMock.sleeper, Duration.ofSeconds(3)).run("accounting", REPORT,
					month(11)))
			.withMessageContaining("4001")
			.withMessageContaining("3 s")
			.withMessageContaining("4 tries")
			.withMessageContaining("servicetitan.reporting.max-concurrent-queries");
		assertThat(wireMock.sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1));
		assertThat(queryStarts()).isZero();
		assertThat(holders()).isEqualTo(1);
	}

	@Test
	@Timeout(60)
	void whenTheStoreDoesNotAnswerThenFailClosedFailsTypedWithoutStartingAndFailOpenUsesTheInstancesOwnSlot() {
		stubDescription(wireMock);
		stubQuery(11, okJson(ONE_PAGE));
		StoreSettings closed = new StoreSettings(StoreFailurePolicy.FAIL_CLOSED, Duration.ofMillis(500),
				Duration.ofSeconds(1), 0.25);
		StoreSettings open = new StoreSettings(StoreFailurePolicy.FAIL_OPEN, Duration.ofMillis(500),
				Duration.ofSeconds(1), 0.25);

		assertThatExceptionOfType(RateLimitStoreUnavailableException.class)
			.isThrownBy(() -> reports(keep(factoryToNothing(closed)), wireMock.sleeper, Duration.ofMinutes(5))
				.run("accounting", REPORT, month(11)))
			.withMessageContaining("fail-closed");
		assertThat(queryStarts()).isZero();

		Reports.Result result = reports(keep(factoryToNothing(open)), wireMock.sleeper, Duration.ofMinutes(5))
			.run("accounting", REPORT, month(11));
		assertThat(result.rows()).hasSize(1);
		assertThat(queryStarts()).isEqualTo(1);
		assertThat(wireMock.sleeps).isEmpty();
	}

}
