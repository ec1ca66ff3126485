package io.github.servicetitan4j.sample;

import java.util.Map;

import io.github.servicetitan4j.test.AutoConfigureServiceTitanSimulator;
import io.github.servicetitan4j.test.ServiceTitanSimulator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may book jobs and read health details over HTTP, and what {@code /actuator/env} shows of the ServiceTitan
 * secrets when values are shown and a secret was passed on the command line.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sample.run-on-startup=false", "spring.datasource.url=jdbc:h2:mem:sample-security-tests;DB_CLOSE_DELAY=-1",
				"spring.security.user.password=" + SampleSecurityTests.PASSWORD,
				"management.endpoints.web.exposure.include=health,env", "management.endpoint.env.show-values=always",
				"sun.java.command=io.github.servicetitan4j.sample.SampleApplication --servicetitan.tenants.acme.client-secret="
						+ SampleSecurityTests.ACME_CLIENT_SECRET + " --servicetitan.app-key="
						+ ServiceTitanSimulator.DEFAULT_APP_KEY })
@AutoConfigureServiceTitanSimulator(customers = 20, locations = 20, jobs = 40, appointments = 10, invoices = 5,
		tenants = { "acme", "globex" })
class SampleSecurityTests {

	static final String PASSWORD = "sample-security-tests-password";

	/** The simulator's derived secret of its tenant {@code acme}. */
	static final String ACME_CLIENT_SECRET = ServiceTitanSimulator.DEFAULT_CLIENT_SECRET + ".acme";

	@Autowired
	ServiceTitanSimulator simulator;

	@LocalServerPort
	int port;

	@BeforeEach
	void reset() {
		this.simulator.reset();
	}

	private RestClient http(String user, String password) {
		RestClient.Builder builder = RestClient.builder()
			.baseUrl("http://127.0.0.1:" + this.port)
			.defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
			});
		if (user != null) {
			builder.defaultHeaders((headers) -> headers.setBasicAuth(user, password));
		}
		return builder.build();
	}

	private ResponseEntity<String> postJob(RestClient http) {
		Map<String, Object> customer = this.simulator.tenant("acme").customers().get(0);
		Object locationId = this.simulator.tenant("acme")
			.locations()
			.stream()
			.filter((location) -> location.get("customerId").equals(customer.get("id")))
			.findFirst()
			.orElseThrow()
			.get("id");
		return http.post()
			.uri("/api/jobs?tenant=acme")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("customerId", customer.get("id"), "locationId", locationId, "businessUnitId", 1, "jobTypeId", 1,
					"priority", "Normal", "summary", "security test"))
			.retrieve()
			.toEntity(String.class);
	}

	@Test
	void whenNoOneSignsInThenPostingAJobIsRefusedAndNothingReachesServiceTitan() {
		assertThat(postJob(http(null, null)).getStatusCode().value()).isEqualTo(401);
		assertThat(postJob(http("operator", "wrong-password")).getStatusCode().value()).isEqualTo(401);

		assertThat(this.simulator.requests().count("POST", ".*/jobs")).isZero();
	}

	@Test
	void whenTheOperatorSignsInThenPostingAJobCreatesItInServiceTitan() {
		ResponseEntity<String> created = postJob(http("operator", PASSWORD));

		assertThat(created.getStatusCode().value()).isEqualTo(201);
		assertThat(this.simulator.requests().count("POST", "/jpm/v2/tenant/" + this.simulator.tenantId("acme") + "/jobs"))
			.isEqualTo(1);
		assertThat(this.simulator.requests().count("POST", ".*/jobs")).as("in the tenant named, no other").isEqualTo(1);
	}

	@Test
	void whenNoOneSignsInThenReadingTheSyncedDataIsRefused() {
		assertThat(http(null, null).get().uri("/api/summary").retrieve().toEntity(String.class).getStatusCode().value())
			.isEqualTo(401);
	}

	@Test
	void healthShowsItsStatusToEveryoneAndItsDetailsToTheOperatorOnly() {
		JsonNode anonymous = http(null, null).get().uri("/actuator/health").retrieve().body(JsonNode.class);
		JsonNode operator = http("operator", PASSWORD).get().uri("/actuator/health").retrieve().body(JsonNode.class);

		assertThat(anonymous.path("status").asString()).isEqualTo("UP");
		assertThat(anonymous.has("components")).isFalse();
		JsonNode servicetitan = operator.path("components").path("servicetitan");
		assertThat(servicetitan.path("status").asString()).isEqualTo("UP");
		for (String tenant : new String[] { "acme", "globex" }) {
			assertThat(servicetitan.path("components").path(tenant).has("details")).as(tenant).isTrue();
		}
		assertThat(operator.toString()).doesNotContain(this.simulator.clientSecret("acme"),
				this.simulator.clientSecret("globex"));
	}

	@Test
	void whenValuesAreShownThenEnvMasksTheSecretsPassedOnTheCommandLine() {
		assertThat(http(null, null).get().uri("/actuator/env").retrieve().toEntity(String.class).getStatusCode().value())
			.isEqualTo(401);

		String env = http("operator", PASSWORD).get().uri("/actuator/env").retrieve().body(String.class);

		assertThat(env).contains("sun.java.command")
			.contains("--servicetitan.tenants.acme.client-secret=****** --servicetitan.app-key=******")
			.doesNotContain(this.simulator.clientSecret("acme"), this.simulator.clientSecret("globex"),
					ServiceTitanSimulator.DEFAULT_APP_KEY);
	}

}
