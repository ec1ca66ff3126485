package io.github.servicetitan4j.observation;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.servicetitan4j.Reports;
import io.github.servicetitan4j.ServiceTitanClient;
import io.github.servicetitan4j.ServiceTitanWireMock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A report run in Micrometer: one {@code servicetitan.client.operation} timer sample with operation {@code report} for
 * the whole run, its rows on {@code servicetitan.client.records}, and the wait for the report's turn on
 * {@code servicetitan.client.rate-limit.wait}; over the asynchronous flow, the query's start, polls and release as
 * {@code servicetitan.client.requests} of that operation, the token in no tag.
 */
class ReportObservationTests {

	@RegisterExtension
	static final ServiceTitanWireMock wireMock = new ServiceTitanWireMock();

	private static final String FIELDS = "[{\"name\":\"Total\",\"label\":\"Total\"}]";

	@Test
	void aTwoPageRunIsOneReportOperationWithItsRowsCountedAndItsWaitTimed() {
		String reports = wireMock.tenantPath("reporting") + "/report-category/ops/reports";
		wireMock.server.stubFor(get(urlPathEqualTo(reports + "/7")).willReturn(okJson(
				"{\"id\":7,\"name\":\"R\",\"parameters\":[],\"fields\":[{\"name\":\"Total\",\"label\":\"Total\",\"dataType\":\"Number\"}]}")));
		wireMock.server.stubFor(post(urlPathEqualTo(reports + "/7/data")).withQueryParam("page", equalTo("1"))
			.willReturn(okJson("{\"page\":1,\"hasMore\":true,\"data\":[[1],[2]],\"fields\":" + FIELDS + "}")));
		wireMock.server.stubFor(post(urlPathEqualTo(reports + "/7/data")).withQueryParam("page", equalTo("2"))
			.willReturn(okJson("{\"page\":2,\"hasMore\":false,\"data\":[[3]],\"fields\":" + FIELDS + "}")));
		MeterRegistry meters = new SimpleMeterRegistry();
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
		ServiceTitanClient client = wireMock.clientBuilder()
			.observer(new ObservationOperationObserver(observations, new DefaultServiceTitanObservationConvention(true),
					ServiceTitanWireMock.TENANT))
			.listener(new MeterServiceTitanClientListener(meters, ServiceTitanWireMock.TENANT, true))
			.reporting(new Reports.Settings(2, Duration.ofMinutes(1), 2)
				.withFlow(Reports.Settings.Flow.SYNCHRONOUS))
			.build();

		client.reports().run("ops", 7, Map.of());

		Timer run = meters.get("servicetitan.client.operation").tag("operation", "report").timer();
		assertThat(run.count()).isEqualTo(1);
		assertThat(run.getId().getTag("endpoint")).isEqualTo("report-category/ops/reports/7");
		assertThat(run.getId().getTag("outcome")).isEqualTo("success");
		assertThat(meters.get("servicetitan.client.records").tag("operation", "report").counter().count()).isEqualTo(3);
		Timer waits = meters.get("servicetitan.client.rate-limit.wait").tag("operation", "report").timer();
		assertThat(waits.count()).isEqualTo(2);
		assertThat(waits.max(TimeUnit.SECONDS)).isEqualTo(30);
	}

	@Test
	void anAsynchronousRunShowsItsStartPollsAndReleaseAsRequestsOfTheReportOperation() {
		String reports = wireMock.tenantPath("reporting") + "/report-category/ops/reports";
		String query = wireMock.tenantPath("reporting") + "/data-queries/secret-token-1";
		wireMock.server.stubFor(get(urlPathEqualTo(reports + "/7")).willReturn(okJson(
				"{\"id\":7,\"name\":\"R\",\"parameters\":[],\"fields\":[{\"name\":\"Total\",\"dataType\":\"Number\"}]}")));
		wireMock.server.stubFor(post(urlPathEqualTo(reports + "/7/data/query")).willReturn(aResponse().withStatus(202)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"status\":\"NotStarted\",\"token\":\"secret-token-1\"}")));
		wireMock.server.stubFor(get(urlPathEqualTo(query)).inScenario("poll")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(202)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"status\":\"InProgress\",\"token\":\"secret-token-1\"}"))
			.willSetStateTo("done"));
		wireMock.server.stubFor(get(urlPathEqualTo(query)).inScenario("poll")
			.whenScenarioStateIs("done")
			.willReturn(okJson("{\"page\":1,\"hasMore\":false,\"data\":[[1]],\"fields\":" + FIELDS + "}")));
		wireMock.server.stubFor(delete(urlPathEqualTo(query)).willReturn(aResponse().withStatus(204)));
		MeterRegistry meters = new SimpleMeterRegistry();
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
		ServiceTitanClient client = wireMock.clientBuilder()
			.observer(new ObservationOperationObserver(observations, new DefaultServiceTitanObservationConvention(true),
					ServiceTitanWireMock.TENANT))
			.restClientBuilder(RestClient.builder()
				.observationRegistry(observations)
				.observationConvention(new ServiceTitanRequestObservationConvention(ServiceTitanWireMock.TENANT, true)))
			.reporting(new Reports.Settings(0, Duration.ZERO, 10, Reports.Settings.Flow.ASYNCHRONOUS,
					Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(5), 1))
			.build();

		client.reports().run("ops", 7, Map.of());

		Timer run = meters.get("servicetitan.client.operation").tag("operation", "report").timer();
		assertThat(run.count()).isEqualTo(1);
		assertThat(run.getId().getTag("outcome")).isEqualTo("success");
		assertThat(requests(meters, "POST", "/{folder}/v2/tenant/{tenant}/{endpoint}/{id}/{modifier}/{modifierId}"))
			.isEqualTo(1);
		// One pending (202), one done (200): told apart by their status tag.
		assertThat(requests(meters, "GET", "/{folder}/v2/tenant/{tenant}/{endpoint}/{id}")).isEqualTo(2);
		assertThat(requests(meters, "DELETE", "/{folder}/v2/tenant/{tenant}/{endpoint}/{id}")).isEqualTo(1);
		assertThat(meters.getMeters()).allSatisfy((meter) -> assertThat(meter.getId().toString()).doesNotContain("secret-token"));
	}

	private static long requests(MeterRegistry meters, String method, String uri) {
		return meters.get("servicetitan.client.requests")
			.tag("operation", "report")
			.tag("method", method)
			.tag("uri", uri)
			.timers()
			.stream()
			.mapToLong(Timer::count)
			.sum();
	}

}
