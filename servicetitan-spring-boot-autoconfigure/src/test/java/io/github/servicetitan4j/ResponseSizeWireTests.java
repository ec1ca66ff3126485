package io.github.servicetitan4j;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.github.servicetitan4j.errors.ServiceTitanException.ResponseTooLargeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import org.springframework.util.unit.DataSize;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Bodies read whole into memory stop at max-response-size, counted after decompression, with a typed error and no
 * retry; streaming walks are not limited.
 */
class ResponseSizeWireTests {

	@RegisterExtension
	static final ServiceTitanWireMock wireMock = new ServiceTitanWireMock();

	final String jobs = wireMock.tenantPath("jpm") + "/jobs";

	final ServiceTitanClient client = wireMock.clientBuilder().maxResponseSize(DataSize.ofKilobytes(100)).build();

	@Test
	void whenARecordIsLargerThanTheLimitThenGetOneFailsTypedWithoutRetrying() {
		// 200 KB of blanks: a few hundred bytes gzipped on the wire, 200 KB once decompressed
		wireMock.server.stubFor(get(urlPathEqualTo(this.jobs + "/1"))
			.willReturn(okJson("{\"id\":1,\"notes\":\"" + " ".repeat(200 * 1024) + "\"}")));

		assertThatExceptionOfType(ResponseTooLargeException.class)
			.isThrownBy(() -> this.client.endpoint("jpm", "jobs").getOne("1"))
			.satisfies((ex) -> {
				assertThat(ex.limit()).isEqualTo(DataSize.ofKilobytes(100));
				assertThat(ex.getMessage()).contains("GET", "/jobs/1", "servicetitan.max-response-size", "102400");
			});
		wireMock.server.verify(1, getRequestedFor(urlPathEqualTo(this.jobs + "/1")));
		assertThat(wireMock.sleeps).isEmpty();
	}

	@Test
	void whenADownloadAsBytesIsLargerThanTheLimitThenItFailsTyped() {
		String image = wireMock.tenantPath("pricebook") + "/images/logo";
		wireMock.server.stubFor(get(urlPathEqualTo(image)).willReturn(aResponse().withBody(new byte[150 * 1024])));

		assertThatExceptionOfType(ResponseTooLargeException.class)
			.isThrownBy(() -> this.client.endpoint("pricebook", "images").download("logo"));
	}

	@Test
	void whenALookAheadPageIsLargerThanTheLimitThenTheWalkFailsTypedButAStreamingWalkIsNotLimited() {
		String big = " ".repeat(150 * 1024);
		for (int page = 1; page <= 2; page++) {
			wireMock.server.stubFor(get(urlPathEqualTo(this.jobs)).withQueryParam("page", equalTo(Integer.toString(page)))
				.willReturn(okJson("{\"page\":" + page + ",\"pageSize\":1,\"hasMore\":" + (page == 1) + ",\"totalCount\":2,"
						+ "\"data\":[{\"id\":" + page + ",\"notes\":\"" + big + "\"}]}")));
		}
		ServiceTitanClient parallel = wireMock.clientBuilder()
			.maxResponseSize(DataSize.ofKilobytes(100))
			.pagingConcurrency(2)
			.build();

		assertThatExceptionOfType(ResponseTooLargeException.class).isThrownBy(() -> {
			try (Stream<JsonNode> records = parallel.endpoint("jpm", "jobs")
				.streamAll(Map.of("pageSize", 1, "includeTotal", true))) {
				records.forEach((record) -> {
				});
			}
		});
		// Page by page (look-ahead pages are read whole, so the limit applies to them at any concurrency above 1)
		ServiceTitanClient sequential = wireMock.clientBuilder()
			.maxResponseSize(DataSize.ofKilobytes(100))
			.pagingConcurrency(1)
			.build();
		try (Stream<JsonNode> records = sequential.endpoint("jpm", "jobs").streamAll(Map.of("pageSize", 1))) {
			List<Integer> ids = records.map((record) -> record.path("id").asInt()).toList();
			assertThat(ids).containsExactly(1, 2);
		}
		parallel.close();
		sequential.close();
	}

	@Test
	void whenAReportPageIsLargerThanTheLimitThenTheRunFailsTypedWithoutRetrying() {
		ReportFixtures.stubDescription(wireMock);
		String row = "[\"2026-10-01T00:00:00\",\"" + " ".repeat(150 * 1024) + "\",1,true]";
		wireMock.server.stubFor(ReportFixtures.dataRequest(wireMock, 1)
			.willReturn(okJson("{\"page\":1,\"pageSize\":1,\"hasMore\":false,\"totalCount\":1,\"data\":[" + row
					+ "],\"fields\":" + ReportFixtures.FIELDS + "}")));
		Reports reports = wireMock.clientBuilder()
			.maxResponseSize(DataSize.ofKilobytes(100))
			.reporting(new Reports.Settings(0, java.time.Duration.ZERO, 2))
			.build()
			.reports();

		assertThatExceptionOfType(ResponseTooLargeException.class)
			.isThrownBy(() -> reports.run("accounting", ReportFixtures.REPORT,
					Map.of("From", java.time.LocalDate.of(2026, 10, 1), "To", java.time.LocalDate.of(2026, 10, 31))))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("POST", "/data", "servicetitan.max-response-size"));
		wireMock.server.verify(1, postRequestedFor(urlPathEqualTo(ReportFixtures.dataPath(wireMock))));
		assertThat(wireMock.sleeps).isEmpty();
	}

	@Test
	void whenTheBodyIsWithinTheLimitThenItIsReadAsBefore() {
		wireMock.server.stubFor(get(urlPathEqualTo(this.jobs + "/2"))
			.willReturn(okJson("{\"id\":2,\"notes\":\"" + "x".repeat(90 * 1024) + "\"}")));

		JsonNode job = this.client.endpoint("jpm", "jobs").getOne("2");

		assertThat(job.path("notes").asString().getBytes(StandardCharsets.UTF_8)).hasSize(90 * 1024);
	}

}
