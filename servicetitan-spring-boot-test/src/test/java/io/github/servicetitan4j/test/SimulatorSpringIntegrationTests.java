package io.github.servicetitan4j.test;

import java.time.Duration;

import io.github.servicetitan4j.Endpoint;
import io.github.servicetitan4j.EndpointFactory;
import io.github.servicetitan4j.ExportOptions;
import io.github.servicetitan4j.ExportStream;
import io.github.servicetitan4j.autoconfigure.ServiceTitanProperties;
import io.github.servicetitan4j.export.ExportCheckpointStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter and the simulator in one Spring test context, as a user's test has them: a reset puts the starter's
 * checkpoints back with the data, and retries wait milliseconds, not seconds.
 */
@SpringBootTest(classes = SimulatorSpringIntegrationTests.App.class)
@AutoConfigureServiceTitanSimulator(customers = 12, locations = 12, jobs = 30, appointments = 10, invoices = 5,
		exportBatchSize = 10)
class SimulatorSpringIntegrationTests {

	@Autowired
	ServiceTitanSimulator simulator;

	@Autowired
	EndpointFactory serviceTitan;

	@Autowired
	ExportCheckpointStore checkpoints;

	@Autowired
	ServiceTitanProperties properties;

	@BeforeEach
	void reset() {
		this.simulator.reset();
	}

	private long exportJobs() {
		try (ExportStream<JsonNode> feed = this.serviceTitan.endpoint("jpm", "jobs")
			.streamExport("jobs", ExportOptions.checkpointed(this.checkpoints))) {
			return feed.stream().count();
		}
	}

	@Test
	void whenTheSimulatorIsResetThenTheStartersCheckpointsAreClearedAndTheNextExportReadsTheFeedAgain() {
		assertThat(this.checkpoints.getClass().getSimpleName()).isEqualTo("InMemoryExportCheckpointStore");
		assertThat(exportJobs()).isEqualTo(30);
		assertThat(exportJobs()).as("resumed at the stored checkpoint").isZero();

		this.simulator.reset();

		assertThat(exportJobs()).isEqualTo(30);
		assertThat(this.simulator.requests().find("GET", ".*/export/jobs").get(0).queryParam("from")).isNull();
	}

	@Test
	void whenTheSimulatorAnswersTwo503sThenTheClientRetriesAfterMillisecondsNotSeconds() {
		Endpoint jobs = this.serviceTitan.endpoint("jpm", "jobs");
		long id = ((Number) this.simulator.tenant().jobs().get(0).get("id")).longValue();
		this.simulator.faults().next(2).status(503);

		assertThat(jobs.getOne(String.valueOf(id)).path("id").asLong()).isEqualTo(id);

		assertThat(this.simulator.requests().count("GET", "/jpm/v2/tenant/\\d+/jobs/\\d+")).isEqualTo(3);
		assertThat(this.properties.getRetry().getInitialBackoff()).isEqualTo(Duration.ofMillis(10));
		assertThat(this.properties.getRetry().getMaxBackoff()).isEqualTo(Duration.ofMillis(100));
	}

	@Nested
	@SpringBootTest(classes = SimulatorSpringIntegrationTests.App.class,
			properties = "servicetitan.retry.initial-backoff=200ms")
	@AutoConfigureServiceTitanSimulator(customers = 12, locations = 12, jobs = 30, appointments = 10, invoices = 5)
	class WhenTheTestSetsABackoff {

		@Autowired
		ServiceTitanProperties properties;

		@Test
		void thenItsOwnBackoffWinsAndTheMaximumStaysTheStarters() {
			assertThat(this.properties.getRetry().getInitialBackoff()).isEqualTo(Duration.ofMillis(200));
			assertThat(this.properties.getRetry().getMaxBackoff()).isEqualTo(Duration.ofSeconds(30));
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

	}

}
