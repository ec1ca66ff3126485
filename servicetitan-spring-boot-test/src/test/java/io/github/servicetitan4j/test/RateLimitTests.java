package io.github.servicetitan4j.test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T08:00:00.250Z"));

	private ServiceTitanSimulator simulator;

	@AfterEach
	void stop() {
		this.simulator.close();
	}

	private SimulatorHttp start(int rateLimit) {
		this.simulator = ServiceTitanSimulator.builder().customers(3).clock(this.clock).rateLimit(rateLimit).start();
		return new SimulatorHttp(this.simulator);
	}

	@Test
	void whenSixtyOneCallsFallInOneSecondThenTheLastAnswers429WithRetryAfter() {
		SimulatorHttp http = start(60);
		String customers = http.path("crm", "customers");
		for (int i = 0; i < 60; i++) {
			assertThat(http.get(customers).statusCode()).as("call %d", i + 1).isEqualTo(200);
		}

		HttpResponse<String> limited = http.get(customers);

		assertThat(limited.statusCode()).isEqualTo(429);
		assertThat(limited.headers().firstValue("Retry-After")).hasValue("1");
		assertThat(SimulatorHttp.json(limited)).containsEntry("status", 429L)
			.containsEntry("title", "Rate limit is exceeded. Try again in 1 seconds.");
	}

	@Test
	void whenTheNextSecondComesThenCallsPassAgain() {
		SimulatorHttp http = start(2);
		String customers = http.path("crm", "customers");
		http.get(customers);
		http.get(customers);
		assertThat(http.get(customers).statusCode()).isEqualTo(429);

		this.clock.advance(Duration.ofMillis(750));

		assertThat(http.get(customers).statusCode()).isEqualTo(200);
	}

	@Test
	void whenTokenEndpointIsCalledThenItDoesNotCountAgainstTheLimit() {
		SimulatorHttp http = start(1);
		for (int i = 0; i < 5; i++) {
			assertThat(http.tokenRequest(http.credentialsForm()).statusCode()).isEqualTo(200);
		}

		assertThat(http.get(http.path("crm", "customers")).statusCode()).isEqualTo(200);
		assertThat(http.get(http.path("crm", "customers")).statusCode()).isEqualTo(429);
	}

	@Test
	void whenRateLimitIsZeroThenNoCallIsLimited() {
		SimulatorHttp http = start(0);
		String customers = http.path("crm", "customers");

		for (int i = 0; i < 100; i++) {
			assertThat(http.get(customers).statusCode()).isEqualTo(200);
		}
		assertThat(this.simulator.requests().count("GET", ".*/customers")).isEqualTo(100);
	}

}
