package io.github.servicetitan4j.test;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import io.github.servicetitan4j.EndpointFactory;
import io.github.servicetitan4j.ServiceTitanClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JUnit-extension example of the simulator's README, as it is printed there: a real client from
 * {@code simulator.clientBuilder()} handed to the user's own code, which retries through two 503s.
 */
@ExtendWith(ServiceTitanSimulatorExtension.class)
class ReadmeJUnitExampleTests {

	/** The user's code under test: it takes the starter's EndpointFactory (a ServiceTitanClient is one). */
	static final class MyJobReader {

		private final EndpointFactory serviceTitan;

		MyJobReader(EndpointFactory serviceTitan) {
			this.serviceTitan = serviceTitan;
		}

		List<JsonNode> completedJobs() {
			return this.serviceTitan.endpoint("jpm", "jobs").getAll(Map.of("jobStatus", "Completed"));
		}

	}

	@Test
	void retriesAfter503(ServiceTitanSimulator simulator) {
		simulator.faults().next(2).status(503);

		try (ServiceTitanClient client = simulator.clientBuilder().build()) {
			List<JsonNode> jobs = new MyJobReader(client).completedJobs();

			assertThat(jobs).isNotEmpty().allSatisfy((job) -> assertThat(job.get("jobStatus").asString()).isEqualTo("Completed"));
		}
		assertThat(simulator.requests().count("GET", "/jpm/v2/tenant/\\d+/jobs")).isEqualTo(3);
	}

}
