package io.github.servicetitan4j.test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.servicetitan4j.test.internal.SimulatorEngine;

import static org.assertj.core.api.Assertions.assertThat;

class ApiAuthenticationTests {

	private static ServiceTitanSimulator simulator;

	private static SimulatorHttp http;

	@BeforeAll
	static void start() {
		simulator = ServiceTitanSimulator.builder().customers(5).rateLimit(0).start();
		http = new SimulatorHttp(simulator);
	}

	@AfterAll
	static void stop() {
		simulator.close();
	}

	private static HttpRequest.Builder bare(String path) {
		return HttpRequest.newBuilder(simulator.apiUrl().resolve(path));
	}

	@Test
	void whenBearerTokenIsMissingThen401() {
		HttpResponse<String> response = http.send(bare(http.path("crm", "customers"))
			.header("ST-App-Key", simulator.appKey())
			.build());

		assertThat(response.statusCode()).isEqualTo(401);
	}

	@Test
	void whenBearerTokenIsUnknownThen401() {
		HttpResponse<String> response = http.send(bare(http.path("crm", "customers"))
			.header("ST-App-Key", simulator.appKey())
			.header("Authorization", "Bearer made-up")
			.build());

		assertThat(response.statusCode()).isEqualTo(401);
	}

	@Test
	void whenAppKeyIsMissingThen401WithServiceTitansMessage() {
		HttpResponse<String> response = http.send(bare(http.path("crm", "customers"))
			.header("Authorization", "Bearer " + http.token())
			.build());

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(SimulatorHttp.json(response)).containsEntry("title",
				"Application key not present, check ST-App-Key header value.");
		assertThat(response.body()).contains(SimulatorEngine.MISSING_APP_KEY);
	}

	@Test
	void whenAppKeyIsWrongThen401() {
		HttpResponse<String> response = http.send(bare(http.path("crm", "customers"))
			.header("Authorization", "Bearer " + http.token())
			.header("ST-App-Key", "ak1.wrong")
			.build());

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).contains(SimulatorEngine.WRONG_APP_KEY);
	}

	@Test
	void whenTenantIsNotTheCredentialsTenantThen403() {
		HttpResponse<String> response = http.get("/crm/v2/tenant/999/customers");

		assertThat(response.statusCode()).isEqualTo(403);
	}

	@Test
	void whenTokenAndAppKeyAreRightThen200() {
		HttpResponse<String> response = http.get(http.path("crm", "customers"));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/json"));
	}

	@Test
	void whenPathIsNoApiPathThen404() {
		HttpResponse<String> response = http.get("/nothing/here");

		assertThat(response.statusCode()).isEqualTo(404);
	}

	@Test
	void whenEndpointIsNotSimulatedThen404ProblemWithTraceId() {
		HttpResponse<String> response = http.get(http.path("marketing", "campaigns"));

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(SimulatorHttp.json(response)).containsKey("traceId");
	}

}
