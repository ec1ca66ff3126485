package io.github.servicetitan4j;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.servicetitan4j.errors.ServiceTitanApiException;
import io.github.servicetitan4j.errors.ServiceTitanAuthenticationException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.github.servicetitan4j.ServiceTitanWireMock.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tokens through failures: renewal on expiry in the middle of a walk, one renewal on a 401, a second 401 as an error,
 * refused credentials failing at once, and token endpoint failures retried like a GET.
 */
class TokenRetryWireTests {

	@RegisterExtension
	static final ServiceTitanWireMock wireMock = new ServiceTitanWireMock();

	ServiceTitanClient client;

	String jobs;

	@BeforeEach
	void resetServer() {
		wireMock.server.resetAll();
		this.client = wireMock.client();
		this.jobs = wireMock.tenantPath("jpm") + "/jobs";
	}

	@Test
	void whenTheTokenExpiresMidGetAllThenOneNewTokenIsFetchedAndTheWalkContinues() {
		RetryStubs.stubTokens(wireMock, "eyJ.first", "eyJ.second");
		stubPages(3, 2);
		List<Integer> ids = new ArrayList<>();

		try (Stream<JsonNode> records = this.client.endpoint("jpm", "jobs").streamAll(Map.of("pageSize", 2))) {
			Iterator<JsonNode> iterator = records.iterator();
			ids.add(iterator.next().path("id").asInt());
			ids.add(iterator.next().path("id").asInt());
			// page 1 is consumed; the 900 s token is renewed 60 s before it expires
			wireMock.clock.advance(Duration.ofSeconds(845));
			iterator.forEachRemaining((job) -> ids.add(job.path("id").asInt()));
		}

		assertThat(ids).containsExactly(1, 2, 3, 4, 5, 6);
		assertThat(wireMock.tokenRequests()).isEqualTo(2);
		wireMock.server.verify(1, getRequestedFor(urlPathEqualTo(this.jobs)).withQueryParam("page", equalTo("1"))
			.withHeader("Authorization", bearer("eyJ.first")));
		wireMock.server.verify(1, getRequestedFor(urlPathEqualTo(this.jobs)).withQueryParam("page", equalTo("2"))
			.withHeader("Authorization", bearer("eyJ.second")));
		wireMock.server.verify(1, getRequestedFor(urlPathEqualTo(this.jobs)).withQueryParam("page", equalTo("3"))
			.withHeader("Authorization", bearer("eyJ.second")));
		assertThat(wireMock.sleeps).isEmpty();
	}

	@Test
	void whenTheServerRejectsTheTokenMidGetAllThenItIsRenewedOnceAndThePageRepeated() {
		RetryStubs.stubTokens(wireMock, "eyJ.first", "eyJ.second");
		stubPages(3, 2);
		// The server has revoked the first token by the time page 2 is asked for.
		wireMock.server.stubFor(get(urlPathEqualTo(this.jobs)).withQueryParam("page", equalTo("2"))
			.withHeader("Authorization", bearer("eyJ.first"))
			.atPriority(1)
			.willReturn(aResponse().withStatus(401)));

		List<JsonNode> all = this.client.endpoint("jpm", "jobs").getAll(Map.of("pageSize", 2));

		assertThat(all).extracting((job) -> job.path("id").asInt()).containsExactly(1, 2, 3, 4, 5, 6);
		assertThat(wireMock.tokenRequests()).isEqualTo(2);
		wireMock.server.verify(1, getRequestedFor(urlPathEqualTo(this.jobs)).withQueryParam("page", equalTo("1")));
		wireMock.server.verify(2, getRequestedFor(urlPathEqualTo(this.jobs)).withQueryParam("page", equalTo("2")));
		wireMock.server.verify(1, getRequestedFor(urlPathEqualTo(this.jobs)).withQueryParam("page", equalTo("3")));
		assertThat(wireMock.sleeps).isEmpty();
	}

	@Test
	void when401TwiceThenUnauthorizedWithBothAttempts() {
		RetryStubs.stubTokens(wireMock, "eyJ.first", "eyJ.second");
		wireMock.server.stubFor(get(urlPathEqualTo(this.jobs + "/1")).willReturn(aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"title\":\"Application key not present, check ST-App-Key header value.\"}")));

		assertThatExceptionOfType(ServiceTitanApiException.Unauthorized.class)
			.isThrownBy(() -> this.client.endpoint("jpm", "jobs").getOne("1"))
			.satisfies((ex) -> {
				assertThat(ex.status()).isEqualTo(401);
				assertThat(ex.attempts()).hasSize(2);
				assertThat(ex.attempts().get(0)).contains("401", "token renewed");
				assertThat(ex.getMessage()).contains("gave up after 2 attempts", "Application key not present");
				RetryStubs.assertNoSecret(ex.getMessage());
				assertThat(ex.getMessage()).doesNotContain("eyJ.first", "eyJ.second");
			});
		wireMock.server.verify(1, getRequestedFor(urlPathEqualTo(this.jobs + "/1")).withHeader("Authorization", bearer("eyJ.first")));
		wireMock.server.verify(1, getRequestedFor(urlPathEqualTo(this.jobs + "/1")).withHeader("Authorization", bearer("eyJ.second")));
		assertThat(wireMock.tokenRequests()).isEqualTo(2);
		assertThat(wireMock.sleeps).isEmpty();
	}

	@Test
	void whenTheTokenEndpointSaysInvalidClientThenAuthenticationFailsAtOnceNamingTheClientIdOnly() {
		assertRefusedAtOnce("invalid_client");
	}

	@Test
	void whenTheTokenEndpointSaysUnauthorizedClientThenAuthenticationFailsAtOnce() {
		assertRefusedAtOnce("unauthorized_client");
	}

	private void assertRefusedAtOnce(String error) {
		wireMock.server.stubFor(post(urlPathEqualTo("/connect/token")).willReturn(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":\"" + error + "\"}")));

		try (CapturedLogs logs = new CapturedLogs()) {
			assertThatExceptionOfType(ServiceTitanAuthenticationException.class)
				.isThrownBy(() -> this.client.endpoint("jpm", "jobs").getOne("1"))
				.satisfies((ex) -> {
					assertThat(ex.errorCode()).isEqualTo(error);
					assertThat(ex.clientId()).isEqualTo(ServiceTitanWireMock.CLIENT_ID);
					assertThat(ex.getMessage()).contains(ServiceTitanWireMock.CLIENT_ID, error);
					for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
						RetryStubs.assertNoSecret(String.valueOf(cause.getMessage()));
						assertThat(String.valueOf(cause)).doesNotContain(ServiceTitanWireMock.CLIENT_SECRET);
					}
				});
			assertThat(logs.lines()).allSatisfy(RetryStubs::assertNoSecret);
		}
		assertThat(wireMock.tokenRequests()).isEqualTo(1);
		wireMock.server.verify(0, getRequestedFor(urlPathEqualTo(this.jobs + "/1")));
		assertThat(wireMock.sleeps).isEmpty();
	}

	@Test
	void whenTheTokenEndpointFailsWith5xxThenTheTokenRequestIsRetried() {
		wireMock.server.stubFor(post(urlPathEqualTo("/connect/token")).inScenario("token")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503))
			.willSetStateTo("502"));
		wireMock.server.stubFor(post(urlPathEqualTo("/connect/token")).inScenario("token")
			.whenScenarioStateIs("502")
			.willReturn(aResponse().withStatus(502))
			.willSetStateTo("ok"));
		wireMock.server.stubFor(post(urlPathEqualTo("/connect/token")).inScenario("token")
			.whenScenarioStateIs("ok")
			.willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody("{\"access_token\":\"eyJ.third\",\"token_type\":\"Bearer\",\"expires_in\":900}")));
		wireMock.server.stubFor(get(urlPathEqualTo(this.jobs + "/1")).willReturn(okJson("{\"id\":1}")));

		this.client.endpoint("jpm", "jobs").getOne("1");

		assertThat(wireMock.tokenRequests()).isEqualTo(3);
		assertThat(wireMock.sleeps).containsExactly(Duration.ofMillis(500), Duration.ofMillis(500));
		wireMock.server.verify(getRequestedFor(urlPathEqualTo(this.jobs + "/1")).withHeader("Authorization", bearer("eyJ.third")));
	}

	@Test
	void whenTheTokenEndpointKeepsFailingThenTheErrorListsEveryAttempt() {
		wireMock.server.stubFor(post(urlPathEqualTo("/connect/token")).willReturn(aResponse().withStatus(500)));

		assertThatExceptionOfType(ServiceTitanAuthenticationException.class)
			.isThrownBy(() -> this.client.endpoint("jpm", "jobs").getOne("1"))
			.satisfies((ex) -> {
				assertThat(ex.errorCode()).isNull();
				assertThat(ex.attempts()).containsExactly("500 Internal Server Error", "500 Internal Server Error",
						"500 Internal Server Error", "500 Internal Server Error");
				assertThat(ex.getMessage()).contains(ServiceTitanWireMock.CLIENT_ID, "answered 500",
						"gave up after 4 attempts");
				RetryStubs.assertNoSecret(ex.getMessage());
			});
		assertThat(wireMock.tokenRequests()).isEqualTo(4);
	}

	/** Pages 1..count of size records each, ids counting from 1, valid for any token. */
	private void stubPages(int count, int size) {
		for (int page = 1; page <= count; page++) {
			wireMock.server.stubFor(get(urlPathEqualTo(this.jobs)).withQueryParam("page", equalTo(Integer.toString(page)))
				.atPriority(5)
				.willReturn(okJson(MultiPageRetryWireTests.page(page, size, page < count))));
		}
	}

}
