package io.github.servicetitan4j.test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.github.servicetitan4j.Endpoint;
import io.github.servicetitan4j.ExportPage;
import io.github.servicetitan4j.ServiceTitanClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The project's own client against the simulator: what a user of the starter gets.
 */
class ServiceTitanClientAgainstSimulatorTests {

	private static ServiceTitanSimulator simulator;

	private static final List<Duration> sleeps = new ArrayList<>();

	private static ServiceTitanClient client;

	@BeforeAll
	static void start() {
		simulator = ServiceTitanSimulator.builder().customers(60).locations(60).jobs(240).exportBatchSize(100).start();
		client = ServiceTitanClient.builder()
			.apiUrl(simulator.apiUrl())
			.authUrl(simulator.authUrl())
			.tenantId(simulator.tenantId())
			.appKey(simulator.appKey())
			.clientId(simulator.clientId())
			.clientSecret(simulator.clientSecret())
			.sleeper(sleeps::add)
			.build();
	}

	@BeforeEach
	void reset() {
		simulator.reset();
		sleeps.clear();
	}

	@AfterAll
	static void stop() {
		simulator.close();
	}

	private static Endpoint jobs() {
		return client.endpoint("jpm", "jobs");
	}

	@Test
	void whenTheClientReadsAllPagesThenItGetsEveryActiveJob() {
		long active = simulator.tenant().jobs().stream().filter((job) -> Boolean.TRUE.equals(job.get("active"))).count();

		List<JsonNode> all = jobs().getAll(Map.of("pageSize", 50));

		assertThat(all).hasSize((int) active);
		assertThat(simulator.requests().count("GET", "/jpm/v2/tenant/\\d+/jobs")).isEqualTo((int) (active + 49) / 50);
	}

	@Test
	void whenTheClientExportsThenItWalksEveryBatchToTheEnd() {
		ExportPage<JsonNode> export = jobs().exportAll("jobs");

		assertThat(export.data()).hasSize(240);
		assertThat(export.hasMore()).isFalse();
		assertThat(export.continueFrom()).isNotBlank();
		assertThat(simulator.requests().count("GET", ".*/export/jobs")).isEqualTo(3);
	}

	@Test
	void whenTheServerAnswers503TwiceThenTheClientRetriesAndSucceeds() {
		simulator.faults().next(2).status(503, Duration.ofSeconds(1));

		JsonNode job = jobs().getOne(String.valueOf(SimulatorHttp.id(simulator.tenant().jobs().get(0))));

		assertThat(job.get("id").asLong()).isEqualTo(SimulatorHttp.id(simulator.tenant().jobs().get(0)));
		assertThat(simulator.requests().count("GET", "/jpm/v2/tenant/\\d+/jobs/\\d+")).isEqualTo(3);
		assertThat(sleeps).hasSize(2);
	}

	@Test
	void whenTheClientsSleeperAdvancesTheSimulatorsClockThenA429WithRetryAfter30CostsNoRealTime() {
		long id = SimulatorHttp.id(simulator.tenant().jobs().get(0));
		SimulatorAdmin admin = SimulatorAdmin.at(simulator.apiUrl());
		Instant before = admin.now();
		simulator.faults().next(1).status(429, Duration.ofSeconds(30));

		// The recipe of the simulator's README for tests without the Spring annotation.
		try (ServiceTitanClient waitingOnTheSimulator = simulator.clientBuilder().sleeper(simulator::advanceClock).build()) {
			assertThat(waitingOnTheSimulator.endpoint("jpm", "jobs").getOne(String.valueOf(id)).get("id").asLong())
				.isEqualTo(id);
		}

		assertThat(Duration.between(before, admin.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(30));
		assertThat(simulator.requests().count("GET", "/jpm/v2/tenant/\\d+/jobs/\\d+")).isEqualTo(2);
	}

	@Test
	void whenTheTokenExpiresThenTheClientFetchesANewOneAndRetries() {
		jobs().getMany(Map.of("pageSize", 1));
		int tokensBefore = simulator.tokenRequests();

		simulator.expireTokens();
		jobs().getMany(Map.of("pageSize", 1));

		assertThat(simulator.tokenRequests()).isEqualTo(tokensBefore + 1);
	}

	@Test
	void whenTheClientCreatesAndDeletesACustomerThenTheSimulatorHoldsTheChange() {
		Endpoint customers = client.endpoint("crm", "customers");

		JsonNode created = customers.create(Map.of("name", "Client Made", "type", "Commercial"));
		long id = created.get("id").asLong();
		assertThat(simulator.tenant().customer(id)).hasValueSatisfying(
				(customer) -> assertThat(customer).containsEntry("name", "Client Made"));

		customers.delete(String.valueOf(id));

		assertThat(simulator.tenant().customer(id)).isEmpty();
	}

}
