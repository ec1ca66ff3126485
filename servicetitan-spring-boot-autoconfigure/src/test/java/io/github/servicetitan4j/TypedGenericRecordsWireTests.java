package io.github.servicetitan4j;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.github.servicetitan4j.errors.ServiceTitanException.ServiceTitanMappingException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Typed HTTP-interface walks of a generic element type ({@code Stream<Map<String, BigDecimal>>}): records are bound
 * from the token stream by the client's mapper (no tree in between, so decimals keep every digit), pages after the
 * first fetched ahead, and a record that does not map fails typed, naming the record, its page and the field.
 */
class TypedGenericRecordsWireTests {

	@RegisterExtension
	static final ServiceTitanWireMock wireMock = new ServiceTitanWireMock();

	static final String EXACT = "1234567.123456789012345678";

	@HttpExchange("/jpm/v2/tenant/{tenant}")
	interface TotalsApi {

		@GetExchange("/jobs")
		Stream<Map<String, BigDecimal>> totals(@RequestParam("pageSize") int pageSize);

		@GetExchange("/jobs")
		Stream<Map<String, Long>> counts(@RequestParam("pageSize") int pageSize);

	}

	ServiceTitanClient client = wireMock.clientBuilder().pagingConcurrency(2).build();

	String jobs = wireMock.tenantPath("jpm") + "/jobs";

	@AfterEach
	void closeClient() {
		this.client.close();
	}

	private void stubPage(int page, boolean hasMore, String data) {
		wireMock.server.stubFor(get(urlPathEqualTo(this.jobs)).withQueryParam("page", equalTo(Integer.toString(page)))
			.willReturn(okJson("{\"page\":" + page + ",\"pageSize\":2,\"hasMore\":" + hasMore
					+ ",\"totalCount\":4,\"data\":" + data + "}")));
	}

	@Test
	void whenAGenericElementTypeIsWalkedThenEachRecordIsBoundAndKeepsEveryDigit() {
		stubPage(1, true, "[{\"id\":1,\"total\":" + EXACT + "},{\"id\":2,\"total\":1}]");
		stubPage(2, false, "[{\"id\":3,\"total\":" + EXACT + "},{\"id\":4,\"total\":0.5}]");

		List<Map<String, BigDecimal>> totals;
		try (Stream<Map<String, BigDecimal>> stream = this.client.client(TotalsApi.class).totals(2)) {
			totals = stream.toList();
		}

		assertThat(totals).extracting((record) -> record.get("total"))
			.containsExactly(new BigDecimal(EXACT), BigDecimal.ONE, new BigDecimal(EXACT), new BigDecimal("0.5"));
		assertThat(totals).extracting((record) -> record.get("id"))
			.containsExactly(BigDecimal.ONE, new BigDecimal(2), new BigDecimal(3), new BigDecimal(4));
		for (int page = 1; page <= 2; page++) {
			wireMock.server.verify(1, getRequestedFor(urlPathEqualTo(this.jobs))
				.withQueryParam("page", equalTo(Integer.toString(page)))
				.withQueryParam("pageSize", equalTo("2")));
		}
	}

	@Test
	void whenAGenericRecordDoesNotMapThenTheErrorNamesTheRecordThePageAndTheField() {
		stubPage(1, false, "[{\"id\":1},{\"id\":\"two\"}]");

		assertThatExceptionOfType(ServiceTitanMappingException.class).isThrownBy(() -> {
			try (Stream<Map<String, Long>> stream = this.client.client(TotalsApi.class).counts(2)) {
				stream.toList();
			}
		})
			.withMessageContaining("record 1 of page 1")
			.withMessageContaining("java.util.Map<java.lang.String,java.lang.Long>")
			.withMessageContaining("'id'");
		wireMock.server.verify(1, getRequestedFor(urlPathEqualTo(this.jobs)));
	}

}
