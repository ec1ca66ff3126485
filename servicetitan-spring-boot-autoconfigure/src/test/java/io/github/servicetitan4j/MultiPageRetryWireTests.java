package io.github.servicetitan4j;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
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

/**
 * A failure in the middle of a multi-page walk repeats that page (or export batch) only: the walk never starts over,
 * skips a page or returns a record twice.
 */
class MultiPageRetryWireTests {

	static final int PAGES = 20;

	/** ServiceTitan's largest page: 20 of them make a 100,000-record sync. */
	static final int PAGE_SIZE = 5000;

	@RegisterExtension
	static final ServiceTitanWireMock wireMock = new ServiceTitanWireMock();

	ServiceTitanClient client;

	@BeforeEach
	void resetServer() {
		this.client = wireMock.client();
	}

	@Test
	void whenPages3And7And15FailOnceThenGetAllReturnsEveryRecordOfThe20PagesExactlyOnce() {
		String jobs = wireMock.tenantPath("jpm") + "/jobs";
		Map<Integer, ResponseDefinitionBuilder> failures = Map.of(3, aResponse().withStatus(503), 7,
				aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), 15,
				aResponse().withStatus(200).withFault(Fault.MALFORMED_RESPONSE_CHUNK));
		for (int page = 1; page <= PAGES; page++) {
			String json = page(page, PAGE_SIZE, page < PAGES);
			String number = Integer.toString(page);
			if (failures.containsKey(page)) {
				wireMock.server.stubFor(get(urlPathEqualTo(jobs)).withQueryParam("page", equalTo(number))
					.inScenario("page-" + page)
					.whenScenarioStateIs(Scenario.STARTED)
					.willReturn(failures.get(page))
					.willSetStateTo("failed"));
				wireMock.server.stubFor(get(urlPathEqualTo(jobs)).withQueryParam("page", equalTo(number))
					.inScenario("page-" + page)
					.whenScenarioStateIs("failed")
					.willReturn(okJson(json)));
			}
			else {
				wireMock.server.stubFor(get(urlPathEqualTo(jobs)).withQueryParam("page", equalTo(number))
					.willReturn(okJson(json)));
			}
		}

		List<JsonNode> all = this.client.endpoint("jpm", "jobs").getAll(Map.of("modifiedOnOrAfter", "2026-01-01T00:00:00Z"));

		assertThat(all).hasSize(PAGES * PAGE_SIZE);
		assertThat(all).extracting((job) -> job.path("id").asInt())
			.containsExactlyElementsOf(IntStream.rangeClosed(1, PAGES * PAGE_SIZE).boxed().toList());
		for (int page = 1; page <= PAGES; page++) {
			int expected = failures.containsKey(page) ? 2 : 1;
			wireMock.server.verify(expected, getRequestedFor(urlPathEqualTo(jobs))
				.withQueryParam("page", equalTo(Integer.toString(page)))
				.withQueryParam("pageSize", equalTo(Integer.toString(PAGE_SIZE)))
				.withQueryParam("modifiedOnOrAfter", equalTo("2026-01-01T00:00:00Z")));
		}
		assertThat(wireMock.sleeps).hasSize(3);
		assertThat(wireMock.tokenRequests()).isEqualTo(1);
	}

	@Test
	void whenAnExportBatchFailsMidFeedThenOnlyThatBatchIsAskedForAgain() {
		String feed = wireMock.tenantPath("crm") + "/export/customers";
		int batches = 6;
		for (int batch = 1; batch <= batches; batch++) {
			String json = exportBatch(batch, 1000, batch < batches);
			MappingBuilder request = get(urlPathEqualTo(feed)).withQueryParam("from",
					(batch == 1) ? absent() : equalTo("token-" + (batch - 1)));
			if (batch == 3 || batch == 5) {
				ResponseDefinitionBuilder failure = (batch == 3) ? aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)
						: aResponse().withStatus(502);
				wireMock.server.stubFor(request.inScenario("batch-" + batch)
					.whenScenarioStateIs(Scenario.STARTED)
					.willReturn(failure)
					.willSetStateTo("failed"));
				wireMock.server.stubFor(get(urlPathEqualTo(feed)).withQueryParam("from", equalTo("token-" + (batch - 1)))
					.inScenario("batch-" + batch)
					.whenScenarioStateIs("failed")
					.willReturn(okJson(json)));
			}
			else {
				wireMock.server.stubFor(request.willReturn(okJson(json)));
			}
		}

		ExportPage<JsonNode> all = this.client.endpoint("crm", "customers").exportAll("customers");

		assertThat(all.data()).extracting((customer) -> customer.path("id").asInt())
			.containsExactlyElementsOf(IntStream.rangeClosed(1, batches * 1000).boxed().toList());
		assertThat(all.continueFrom()).isEqualTo("token-" + batches);
		wireMock.server.verify(1, getRequestedFor(urlPathEqualTo(feed)).withQueryParam("from", absent()));
		for (int batch = 2; batch <= batches; batch++) {
			int expected = (batch == 3 || batch == 5) ? 2 : 1;
			wireMock.server.verify(expected,
					getRequestedFor(urlPathEqualTo(feed)).withQueryParam("from", equalTo("token-" + (batch - 1))));
		}
		assertThat(wireMock.sleeps).hasSize(2);
	}

	/** One page of a get_all walk: ids {@code (page - 1) * size + 1} to {@code page * size}. */
	static String page(int page, int size, boolean hasMore) {
		return "{\"page\":" + page + ",\"pageSize\":" + size + ",\"hasMore\":" + hasMore + ",\"totalCount\":null,\"data\":["
				+ records((page - 1) * size + 1, size) + "]}";
	}

	private static String exportBatch(int batch, int size, boolean hasMore) {
		return "{\"hasMore\":" + hasMore + ",\"continueFrom\":\"token-" + batch + "\",\"data\":["
				+ records((batch - 1) * size + 1, size) + "]}";
	}

	private static String records(int firstId, int count) {
		return IntStream.range(firstId, firstId + count)
			.mapToObj((id) -> "{\"id\":" + id + ",\"active\":true}")
			.collect(Collectors.joining(","));
	}

}
