package io.github.servicetitan4j.health;

import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import io.github.servicetitan4j.ServiceTitanWireMock;
import io.github.servicetitan4j.auth.AccessTokenProvider;
import io.github.servicetitan4j.errors.ServiceTitanAuthenticationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.web.client.ResourceAccessException;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The health indicator against WireMock's token endpoint, on an injected clock.
 */
class ServiceTitanHealthIndicatorTests {

	ServiceTitanWireMock wireMock;

	// A client's token supplier, built alone as the starter builds it (the client would take it with tokenProvider).
	AccessTokenProvider tokens;

	ServiceTitanHealthIndicator indicator;

	@BeforeEach
	void setUp() {
		this.wireMock = new ServiceTitanWireMock();
		this.tokens = this.wireMock.clientBuilder().buildTokenProvider();
		this.indicator = indicator(this.tokens);
	}

	private ServiceTitanHealthIndicator indicator(AccessTokenProvider tokens) {
		return new ServiceTitanHealthIndicator(tokens, ServiceTitanWireMock.TENANT, this.wireMock.url(),
				Duration.ofMinutes(1), this.wireMock.clock);
	}

	@AfterEach
	void tearDown() {
		this.wireMock.close();
	}

	@Test
	void whenATokenCanBeHadThenUpWithDetailsAndNoSecret() {
		Health health = this.indicator.health();

		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("environment", "custom")
			.containsEntry("tenantId", ServiceTitanWireMock.TENANT)
			.containsEntry("apiUrl", this.wireMock.url().toString())
			.containsEntry("tokenExpiresAt", "2026-01-01T00:15:00Z");
		assertThat(health.toString()).doesNotContain(ServiceTitanWireMock.CLIENT_SECRET, ServiceTitanWireMock.APP_KEY,
				ServiceTitanWireMock.TOKEN);
	}

	@Test
	void whenPolledOftenThenOneTokenRequestPerTokenLifetimeAndNoApiCall() {
		for (int i = 0; i < 50; i++) {
			assertThat(this.indicator.health().getStatus()).isEqualTo(Status.UP);
			this.wireMock.clock.advance(Duration.ofSeconds(10));
		}

		// 500 s of polling within one 900 s token lifetime.
		assertThat(this.wireMock.tokenRequests()).isEqualTo(1);
		assertThat(this.wireMock.server.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
	}

	@Test
	void whenTheTokenExpiresThenTheNextPollAsksForANewOne() {
		this.indicator.health();
		this.wireMock.clock.advance(Duration.ofSeconds(900));

		this.indicator.health();

		assertThat(this.wireMock.tokenRequests()).isEqualTo(2);
	}

	@Test
	void whenTheClientAlreadyHoldsAValidTokenThenNoTokenRequest() {
		// What the client does before its first request: its supplier is the indicator's.
		this.tokens.token();

		assertThat(this.indicator.health().getStatus()).isEqualTo(Status.UP);
		assertThat(this.wireMock.tokenRequests()).isEqualTo(1);
	}

	@Test
	void whenCredentialsAreRefusedThenDownWithTheOAuthErrorAndNoSecret() {
		refuseCredentials();

		Health health = this.indicator.health();

		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("reason", "invalid_client")
			.containsEntry("tenantId", ServiceTitanWireMock.TENANT)
			.doesNotContainKey("tokenExpiresAt");
		assertThat((String) health.getDetails().get("error")).contains(ServiceTitanWireMock.CLIENT_ID);
		assertThat(health.toString()).doesNotContain(ServiceTitanWireMock.CLIENT_SECRET, ServiceTitanWireMock.APP_KEY);
	}

	@Test
	void whenAFailureIsRecentThenPollsAnswerFromMemoryUntilMinIntervalPasses() {
		refuseCredentials();
		this.indicator.health();

		for (int i = 0; i < 10; i++) {
			this.wireMock.clock.advance(Duration.ofSeconds(5));
			assertThat(this.indicator.health().getStatus()).isEqualTo(Status.DOWN);
		}
		assertThat(this.wireMock.tokenRequests()).isEqualTo(1);

		this.wireMock.stubToken("eyJ.TOKEN-value-2", 900);
		this.wireMock.clock.advance(Duration.ofSeconds(10));
		assertThat(this.indicator.health().getStatus()).isEqualTo(Status.UP);
		assertThat(this.wireMock.tokenRequests()).isEqualTo(2);
	}

	@Test
	void whenTheAuthServerCannotBeReachedThenDownAsUnreachable() {
		AccessTokenProvider unreachable = this.wireMock.clientBuilder()
			.authUrl(URI.create("http://127.0.0.1:1"))
			.buildTokenProvider();

		Health health = indicator(unreachable).health();

		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("reason", "auth_server_unreachable");
	}

	@Test
	void whenTheAuthServerAnswers5xxThenDownAsAuthServerError() {
		this.wireMock.server.stubFor(post(urlPathEqualTo("/connect/token")).willReturn(aResponse().withStatus(503)));

		Health health = this.indicator.health();

		assertThat(health.getDetails()).containsEntry("reason", "auth_server_error");
	}

	@Test
	void whenTheTokenRequestTimesOutThenTheReasonIsTimeout() {
		ServiceTitanAuthenticationException timedOut = new ServiceTitanAuthenticationException("timed out", null,
				ServiceTitanWireMock.CLIENT_ID,
				new ResourceAccessException("I/O error", new HttpTimeoutException("request timed out")));

		assertThat(ServiceTitanHealthIndicator.reason(timedOut)).isEqualTo("timeout");
	}

	private void refuseCredentials() {
		this.wireMock.server.stubFor(post(urlPathEqualTo("/connect/token")).willReturn(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":\"invalid_client\"}")));
	}

}
