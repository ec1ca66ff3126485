package io.github.servicetitan4j;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * WireMock scenarios for "fail, then succeed" sequences and rotating tokens, and the check that a text holds no
 * secret.
 */
final class RetryStubs {

	private static final AtomicInteger scenarios = new AtomicInteger();

	private RetryStubs() {
	}

	/**
	 * The request is answered with the failure {@code failures} times, then with {@code {"id":1}}.
	 * @param request makes a fresh mapping for the request each time (a mapping builder keeps its id, so one instance
	 * cannot make several stubs)
	 */
	static void failThenSucceed(ServiceTitanWireMock wireMock, Supplier<MappingBuilder> request, int failures,
			ResponseDefinitionBuilder failure) {
		String scenario = "fail-" + scenarios.incrementAndGet();
		for (int i = 0; i < failures; i++) {
			wireMock.server.stubFor(request.get()
				.inScenario(scenario)
				.whenScenarioStateIs((i == 0) ? Scenario.STARTED : "failed-" + i)
				.willReturn(failure)
				.willSetStateTo("failed-" + (i + 1)));
		}
		wireMock.server.stubFor(request.get()
			.inScenario(scenario)
			.whenScenarioStateIs("failed-" + failures)
			.willReturn(okJson("{\"id\":1}")));
	}

	/** The token endpoint hands out the given tokens in turn (each valid 900 s), then the last one again. */
	static void stubTokens(ServiceTitanWireMock wireMock, String... tokens) {
		for (int i = 0; i < tokens.length; i++) {
			wireMock.server.stubFor(post(urlPathEqualTo("/connect/token")).inScenario("tokens")
				.whenScenarioStateIs((i == 0) ? Scenario.STARTED : "token-" + i)
				.willReturn(aResponse().withHeader("Content-Type", "application/json")
					.withBody("{\"access_token\":\"" + tokens[i] + "\",\"token_type\":\"Bearer\",\"expires_in\":900}"))
				.willSetStateTo("token-" + Math.min(i + 1, tokens.length - 1)));
		}
	}

	/** Fails if the text holds the client secret, the app key or the test access token. */
	static void assertNoSecret(String text) {
		assertThat(text).doesNotContain(ServiceTitanWireMock.CLIENT_SECRET, ServiceTitanWireMock.APP_KEY,
				ServiceTitanWireMock.TOKEN);
	}

}
