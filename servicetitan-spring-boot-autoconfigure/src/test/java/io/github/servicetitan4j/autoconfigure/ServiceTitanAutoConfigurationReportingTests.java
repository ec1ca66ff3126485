package io.github.servicetitan4j.autoconfigure;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.servicetitan4j.EndpointFactory;
import io.github.servicetitan4j.ServiceTitanWireMock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

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
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code servicetitan.reporting.*} reaches the auto-configured client (the pace and page size of report runs on the
 * wire), and invalid values fail startup naming the property.
 */
class ServiceTitanAutoConfigurationReportingTests {

	@RegisterExtension
	static final ServiceTitanWireMock wireMock = new ServiceTitanWireMock();

	private static final String REPORT = "{\"id\":7,\"name\":\"R\",\"parameters\":[{\"name\":\"From\",\"dataType\":\"Date\","
			+ "\"isArray\":false,\"isRequired\":true}],\"fields\":[{\"name\":\"Total\",\"label\":\"Total\",\"dataType\":\"Number\"}]}";

	private static final String PAGE = "{\"page\":1,\"pageSize\":10,\"hasMore\":false,\"data\":[[1]],"
			+ "\"fields\":[{\"name\":\"Total\",\"label\":\"Total\"}]}";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ServiceTitanAutoConfiguration.class))
		.withBean(ServiceTitanClientBuilderCustomizer.class,
				() -> (builder) -> builder.clock(wireMock.clock).sleeper(wireMock.sleeper).jitter(() -> 0.0))
		.withPropertyValues("servicetitan.client-id=" + ServiceTitanWireMock.CLIENT_ID,
				"servicetitan.client-secret=" + ServiceTitanWireMock.CLIENT_SECRET,
				"servicetitan.app-key=" + ServiceTitanWireMock.APP_KEY,
				"servicetitan.tenant-id=" + ServiceTitanWireMock.TENANT, "servicetitan.api-url=" + wireMock.url(),
				"servicetitan.auth-url=" + wireMock.url(), "servicetitan.rate-limit.requests-per-second=0");

	@Test
	void whenReportingPropertiesAreSetThenRunsArePacedAndPagedAsTheySay() {
		String reports = wireMock.tenantPath("reporting") + "/report-category/ops/reports";
		wireMock.server.stubFor(get(urlPathEqualTo(reports + "/7")).willReturn(okJson(REPORT)));
		wireMock.server.stubFor(post(urlPathEqualTo(reports + "/7/data")).willReturn(okJson(PAGE)));

		this.contextRunner
			.withPropertyValues("servicetitan.reporting.requests-per-minute=4", "servicetitan.reporting.page-size=10")
			.run((context) -> {
				EndpointFactory serviceTitan = context.getBean(EndpointFactory.class);
				for (int i = 0; i < 2; i++) {
					serviceTitan.reports().run("ops", 7, Map.of("From", LocalDate.of(2026, 1, 1)));
				}
			});

		wireMock.server.verify(2, postRequestedFor(urlPathEqualTo(reports + "/7/data")).withQueryParam("pageSize", equalTo("10")));
		assertThat(wireMock.sleeps).containsExactly(Duration.ofSeconds(15));
	}

	@Test
	void whenReportingPropertiesAreInvalidThenStartupFailsNamingThem() {
		this.contextRunner
			.withPropertyValues("servicetitan.reporting.requests-per-minute=-1", "servicetitan.reporting.page-size=0",
					"servicetitan.reporting.max-wait=-1s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("servicetitan.reporting.requests-per-minute must be 0 (off) or more")
				.hasMessageContaining("servicetitan.reporting.page-size must be between 1 and 5000, not 0")
				.hasMessageContaining("servicetitan.reporting.max-wait must not be negative"));
	}

	@Test
	void whenTheFlowAndPollingPropertiesAreSetThenQueriesArePolledAsTheySay() {
		String reports = wireMock.tenantPath("reporting") + "/report-category/ops/reports";
		String poll = wireMock.tenantPath("reporting") + "/data-queries/tok";
		wireMock.server.stubFor(get(urlPathEqualTo(reports + "/7")).willReturn(okJson(REPORT)));
		wireMock.server.stubFor(post(urlPathEqualTo(reports + "/7/data/query")).willReturn(aResponse().withStatus(202)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"status\":\"NotStarted\",\"token\":\"tok\"}")));
		wireMock.server.stubFor(get(urlPathEqualTo(poll)).inScenario("poll")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(202)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"status\":\"InProgress\",\"token\":\"tok\"}"))
			.willSetStateTo("done"));
		wireMock.server.stubFor(get(urlPathEqualTo(poll)).inScenario("poll").whenScenarioStateIs("done").willReturn(okJson(PAGE)));
		wireMock.server.stubFor(delete(urlPathEqualTo(poll)).willReturn(aResponse().withStatus(204)));

		this.contextRunner
			.withPropertyValues("servicetitan.reporting.requests-per-minute=0", "servicetitan.reporting.flow=asynchronous",
					"servicetitan.reporting.poll-interval=2s", "servicetitan.reporting.max-poll-interval=3s",
					"servicetitan.reporting.max-concurrent-queries=2")
			.run((context) -> assertThat(context.getBean(EndpointFactory.class)
				.reports()
				.run("ops", 7, Map.of("From", LocalDate.of(2026, 1, 1)))
				.rows()).hasSize(1));

		assertThat(wireMock.sleeps).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(3));
		wireMock.server.verify(2, getRequestedFor(urlPathEqualTo(poll)));
		wireMock.server.verify(1, deleteRequestedFor(urlPathEqualTo(poll)));
		wireMock.server.verify(0, postRequestedFor(urlPathEqualTo(reports + "/7/data")));
	}

	@Test
	void whenTheQueryPropertiesAreInvalidThenStartupFailsNamingThem() {
		this.contextRunner
			.withPropertyValues("servicetitan.reporting.poll-interval=0s", "servicetitan.reporting.max-query-duration=-1s",
					"servicetitan.reporting.max-concurrent-queries=0", "servicetitan.reporting.flow=sometimes")
			.run((context) -> assertThat(context).hasFailed());
		this.contextRunner
			.withPropertyValues("servicetitan.reporting.poll-interval=0s", "servicetitan.reporting.max-query-duration=-1s",
					"servicetitan.reporting.max-concurrent-queries=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("servicetitan.reporting.poll-interval must be positive")
				.hasMessageContaining("servicetitan.reporting.max-query-duration must be positive")
				.hasMessageContaining("servicetitan.reporting.max-concurrent-queries must be at least 1, not 0"));
	}

}
