package io.github.servicetitan4j.test;

import io.github.servicetitan4j.EndpointFactory;
import io.github.servicetitan4j.ExportOptions;
import io.github.servicetitan4j.ExportStream;
import io.github.servicetitan4j.export.ExportCheckpointStore;
import io.github.servicetitan4j.export.ExportLeases;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a reset of the simulator clears: the starter's checkpoint store, also when export leases wrap it, and never an
 * application's own store.
 */
class SimulatorCheckpointResetTests {

	private static long exportJobs(EndpointFactory serviceTitan, ExportCheckpointStore checkpoints) {
		try (ExportStream<JsonNode> feed = serviceTitan.endpoint("jpm", "jobs")
			.streamExport("jobs", ExportOptions.checkpointed(checkpoints))) {
			return feed.stream().count();
		}
	}

	@Nested
	@SpringBootTest(classes = LeasedApp.class)
	@AutoConfigureServiceTitanSimulator(jobs = 7, exportBatchSize = 5)
	class WhenExportLeasesWrapTheStartersStore {

		@Autowired
		ServiceTitanSimulator simulator;

		@Autowired
		EndpointFactory serviceTitan;

		@Autowired
		ExportCheckpointStore checkpoints;

		@Test
		void thenAResetStillClearsItsCheckpointsAndTheNextExportReadsTheFeedAgain() {
			assertThat(this.checkpoints.getClass().getSimpleName()).isEqualTo("LeasedExportCheckpointStore");
			assertThat(exportJobs(this.serviceTitan, this.checkpoints)).isEqualTo(7);
			assertThat(exportJobs(this.serviceTitan, this.checkpoints)).as("resumed at the stored checkpoint").isZero();

			this.simulator.reset();

			assertThat(exportJobs(this.serviceTitan, this.checkpoints)).isEqualTo(7);
			assertThat(this.simulator.requests().find("GET", ".*/export/jobs").get(0).queryParam("from")).isNull();
		}

	}

	@Nested
	@SpringBootTest(classes = OwnStoreApp.class)
	@AutoConfigureServiceTitanSimulator(jobs = 7, exportBatchSize = 5)
	class WhenTheApplicationHasItsOwnStore {

		@Autowired
		ServiceTitanSimulator simulator;

		@Autowired
		EndpointFactory serviceTitan;

		@Autowired
		ExportCheckpointStore checkpoints;

		@Test
		void thenAResetLeavesItsCheckpointsAlone() {
			ExportCheckpointStore.Key key = new ExportCheckpointStore.Key(this.simulator.tenantId(), "jpm", "jobs");
			assertThat(this.checkpoints).isSameAs(OwnStoreApp.STORE);
			assertThat(exportJobs(this.serviceTitan, this.checkpoints)).isEqualTo(7);
			String checkpoint = this.checkpoints.load(key);
			assertThat(checkpoint).isNotNull();

			this.simulator.reset();

			assertThat(this.checkpoints.load(key)).isEqualTo(checkpoint);
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class LeasedApp {

		/** Any lease store turns the wrapping on; this one always grants the lease. */
		@Bean
		ExportLeases exportLeases() {
			return (feed) -> new ExportLeases.Lease() {

				@Override
				public void renew() {
				}

				@Override
				public void close() {
				}

			};
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class OwnStoreApp {

		// the same class as the starter's in-memory store, under another bean name
		static final ExportCheckpointStore STORE = ExportCheckpointStore.inMemory();

		@Bean
		ExportCheckpointStore applicationCheckpoints() {
			return STORE;
		}

	}

}
