package io.github.servicetitan4j.autoconfigure.webhook;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.servicetitan4j.EndpointFactory;
import io.github.servicetitan4j.Reports;
import io.github.servicetitan4j.ServiceTitanWireMock;
import io.github.servicetitan4j.autoconfigure.ServiceTitanAutoConfiguration;
import io.github.servicetitan4j.autoconfigure.ServiceTitanClientBuilderCustomizer;
import io.github.servicetitan4j.internal.ReportReadySignals;
import io.github.servicetitan4j.retry.Sleeper;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.github.servicetitan4j.ReportFixtures.ONE_PAGE;
import static io.github.servicetitan4j.ReportFixtures.REPORT;
import static io.github.servicetitan4j.ReportFixtures.dataPath;
import static io.github.servicetitan4j.ReportFixtures.stubDescription;
import static io.github.servicetitan4j.autoconfigure.webhook.WebhookApp.event;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A report query completed by the {@code tn.rpr.report-data-ready} event: the application's real webhook endpoint on a
 * free port, the auto-configured client, and WireMock as ServiceTitan. The client's waits go through the WireMock
 * extension's sleeper and clock; the event is delivered over HTTP from inside a wait, as it would arrive while the
 * query is pending.
 */
class ReportByEventWireTests {

	@RegisterExtension
	static final ServiceTitanWireMock wireMock = new ServiceTitanWireMock();

	static final String TOKEN = "q-7";

	final String queryPath = dataPath(wireMock) + "/query";

	final String pollPath = wireMock.tenantPath("reporting") + "/data-queries/" + TOKEN;

	/** What each wait does once it has moved the clock on, by its position (0 for the first). */
	final List<Runnable> duringWaits = new CopyOnWriteArrayList<>();

	WebhookApp start() {
		List<Duration> waits = new ArrayList<>();
		Sleeper sleeper = (duration) -> {
			wireMock.sleeper.sleep(duration);
			int index = waits.size();
			waits.add(duration);
			if (index < this.duringWaits.size()) {
				this.duringWaits.get(index).run();
			}
		};
		ServiceTitanClientBuilderCustomizer customizer = (builder) -> builder.clock(wireMock.clock)
			.nanoTime(wireMock.clock::nanoTime)
			.sleeper(sleeper);
		return new WebhookApp(List.of(ServiceTitanAutoConfiguration.class), List.of(customizer),
				"servicetitan.tenant-id=" + ServiceTitanWireMock.TENANT, "servicetitan.api-url=" + wireMock.url(),
				"servicetitan.auth-url=" + wireMock.url(), "servicetitan.client-id=" + ServiceTitanWireMock.CLIENT_ID,
				"servicetitan.client-secret=" + ServiceTitanWireMock.CLIENT_SECRET,
				"servicetitan.app-key=" + ServiceTitanWireMock.APP_KEY, "servicetitan.reporting.flow=asynchronous",
				"servicetitan.reporting.requests-per-minute=0", "servicetitan.reporting.poll-interval=1s",
				"servicetitan.reporting.max-poll-interval=30s", "servicetitan.reporting.max-query-duration=5m",
				"servicetitan.webhooks.secrets=" + WebhookApp.KEY);
	}

	void stubPendingQuery() {
		stubDescription(wireMock);
		wireMock.server.stubFor(post(urlPathEqualTo(this.queryPath)).willReturn(aResponse().withStatus(202)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"status\":\"InProgress\",\"token\":\"" + TOKEN + "\"}")));
		wireMock.server.stubFor(delete(urlPathEqualTo(this.pollPath)).willReturn(aResponse().withStatus(204)));
	}

	static Reports.Result run(WebhookApp app) {
		return app.context.getBean(EndpointFactory.class)
			.reports()
			.run("accounting", REPORT, Map.of("From", LocalDate.of(2026, 10, 1), "To", LocalDate.of(2026, 10, 31)));
	}

	int polls() {
		return wireMock.server.findAll(getRequestedFor(urlPathEqualTo(this.pollPath))).size();
	}

	Duration waited() {
		return wireMock.sleeps.stream().reduce(Duration.ZERO, Duration::plus);
	}

	@Test
	void whenTheReadyEventArrivesThenTheQueryIsPolledOnceRightAfterItInsteadOfAtTheGrowingInterval() {
		stubPendingQuery();
		wireMock.server.stubFor(get(urlPathEqualTo(this.pollPath)).willReturn(okJson(ONE_PAGE)));
		try (WebhookApp app = start()) {
			AtomicReference<Integer> answered = new AtomicReference<>();
			this.duringWaits.add(() -> {
			});
			this.duringWaits.add(() -> {
				// Another query's event first: it does not end this one's wait.
				app.deliver(event("e-other", ReportReadySignals.EVENT_TYPE, "{\"token\":\"q-other\"}"));
				answered.set(app.deliver(event("e-ready", ReportReadySignals.EVENT_TYPE,
						"{\"token\":\"" + TOKEN + "\",\"reportId\":" + REPORT + "}"))
					.statusCode());
			});

			Reports.Result result = run(app);

			assertThat(result.rows()).singleElement()
				.satisfies((row) -> assertThat(row.getString("BusinessUnit")).isEqualTo("HVAC"));
			assertThat(answered.get()).isEqualTo(200);
			wireMock.server.verify(1, postRequestedFor(urlPathEqualTo(this.queryPath))
				.withQueryParam("notifyWhenReady", equalTo("true"))
				.withQueryParam("page", equalTo("1")));
			// Two steps of poll-interval, the event during the second, then one poll and the release.
			assertThat(polls()).isEqualTo(1);
			assertThat(wireMock.sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
			wireMock.server.verify(1, deleteRequestedFor(urlPathEqualTo(this.pollPath)));
		}
	}

	@Test
	void whenTheReadyEventIsLostThenTheQueryStillCompletesByPollingAtTheFallBackInterval() {
		stubPendingQuery();
		wireMock.server.stubFor(get(urlPathEqualTo(this.pollPath)).inScenario("lost")
			.whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
			.willReturn(aResponse().withStatus(202)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"status\":\"InProgress\",\"token\":\"" + TOKEN + "\"}"))
			.willSetStateTo("done"));
		wireMock.server.stubFor(get(urlPathEqualTo(this.pollPath)).inScenario("lost")
			.whenScenarioStateIs("done")
			.willReturn(okJson(ONE_PAGE)));
		try (WebhookApp app = start()) {
			Reports.Result result = run(app);

			assertThat(result.rows()).hasSize(1);
			wireMock.server.verify(1, postRequestedFor(urlPathEqualTo(this.queryPath))
				.withQueryParam("notifyWhenReady", equalTo("true")));
			// No event: one poll per max-poll-interval (30 s), not the 1, 2, 4, 8, 16 s of plain polling.
			assertThat(polls()).isEqualTo(2);
			assertThat(waited()).isEqualTo(Duration.ofSeconds(60));
			assertThat(wireMock.sleeps).allSatisfy((sleep) -> assertThat(sleep).isEqualTo(Duration.ofSeconds(1)));
			wireMock.server.verify(1, deleteRequestedFor(urlPathEqualTo(this.pollPath)));
		}
	}

}
