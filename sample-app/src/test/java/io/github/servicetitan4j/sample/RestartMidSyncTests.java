package io.github.servicetitan4j.sample;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.github.servicetitan4j.test.RecordedRequest;
import io.github.servicetitan4j.test.ServiceTitanSimulator;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The app dies in the middle of the jobs feed and starts again on the same database: the second run resumes from the
 * stored checkpoint, and afterwards the database holds every job exactly once.
 */
class RestartMidSyncTests {

	private static final int CRASH_AT_JOB = 437;

	@Test
	void aSyncThatCrashesMidFeedResumesWithoutLosingOrDuplicatingRecords() {
		try (ServiceTitanSimulator simulator = ServiceTitanSimulator.builder()
			.customers(40)
			.locations(40)
			.jobs(1000)
			.exportBatchSize(100)
			.start()) {
			Map<String, Object> properties = new HashMap<>(simulator.properties());
			properties.put("spring.datasource.url", "jdbc:h2:mem:restart-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
			properties.put("sample.run-on-startup", "false");

			try (ConfigurableApplicationContext first = start(properties, CrashingJobWrites.class)) {
				assertThatIllegalStateException().isThrownBy(() -> first.getBean(ExportSync.class).syncAll())
					.withMessageContaining("simulated crash");
			}
			simulator.resetJournal();
			List<Long> beforeRestart;
			try (ConfigurableApplicationContext second = start(properties)) {
				JdbcClient jdbc = second.getBean(JdbcClient.class);
				beforeRestart = jobIds(jdbc);
				ExportSync.SyncReport report = second.getBean(ExportSync.class).syncAll();

				List<Long> expected = simulator.tenant()
					.jobs()
					.stream()
					.map((job) -> ((Number) job.get("id")).longValue())
					.sorted()
					.toList();
				assertThat(jobIds(jdbc)).containsExactlyElementsOf(expected);
				assertThat(jdbc.sql("SELECT COUNT(*) FROM jobs").query(Long.class).single()).isEqualTo(1000L);
				long resumedJobs = report.records().get("jpm/jobs");
				// The checkpoint is at most one batch (100) behind the last write; includeRecentChanges adds up to 10
				// repeats before it.
				assertThat(resumedJobs).as("the restart reads from the checkpoint, not the feed's beginning")
					.isLessThanOrEqualTo(1000 - (beforeRestart.size() - 100) + 10);
				assertThat(beforeRestart.size() + resumedJobs).as("at most the batch in progress is delivered twice")
					.isLessThanOrEqualTo(1000 + 100 + 10);
			}
			List<RecordedRequest> exportCalls = simulator.requests().find("GET", ".*/export/jobs");
			assertThat(exportCalls.get(0).queryParam("from")).isNotBlank();
			assertThat(beforeRestart).hasSize(CRASH_AT_JOB - 1);
		}
	}

	private static ConfigurableApplicationContext start(Map<String, Object> properties, Class<?>... extra) {
		Class<?>[] sources = new Class<?>[extra.length + 1];
		sources[0] = SampleApplication.class;
		System.arraycopy(extra, 0, sources, 1, extra.length);
		return new SpringApplicationBuilder(sources).web(WebApplicationType.NONE).properties(properties).run();
	}

	private static List<Long> jobIds(JdbcClient jdbc) {
		return jdbc.sql("SELECT id FROM jobs ORDER BY id").query(Long.class).list();
	}

	/**
	 * Writes jobs until the configured one, then fails as a dying process would.
	 */
	@Configuration(proxyBeanMethods = false)
	static class CrashingJobWrites {

		@Bean
		@Primary
		SyncedRecords crashingRecords(JdbcClient jdbc) {
			return new SyncedRecords(jdbc) {

				private int written;

				@Override
				public void saveJob(JsonNode job) {
					if (++this.written == CRASH_AT_JOB) {
						throw new IllegalStateException("simulated crash at job " + CRASH_AT_JOB);
					}
					super.saveJob(job);
				}

			};
		}

	}

}
