package io.github.servicetitan4j;

import java.util.List;
import java.util.Map;

import io.github.servicetitan4j.errors.ServiceTitanApiException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.github.servicetitan4j.ServiceTitanWireMock.bearer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request path end to end: token, headers, URL, body.
 */
class EndpointWireTests {

	@RegisterExtension
	static final ServiceTitanWireMock wireMock = new ServiceTitanWireMock();

	ServiceTitanClient client;

	@BeforeEach
	void resetServer() {
		this.client = wireMock.client();
	}

	@Test
	void getOneSendsBearerTokenAndAppKeyToTheTenantPath() {
		wireMock.server.stubFor(get(urlPathEqualTo(wireMock.tenantPath("jpm") + "/jobs/42"))
			.willReturn(okJson("{\"id\":42,\"summary\":\"Fix AC\"}")));

		JsonNode job = this.client.endpoint("jpm", "jobs").getOne("42");

		assertThat(job.path("summary").asString()).isEqualTo("Fix AC");
		wireMock.server.verify(getRequestedFor(urlPathEqualTo(wireMock.tenantPath("jpm") + "/jobs/42"))
			.withHeader("Authorization", bearer(ServiceTitanWireMock.TOKEN))
			.withHeader("ST-App-Key", equalTo(ServiceTitanWireMock.APP_KEY))
			.withHeader("Content-Type", absent()));
		wireMock.server.verify(postRequestedFor(urlPathEqualTo("/connect/token"))
			.withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
			.withRequestBody(containing("grant_type=client_credentials"))
			.withRequestBody(containing("client_id=" + ServiceTitanWireMock.CLIENT_ID))
			.withRequestBody(containing("client_secret=" + ServiceTitanWireMock.CLIENT_SECRET)));
	}

	@Test
	void manyCallsWithinOneTokenLifetimeMakeOneTokenRequest() {
		wireMock.server.stubFor(get(urlPathEqualTo(wireMock.tenantPath("crm") + "/customers/7"))
			.willReturn(okJson("{\"id\":7}")));
		Endpoint customers = this.client.endpoint("crm", "customers");
		Endpoint jobs = this.client.endpoint("jpm", "jobs");
		wireMock.server.stubFor(get(urlPathEqualTo(wireMock.tenantPath("jpm") + "/jobs/1")).willReturn(okJson("{}")));

		for (int i = 0; i < 25; i++) {
			customers.getOne("7");
			jobs.getOne("1");
		}

		assertThat(wireMock.tokenRequests()).isEqualTo(1);
	}

	@Test
	void getAllWalksEveryPageWithLargePagesByDefault() {
		String path = wireMock.tenantPath("jpm") + "/jobs";
		wireMock.server.stubFor(get(urlPathEqualTo(path)).withQueryParam("page", equalTo("1"))
			.willReturn(okJson("{\"page\":1,\"pageSize\":5000,\"hasMore\":true,\"data\":[{\"id\":1},{\"id\":2}]}")));
		wireMock.server.stubFor(get(urlPathEqualTo(path)).withQueryParam("page", equalTo("2"))
			.willReturn(okJson("{\"page\":2,\"pageSize\":5000,\"hasMore\":false,\"data\":[{\"id\":3}]}")));
		Map<String, Object> query = new java.util.HashMap<>(Map.of("jobStatus", "Completed"));

		List<JsonNode> jobs = this.client.endpoint("jpm", "jobs").getAll(query);

		assertThat(jobs).extracting((job) -> job.path("id").asInt()).containsExactly(1, 2, 3);
		assertThat(query).containsOnlyKeys("jobStatus");
		wireMock.server.verify(2, getRequestedFor(urlPathEqualTo(path)).withQueryParam("pageSize", equalTo("5000"))
			.withQueryParam("jobStatus", equalTo("Completed")));
	}

	@Test
	void notFoundIsTypedWithProblemDetails() {
		wireMock.server.stubFor(get(urlPathEqualTo(wireMock.tenantPath("jpm") + "/jobs/9")).willReturn(aResponse()
			.withStatus(404)
			.withHeader("Content-Type", "application/problem+json")
			.withBody("{\"type\":\"x\",\"title\":\"Job not found\",\"status\":404,\"traceId\":\"00-abc-01\"}")));

		org.assertj.core.api.Assertions.assertThatExceptionOfType(ServiceTitanApiException.NotFound.class)
			.isThrownBy(() -> this.client.endpoint("jpm", "jobs").getOne("9"))
			.satisfies((ex) -> {
				assertThat(ex.status()).isEqualTo(404);
				assertThat(ex.traceId()).isEqualTo("00-abc-01");
				assertThat(ex.title()).isEqualTo("Job not found");
				assertThat(ex.getMessage()).contains("GET", "/jpm/v2/tenant/1234567/jobs/9", "404", "Job not found");
			});
	}

}
