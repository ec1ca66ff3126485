package io.github.servicetitan4j.test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokenEndpointTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T08:00:00Z"));

	private ServiceTitanSimulator simulator;

	private SimulatorHttp http;

	@BeforeEach
	void start() {
		this.simulator = ServiceTitanSimulator.builder().customers(5).clock(this.clock).start();
		this.http = new SimulatorHttp(this.simulator);
	}

	@AfterEach
	void stop() {
		this.simulator.close();
	}

	@Test
	void whenCredentialsAreRightThenBearerTokenForNineHundredSeconds() {
		HttpResponse<String> response = this.http.tokenRequest(this.http.credentialsForm());

		assertThat(response.statusCode()).isEqualTo(200);
		Map<String, @Nullable Object> body = SimulatorHttp.json(response);
		assertThat(body.get("access_token")).asString().isNotBlank();
		assertThat(body).containsEntry("token_type", "Bearer").containsEntry("expires_in", 900L);
		assertThat(this.simulator.tokenRequests()).isEqualTo(1);
	}

	@Test
	void whenSecretIsWrongThenInvalidClient() {
		HttpResponse<String> response = this.http.tokenRequest("grant_type=client_credentials&client_id="
				+ this.simulator.clientId() + "&client_secret=wrong");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(SimulatorHttp.json(response)).containsEntry("error", "invalid_client");
	}

	@Test
	void whenClientIdIsUnknownThenInvalidClient() {
		HttpResponse<String> response = this.http.tokenRequest("grant_type=client_credentials&client_id=cid.other"
				+ "&client_secret=" + this.simulator.clientSecret());

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(SimulatorHttp.json(response)).containsEntry("error", "invalid_client");
	}

	@Test
	void whenGrantTypeIsNotClientCredentialsThenUnsupportedGrantType() {
		HttpResponse<String> response = this.http.tokenRequest("grant_type=password&client_id="
				+ this.simulator.clientId() + "&client_secret=" + this.simulator.clientSecret());

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(SimulatorHttp.json(response)).containsEntry("error", "unsupported_grant_type");
	}

	@Test
	void whenCredentialsComeAsHttpBasicThenInvalidClientBecauseServiceTitanWantsThemInTheBody() {
		String basic = Base64.getEncoder()
			.encodeToString((this.simulator.clientId() + ":" + this.simulator.clientSecret())
				.getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(this.simulator.authUrl().resolve("/connect/token"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Authorization", "Basic " + basic)
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
			.build());

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(SimulatorHttp.json(response)).containsEntry("error", "invalid_client");
	}

	@Test
	void whenTokenLifetimeIsConfiguredThenExpiresInFollows() {
		try (ServiceTitanSimulator shortLived = ServiceTitanSimulator.builder()
			.customers(1)
			.tokenLifetime(Duration.ofSeconds(60))
			.start()) {
			SimulatorHttp http = new SimulatorHttp(shortLived);

			assertThat(SimulatorHttp.json(http.tokenRequest(http.credentialsForm()))).containsEntry("expires_in", 60L);
		}
	}

	@Test
	void whenTokenLifetimeIsOverThenApiAnswers401() {
		String customers = this.http.path("crm", "customers");
		assertThat(this.http.get(customers).statusCode()).isEqualTo(200);

		this.clock.advance(Duration.ofSeconds(899));
		assertThat(this.http.get(customers).statusCode()).isEqualTo(200);

		this.clock.advance(Duration.ofSeconds(1));
		HttpResponse<String> expired = this.http.get(customers);
		assertThat(expired.statusCode()).isEqualTo(401);
		assertThat(expired.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
				(value) -> assertThat(value).contains("invalid_token"));
	}

	@Test
	void whenTokensAreExpiredOnDemandThenApiAnswers401UntilANewToken() {
		String customers = this.http.path("crm", "customers");
		assertThat(this.http.get(customers).statusCode()).isEqualTo(200);

		this.simulator.expireTokens();

		assertThat(this.http.get(customers).statusCode()).isEqualTo(401);
		SimulatorHttp fresh = new SimulatorHttp(this.simulator);
		assertThat(fresh.get(customers).statusCode()).isEqualTo(200);
		assertThat(this.simulator.tokenRequests()).isEqualTo(2);
	}

}
