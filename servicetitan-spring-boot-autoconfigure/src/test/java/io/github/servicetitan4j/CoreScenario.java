package io.github.servicetitan4j;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.github.servicetitan4j.retry.RetrySettings;
import tools.jackson.databind.JsonNode;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One end-to-end scenario (token, paging, create, export, download) written against any WireMock: the in-JVM server
 * here, or a WireMock container where Docker is available. The stubs go through WireMock's admin API and the checks
 * through its journal, so both runs assert the same things on the wire.
 */
final class CoreScenario {

	private static final String TENANT = ServiceTitanWireMock.TENANT;

	private CoreScenario() {
	}

	static void run(WireMock admin, URI baseUrl) {
		admin.resetToDefaultMappings();
		admin.register(post(urlPathEqualTo("/connect/token")).willReturn(okJson(
				"{\"access_token\":\"" + ServiceTitanWireMock.TOKEN + "\",\"token_type\":\"Bearer\",\"expires_in\":900}")));
		String crm = "/crm/v2/tenant/" + TENANT;
		String jpm = "/jpm/v2/tenant/" + TENANT;
		admin.register(get(urlPathEqualTo(crm + "/customers")).withQueryParam("page", equalTo("1"))
			.willReturn(okJson("{\"page\":1,\"pageSize\":2,\"hasMore\":true,\"data\":[{\"id\":1},{\"id\":2}]}")));
		admin.register(get(urlPathEqualTo(crm + "/customers")).withQueryParam("page", equalTo("2"))
			.willReturn(okJson("{\"page\":2,\"pageSize\":2,\"hasMore\":false,\"data\":[{\"id\":3}]}")));
		admin.register(post(urlPathEqualTo(jpm + "/jobs/10/notes")).willReturn(okJson("{\"text\":\"Called customer\"}")));
		admin.register(get(urlPathEqualTo(jpm + "/export/jobs")).withQueryParam("from", absent())
			.willReturn(okJson("{\"hasMore\":true,\"continueFrom\":\"c1\",\"data\":[{\"id\":10},{\"id\":11}]}")));
		admin.register(get(urlPathEqualTo(jpm + "/export/jobs")).withQueryParam("from", equalTo("c1"))
			.willReturn(okJson("{\"hasMore\":false,\"continueFrom\":\"c2\",\"data\":[{\"id\":12}]}")));
		admin.register(get(urlPathEqualTo("/forms/v2/tenant/" + TENANT + "/jobs/attachment/77"))
			.willReturn(aResponse().withHeader("Content-Type", "application/octet-stream").withBody("attachment-bytes")));

		ServiceTitanClient client = ServiceTitanClient.builder()
			.apiUrl(baseUrl)
			.authUrl(baseUrl)
			.tenantId(TENANT)
			.appKey(ServiceTitanWireMock.APP_KEY)
			.clientId(ServiceTitanWireMock.CLIENT_ID)
			.clientSecret(ServiceTitanWireMock.CLIENT_SECRET)
			.retry(RetrySettings.NONE)
			.rateLimit(0, 1, Duration.ZERO)
			.pageSize(2)
			.build();

		List<JsonNode> customers = client.endpoint("crm", "customers").getAll(Map.of());
		JsonNode noteOnJob = client.endpoint("jpm", "jobs").create("10", "notes", Map.of("text", "Called customer"));
		ExportPage<JsonNode> exported = client.endpoint("jpm", "export").exportAll("jobs");
		byte[] attachment = client.endpoint("forms", "jobs/attachment").download("77");

		assertThat(customers).extracting((customer) -> customer.path("id").asInt()).containsExactly(1, 2, 3);
		assertThat(noteOnJob.path("text").asString()).isEqualTo("Called customer");
		assertThat(exported.data()).extracting((job) -> job.path("id").asInt()).containsExactly(10, 11, 12);
		assertThat(exported.continueFrom()).isEqualTo("c2");
		assertThat(new String(attachment, StandardCharsets.UTF_8)).isEqualTo("attachment-bytes");

		assertThat(admin.find(postRequestedFor(urlPathEqualTo("/connect/token")))).hasSize(1);
		assertThat(admin.find(getRequestedFor(urlPathEqualTo(crm + "/customers")).withQueryParam("pageSize", equalTo("2"))
			.withHeader("Authorization", equalTo("Bearer " + ServiceTitanWireMock.TOKEN))
			.withHeader("ST-App-Key", equalTo(ServiceTitanWireMock.APP_KEY)))).hasSize(2);
		assertThat(admin.find(postRequestedFor(urlPathEqualTo(jpm + "/jobs/10/notes"))
			.withHeader("Content-Type", equalTo("application/json"))
			.withRequestBody(equalToJson("{\"text\":\"Called customer\"}")))).hasSize(1);
		assertThat(admin.find(getRequestedFor(urlPathEqualTo(jpm + "/export/jobs")))).hasSize(2);
	}

}
