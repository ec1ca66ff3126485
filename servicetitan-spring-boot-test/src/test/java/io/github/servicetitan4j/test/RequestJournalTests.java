package io.github.servicetitan4j.test;

import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

class RequestJournalTests {

	private static ServiceTitanSimulator simulator;

	private static SimulatorHttp http;

	@BeforeAll
	static void start() {
		simulator = ServiceTitanSimulator.builder().customers(5).locations(5).jobs(5).start();
		http = new SimulatorHttp(simulator);
	}

	@BeforeEach
	void reset() {
		simulator.reset();
	}

	@AfterAll
	static void stop() {
		simulator.close();
	}

	@Test
	void whenRequestsArriveThenTheJournalHasMethodPathQueryHeadersAndBodyInOrder() {
		http.get(http.path("jpm", "jobs") + "?page=2&pageSize=10&active=Any");
		http.sendJson("POST", http.path("crm", "customers"), Map.of("name", "Journal Test"));

		List<RecordedRequest> requests = simulator.requests().all();

		assertThat(requests).extracting(RecordedRequest::method).containsExactly("POST", "GET", "POST");
		RecordedRequest list = requests.get(1);
		assertThat(list.path()).isEqualTo("/jpm/v2/tenant/" + simulator.tenantId() + "/jobs");
		assertThat(list.query()).containsEntry("page", List.of("2")).containsEntry("active", List.of("Any"));
		assertThat(list.queryParam("pageSize")).isEqualTo("10");
		assertThat(list.header("st-app-key")).isEqualTo(simulator.appKey());
		assertThat(list.header("Authorization")).startsWith("Bearer ");
		assertThat(requests.get(2).bodyAsString()).contains("\"name\":\"Journal Test\"");
		assertThat(requests.get(0).path()).isEqualTo("/connect/token");
		assertThat(requests.get(0).bodyAsString()).contains("grant_type=client_credentials");
	}

	@Test
	void whenCountingByMethodAndPathRegexThenOnlyMatchingRequests() {
		http.get(http.path("jpm", "jobs"));
		http.get(http.path("jpm", "jobs"));
		http.get(http.path("crm", "customers"));

		assertThat(simulator.requests().count("GET", "/jpm/v2/tenant/\\d+/jobs")).isEqualTo(2);
		assertThat(simulator.requests().count("*", ".*/customers")).isEqualTo(1);
		assertThat(simulator.requests().count("POST", ".*/jobs")).isZero();
	}

	@Test
	void whenJournalIsResetThenItIsEmpty() {
		http.get(http.path("jpm", "jobs"));

		simulator.resetJournal();

		assertThat(simulator.requests().all()).isEmpty();
	}

	@Test
	void whenUsingWireMockVerifyThenItSeesTheSameRequests() {
		http.tokenRequest(http.credentialsForm());
		http.get(http.path("crm", "customers") + "?ids=1000001");

		simulator.wireMock().verify(postRequestedFor(urlEqualTo("/connect/token")));
		simulator.wireMock().verify(1, getRequestedFor(urlPathMatching("/crm/v2/tenant/.*/customers"))
			.withHeader("ST-App-Key", equalTo(simulator.appKey())));
		assertThat(simulator.wireMock().getAllServeEvents()).hasSize(2);
	}

	@Test
	void whenSendingRawRequestsThenHeadersAreRecordedAsSent() {
		http.send(HttpRequest.newBuilder(simulator.apiUrl().resolve(http.path("jpm", "jobs")))
			.header("X-Correlation-Id", "abc-123")
			.build());

		assertThat(simulator.requests().find("GET", ".*/jobs")).singleElement()
			.satisfies((request) -> assertThat(request.header("x-correlation-id")).isEqualTo("abc-123"));
	}

}
