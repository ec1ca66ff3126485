package io.github.servicetitan4j;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.servicetitan4j.auth.AccessTokenProvider;
import io.github.servicetitan4j.errors.ServiceTitanAuthenticationException;
import io.github.servicetitan4j.errors.ServiceTitanException.ServiceTitanInterruptedException;
import io.github.servicetitan4j.retry.RetrySettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.github.servicetitan4j.ServiceTitanWireMock.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Token renewal off the hot path: one renewal at a time while the others go on with the still valid token, a failed
 * token request shared by every caller waiting for it and then backed off, interruptible waits, and a sane lifetime
 * for a token that states none. The clock is the test's; only the token endpoint's own slowness is real.
 */
class TokenRenewalWireTests {

	@RegisterExtension
	static final ServiceTitanWireMock wireMock = new ServiceTitanWireMock();

	final String jobs = wireMock.tenantPath("jpm") + "/jobs";

	@Test
	void whileTheCachedTokenIsStillValidThenCallsGoOnWithItDuringTheOneRenewal() throws Exception {
		wireMock.server.stubFor(get(urlPathEqualTo(this.jobs + "/1")).willReturn(okJson("{\"id\":1}")));
		ServiceTitanClient client = wireMock.client();
		Endpoint jobs = client.endpoint("jpm", "jobs");
		jobs.getOne("1");
		// inside the renewal window (the last 60 s of 900), and the token endpoint now takes 3 s to answer
		wireMock.clock.advance(Duration.ofSeconds(850));
		wireMock.server.stubFor(post(urlPathEqualTo("/connect/token")).willReturn(aResponse()
			.withHeader("Content-Type", "application/json")
			.withBody("{\"access_token\":\"eyJ.second\",\"token_type\":\"Bearer\",\"expires_in\":900}")
			.withFixedDelay(3_000)));
		CompletableFuture<Void> renewing = CompletableFuture.runAsync(() -> jobs.getOne("1"));
		awaitTokenRequests(2);

		for (int i = 0; i < 5; i++) {
			jobs.getOne("1");
		}

		renewing.get(10, TimeUnit.SECONDS);
		assertThat(wireMock.tokenRequests()).isEqualTo(2);
		wireMock.server.verify(1 + 5, getRequestedFor(urlPathEqualTo(this.jobs + "/1"))
			.withHeader("Authorization", bearer(ServiceTitanWireMock.TOKEN)));
		wireMock.server.verify(1, getRequestedFor(urlPathEqualTo(this.jobs + "/1"))
			.withHeader("Authorization", bearer("eyJ.second")));
	}

	@Test
	void whenATokenRequestFailsThenEveryCallerWaitingForItSharesTheFailureAndLaterCallersAreBackedOff()
			throws Exception {
		wireMock.server.stubFor(post(urlPathEqualTo("/connect/token"))
			.willReturn(aResponse().withStatus(503).withFixedDelay(500)));
		AccessTokenProvider tokens = wireMock.clientBuilder()
			.retry(new RetrySettings(true, 2, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofMinutes(2)))
			.build()
			.tokenProvider();
		List<CompletableFuture<Throwable>> callers = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			callers.add(failureOf(tokens));
		}

		for (CompletableFuture<Throwable> caller : callers) {
			assertThat(caller.get(10, TimeUnit.SECONDS)).isInstanceOf(ServiceTitanAuthenticationException.class)
				.hasMessageContaining("503");
		}
		// one retry cycle of two attempts for all four callers
		assertThat(wireMock.tokenRequests()).isEqualTo(2);

		assertThatExceptionOfType(ServiceTitanAuthenticationException.class).isThrownBy(tokens::token)
			.withMessageContaining("not asked again before");
		assertThat(wireMock.tokenRequests()).isEqualTo(2);

		wireMock.stubToken("eyJ.recovered", 900);
		wireMock.clock.advance(Duration.ofSeconds(1));
		assertThat(tokens.token().getTokenValue()).isEqualTo("eyJ.recovered");
		assertThat(wireMock.tokenRequests()).isEqualTo(3);
	}

	@Test
	void whenACallerWaitingForTheTokenIsInterruptedThenItStopsWaiting() throws Exception {
		wireMock.server.stubFor(post(urlPathEqualTo("/connect/token")).willReturn(aResponse()
			.withHeader("Content-Type", "application/json")
			.withBody("{\"access_token\":\"eyJ.slow\",\"token_type\":\"Bearer\",\"expires_in\":900}")
			.withFixedDelay(2_000)));
		AccessTokenProvider tokens = wireMock.client().tokenProvider();
		CompletableFuture<Throwable> renewing = failureOf(tokens);
		awaitTokenRequests(1);
		CompletableFuture<Throwable> waiting = new CompletableFuture<>();
		Thread waiter = new Thread(() -> {
			try {
				tokens.token();
				waiting.complete(null);
			}
			catch (Throwable ex) {
				waiting.complete(ex);
			}
		});
		waiter.start();
		awaitWaiting(waiter);

		waiter.interrupt();

		assertThat(waiting.get(2, TimeUnit.SECONDS)).isInstanceOf(ServiceTitanInterruptedException.class);
		assertThat(renewing.get(10, TimeUnit.SECONDS)).isNull();
		assertThat(wireMock.tokenRequests()).isEqualTo(1);
	}

	@Test
	void whenTheTokenStatesNoLifetimeOrZeroThenItIsKeptAMinuteNotRequestedPerCall() {
		for (String expiry : new String[] { "", ",\"expires_in\":0" }) {
			wireMock.reset();
			wireMock.server.stubFor(post(urlPathEqualTo("/connect/token")).willReturn(aResponse()
				.withHeader("Content-Type", "application/json")
				.withBody("{\"access_token\":\"eyJ.ageless\",\"token_type\":\"Bearer\"" + expiry + "}")));
			AccessTokenProvider tokens = wireMock.client().tokenProvider();

			for (int i = 0; i < 5; i++) {
				tokens.token();
				wireMock.clock.advance(Duration.ofSeconds(10));
			}

			assertThat(wireMock.tokenRequests()).as(expiry).isEqualTo(1);
		}
	}

	@Test
	void whenTheTokenEndpointAnswers200WithAnUnreadableBodyThenItIsRetriedAndBackedOffLikeAnyFailure() {
		wireMock.server.stubFor(post(urlPathEqualTo("/connect/token")).willReturn(
				aResponse().withHeader("Content-Type", "text/html").withBody("<html>maintenance</html>")));
		AccessTokenProvider tokens = wireMock.client().tokenProvider();

		assertThatExceptionOfType(ServiceTitanAuthenticationException.class).isThrownBy(tokens::token)
			.satisfies((ex) -> RetryStubs.assertNoSecret(ex.getMessage()));
		assertThat(wireMock.tokenRequests()).isEqualTo(4);
		assertThat(wireMock.sleeps).hasSize(3);

		assertThatExceptionOfType(ServiceTitanAuthenticationException.class).isThrownBy(tokens::token);
		assertThat(wireMock.tokenRequests()).isEqualTo(4);
	}

	private static CompletableFuture<Throwable> failureOf(AccessTokenProvider tokens) {
		return CompletableFuture.supplyAsync(() -> {
			try {
				tokens.token();
				return null;
			}
			catch (Throwable ex) {
				return ex;
			}
		}, (task) -> new Thread(task).start());
	}

	/** Waits for the thread to block, failing (not hanging) if it never does: it may have ended instead. */
	private static void awaitWaiting(Thread thread) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (thread.getState() != Thread.State.WAITING) {
			assertThat(thread.getState()).as("waiter still running").isNotEqualTo(Thread.State.TERMINATED);
			assertThat(System.nanoTime()).as("waiter blocked in time").isLessThan(deadline);
			Thread.sleep(5);
		}
	}

	private static void awaitTokenRequests(int count) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (wireMock.tokenRequests() < count) {
			assertThat(System.nanoTime()).as("token requests sent in time").isLessThan(deadline);
			Thread.sleep(5);
		}
	}

}
