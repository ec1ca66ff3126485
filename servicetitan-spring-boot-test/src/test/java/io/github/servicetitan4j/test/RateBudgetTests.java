package io.github.servicetitan4j.test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rate budgets per application and tenant, counted only for calls that passed authentication, and the shape of the
 * simulator's 429 and of every other problem it sends.
 */
class RateBudgetTests {

	private static final String OTHER_APP = "ak1.another-application";

	private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00.250Z"));

	private @Nullable ServiceTitanSimulator simulator;

	@AfterEach
	void stop() {
		if (this.simulator != null) {
			this.simulator.close();
		}
	}

	private ServiceTitanSimulator start(ServiceTitanSimulator.Builder builder) {
		this.simulator = builder.customers(2).locations(2).jobs(2).appointments(0).invoices(0).clock(this.clock).start();
		return this.simulator;
	}

	private static SimulatorHttp http(ServiceTitanSimulator simulator, String tenant, String appKey) {
		return new SimulatorHttp(simulator.apiUrl(), simulator.tenantId(tenant), simulator.clientId(tenant),
				simulator.clientSecret(tenant), appKey);
	}

	private static String customers(SimulatorHttp http) {
		return http.path("crm", "customers");
	}

	@Test
	void whenOneTenantUsesUpItsBudgetThenAnotherTenantStillGetsThrough() {
		ServiceTitanSimulator simulator = start(ServiceTitanSimulator.builder().rateLimit(2).tenant("acme").tenant("globex"));
		SimulatorHttp acme = http(simulator, "acme", simulator.appKey());
		SimulatorHttp globex = http(simulator, "globex", simulator.appKey());

		assertThat(acme.get(customers(acme)).statusCode()).isEqualTo(200);
		assertThat(acme.get(customers(acme)).statusCode()).isEqualTo(200);
		assertThat(acme.get(customers(acme)).statusCode()).isEqualTo(429);

		assertThat(globex.get(customers(globex)).statusCode()).isEqualTo(200);
		assertThat(globex.get(customers(globex)).statusCode()).isEqualTo(200);
	}

	@Test
	void whenOneApplicationUsesUpItsBudgetInATenantThenAnotherApplicationStillGetsThrough() {
		ServiceTitanSimulator simulator = start(ServiceTitanSimulator.builder().rateLimit(1).application(OTHER_APP));
		SimulatorHttp first = http(simulator, ServiceTitanSimulator.DEFAULT_TENANT, simulator.appKey());
		SimulatorHttp second = http(simulator, ServiceTitanSimulator.DEFAULT_TENANT, OTHER_APP);

		assertThat(first.get(customers(first)).statusCode()).isEqualTo(200);
		assertThat(first.get(customers(first)).statusCode()).isEqualTo(429);

		assertThat(second.get(customers(second)).statusCode()).isEqualTo(200);
		assertThat(simulator.appKeys()).containsExactly(ServiceTitanSimulator.DEFAULT_APP_KEY, OTHER_APP);
	}

	@Test
	void whenCallsFailAuthenticationOrCallAForeignTenantThenTheyUseNoBudget() {
		ServiceTitanSimulator simulator = start(ServiceTitanSimulator.builder().rateLimit(1).tenant("acme"));
		SimulatorHttp own = http(simulator, ServiceTitanSimulator.DEFAULT_TENANT, simulator.appKey());
		SimulatorHttp wrongKey = http(simulator, ServiceTitanSimulator.DEFAULT_TENANT, "ak1.wrong");
		SimulatorHttp acme = http(simulator, "acme", simulator.appKey());
		String path = customers(own);

		for (int i = 0; i < 5; i++) {
			assertThat(wrongKey.get(path).statusCode()).isEqualTo(401);
			assertThat(own.send(java.net.http.HttpRequest.newBuilder(simulator.apiUrl().resolve(path))
				.header("ST-App-Key", simulator.appKey())
				.header("Authorization", "Bearer not-a-token")
				.build()).statusCode()).isEqualTo(401);
			assertThat(acme.get(path).statusCode()).isEqualTo(403);
		}

		assertThat(own.get(path).statusCode()).isEqualTo(200);
		assertThat(own.get(path).statusCode()).isEqualTo(429);
	}

	@Test
	void whenATenantHasALimitOfItsOwnThenItAppliesToThatTenantOnly() {
		ServiceTitanSimulator simulator = start(
				ServiceTitanSimulator.builder().rateLimit(5).tenant("acme").tenantRateLimit("acme", 1));
		SimulatorHttp acme = http(simulator, "acme", simulator.appKey());
		SimulatorHttp own = http(simulator, ServiceTitanSimulator.DEFAULT_TENANT, simulator.appKey());

		assertThat(acme.get(customers(acme)).statusCode()).isEqualTo(200);
		assertThat(acme.get(customers(acme)).statusCode()).isEqualTo(429);
		for (int i = 0; i < 5; i++) {
			assertThat(own.get(customers(own)).statusCode()).isEqualTo(200);
		}
	}

	@Test
	void whenRetryAfterIsNotSetThenItIsTheTimeLeftInTheSecondAndTheTitleSaysSo() {
		ServiceTitanSimulator simulator = start(ServiceTitanSimulator.builder().rateLimit(1));
		SimulatorHttp http = http(simulator, ServiceTitanSimulator.DEFAULT_TENANT, simulator.appKey());
		http.get(customers(http));

		HttpResponse<String> limited = http.get(customers(http));

		assertThat(limited.headers().firstValue("Retry-After")).hasValue("1");
		assertThat(SimulatorHttp.json(limited)).containsEntry("title", "Rate limit is exceeded. Try again in 1 seconds.");
	}

	@Test
	void whenRetryAfterIsSetThenHeaderAndTitleCarryThatManySeconds() {
		ServiceTitanSimulator simulator = start(ServiceTitanSimulator.builder().rateLimit(1).retryAfter(Duration.ofSeconds(7)));
		SimulatorHttp http = http(simulator, ServiceTitanSimulator.DEFAULT_TENANT, simulator.appKey());
		http.get(customers(http));

		HttpResponse<String> limited = http.get(customers(http));

		assertThat(limited.statusCode()).isEqualTo(429);
		assertThat(limited.headers().firstValue("Retry-After")).hasValue("7");
		assertThat(SimulatorHttp.json(limited)).containsEntry("title", "Rate limit is exceeded. Try again in 7 seconds.");
	}

	@Test
	void whenRetryAfterHeaderAndHintAreOffThenA429SaysNothingAboutWhen() {
		ServiceTitanSimulator simulator = start(
				ServiceTitanSimulator.builder().rateLimit(1).retryAfterHeader(false).retryAfterHint(false));
		SimulatorHttp http = http(simulator, ServiceTitanSimulator.DEFAULT_TENANT, simulator.appKey());
		http.get(customers(http));

		HttpResponse<String> limited = http.get(customers(http));

		assertThat(limited.statusCode()).isEqualTo(429);
		assertThat(limited.headers().firstValue("Retry-After")).isEmpty();
		assertThat(SimulatorHttp.json(limited)).containsEntry("title", "Rate limit is exceeded.");
	}

	@Test
	void whenAnyProblemIsSentThenItHasTheSameShape() {
		ServiceTitanSimulator simulator = start(ServiceTitanSimulator.builder().rateLimit(1).tenant("acme"));
		SimulatorHttp http = http(simulator, ServiceTitanSimulator.DEFAULT_TENANT, simulator.appKey());
		SimulatorHttp acme = http(simulator, "acme", simulator.appKey());
		SimulatorHttp noKey = http(simulator, ServiceTitanSimulator.DEFAULT_TENANT, " ");

		HttpResponse<String> badRequest = http.get(customers(http) + "?pageSize=0");
		this.clock.advance(Duration.ofSeconds(1));
		HttpResponse<String> notFound = http.get(customers(http) + "/1");
		this.clock.advance(Duration.ofSeconds(1));
		HttpResponse<String> notAllowed = http.sendJson("PUT", customers(http), Map.of());
		HttpResponse<String> limited = http.get(customers(http));
		HttpResponse<String> forbidden = acme.get(customers(http));
		HttpResponse<String> unauthorized = noKey.get(customers(http));
		simulator.faults().next(1).status(503);
		HttpResponse<String> unavailable = http.get(customers(http));

		for (HttpResponse<String> response : List.of(badRequest, notFound, notAllowed, limited, forbidden, unauthorized,
				unavailable)) {
			Map<String, @Nullable Object> problem = SimulatorHttp.json(response);
			assertThat(problem.keySet()).as("%d", response.statusCode())
				.containsExactly("type", "title", "status", "traceId", "errors", "data");
			assertThat(problem.get("status")).isEqualTo((long) response.statusCode());
			assertThat(problem.get("type").toString()).as("%d", response.statusCode()).startsWith("https://");
			assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
					(type) -> assertThat(type).startsWith("application/problem+json"));
		}
		assertThat(forbidden.statusCode()).isEqualTo(403);
		assertThat(SimulatorHttp.json(forbidden)).containsEntry("type", "https://tools.ietf.org/html/rfc7231#section-6.5.3");
		assertThat(SimulatorHttp.json(badRequest).get("errors").toString()).contains("PageSize");
	}

}
