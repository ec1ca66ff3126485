package io.github.servicetitan4j.observation;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.servicetitan4j.ReportingSettings;
import io.github.servicetitan4j.ServiceTitanClient;
import io.github.servicetitan4j.ServiceTitanWireMock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A report run in Micrometer: one {@code servicetitan.client.operation} timer sample with operation {@code report} for
 * the whole run, its rows on {@code servicetitan.client.records}, and the wait for the report's turn on
 * {@code servicetitan.client.rate-limit.wait}.
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
			.reporting(new ReportingSettings(2, Duration.ofMinutes(1), 2)
				.withFlow(ReportingSettings.Flow.SYNCHRONOUS))
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

}
