package io.github.servicetitan4j.test;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.github.servicetitan4j.ServiceTitanClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The typed-record example of docs/exports.md, declared here exactly as the README shows it, maps ServiceTitan-shaped jobs with
 * strict records on: every component has a matching JSON property (a job's number is {@code jobNumber}).
 */
class ReadmeTypedRecordTests {

	record Job(long id, String jobNumber, String jobStatus, Instant modifiedOn) {
	}

	@Test
	void theReadmeShowsTheRecordDeclaredHere() throws IOException {
		String declaration = "record Job(" + Arrays.stream(Job.class.getRecordComponents())
			.map((component) -> component.getType().getSimpleName() + " " + component.getName())
			.collect(Collectors.joining(", ")) + ")";

		assertThat(Files.readString(Path.of("..", "docs", "exports.md"), StandardCharsets.UTF_8)).contains(declaration);
	}

	@Test
	void theReadmeRecordMapsEveryJobOfTheSimulatorStrictly() {
		try (ServiceTitanSimulator simulator = ServiceTitanSimulator.builder().jobs(30).start()) {
			ServiceTitanClient client = ServiceTitanClient.builder()
				.apiUrl(simulator.apiUrl())
				.authUrl(simulator.authUrl())
				.tenantId(simulator.tenantId())
				.appKey(simulator.appKey())
				.clientId(simulator.clientId())
				.clientSecret(simulator.clientSecret())
				.strictRecords(true)
				.build();

			List<Job> jobs = client.endpoint("jpm", "jobs").getAll(Map.of("pageSize", 10), Job.class);

			assertThat(jobs).isNotEmpty().allSatisfy((job) -> {
				assertThat(job.jobNumber()).isNotBlank();
				assertThat(job.jobStatus()).isNotBlank();
				assertThat(job.modifiedOn()).isNotNull();
			});
			assertThat(Arrays.stream(Job.class.getRecordComponents()).map(RecordComponent::getName))
				.containsExactly("id", "jobNumber", "jobStatus", "modifiedOn");
		}
	}

}
