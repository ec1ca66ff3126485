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
 * The app syncs two tenants and dies in the middle of the second tenant's jobs feed, then starts again on the same
 * database: each tenant resumes from its own stored checkpoint (the first from the end of its feed, the second from
 * the middle), and afterwards the database holds every job of each tenant exactly once, under that tenant.
 */
class RestartMidSyncTests {

	private static final int CRASH_AT_JOB = 437;

	private static final String CRASHING_TENANT = "globex";

	@Test
	void aSyncThatCrashesMidFeedResumesEachTenantFromItsOwnCheckpointWithoutLosingOrDuplicatingRecords() {
		try (ServiceTitanSimulator simulator = ServiceTitanSimulator.builder()
			.tenant("acme")
			.tenant(CRASHING_TENANT)
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
			List<Long> acmeBeforeRestart;
			List<Long> globexBeforeRestart;
			ExportSync.SyncReport report;
			try (ConfigurableApplicationContext second = start(properties)) {
				JdbcClient jdbc = second.getBean(JdbcClient.class);
				acmeBeforeRestart = jobIds(jdbc, "acme");
				globexBeforeRestart = jobIds(jdbc, CRASHING_TENANT);
				report = second.getBean(ExportSync.class).syncAll();

				for (String tenant : List.of("acme", CRASHING_TENANT)) {
					assertThat(jobIds(jdbc, tenant)).as(tenant)
						.containsExactlyElementsOf(simulatorJobIds(simulator, tenant));
				}
				assertThat(jdbc.sql("SELECT COUNT(*) FROM jobs").query(Long.class).single()).isEqualTo(2000L);
			}
			assertThat(acmeBeforeRestart).as("acme finished before the crash").hasSize(1000);
			assertThat(globexBeforeRestart).hasSize(CRASH_AT_JOB - 1);
			// includeRecentChanges starts up to 10 records before a checkpoint.
			assertThat(report.tenants().get("acme").records().get("jpm/jobs"))
				.as("acme resumes from the end of its feed, not from globex's checkpoint").isLessThanOrEqualTo(10);
			long resumedJobs = report.tenants().get(CRASHING_TENANT).records().get("jpm/jobs");
			// The checkpoint is at most one batch (100) behind the last write.
			assertThat(resumedJobs).as("globex resumes from its checkpoint, not the feed's beginning")
				.isLessThanOrEqualTo(1000 - (globexBeforeRestart.size() - 100) + 10)
				.isGreaterThanOrEqualTo(1000 - globexBeforeRestart.size());
			for (String tenant : List.of("acme", CRASHING_TENANT)) {
				List<RecordedRequest> exportCalls = simulator.requests()
					.find("GET", "/jpm/v2/tenant/" + simulator.tenantId(tenant) + "/export/jobs");
				assertThat(exportCalls.get(0).queryParam("from")).as(tenant).isNotBlank();
			}
		}
	}

	private static ConfigurableApplicationContext start(Map<String, Object> properties, Class<?>... extra) {
		Class<?>[] sources = new Class<?>[extra.length + 1];
		sources[0] = SampleApplication.class;
		System.arraycopy(extra, 0, sources, 1, extra.length);
		// As arguments: default properties would lose to application.yml's shared spring.datasource.url.
		String[] args = properties.entrySet()
			.stream()
			.map((property) -> "--" + property.getKey() + "=" + property.getValue())
			.toArray(String[]::new);
		return new SpringApplicationBuilder(sources).web(WebApplicationType.NONE).run(args);
	}

	private static List<Long> jobIds(JdbcClient jdbc, String tenant) {
		return jdbc.sql("SELECT id FROM jobs WHERE tenant = :tenant ORDER BY id")
			.param("tenant", tenant)
			.query(Long.class)
			.list();
	}

	private static List<Long> simulatorJobIds(ServiceTitanSimulator simulator, String tenant) {
		return simulator.tenant(tenant)
			.jobs()
			.stream()
			.map((job) -> ((Number) job.get("id")).longValue())
			.sorted()
			.toList();
	}

	/**
	 * Writes the crashing tenant's jobs until the configured one, then fails as a dying process would.
	 */
	@Configuration(proxyBeanMethods = false)
	static class CrashingJobWrites {

		@Bean
		@Primary
		SyncedRecords crashingRecords(JdbcClient jdbc) {
			return new SyncedRecords(jdbc) {

				private int written;

				@Override
				public void saveJob(String tenant, JsonNode job) {
					if (tenant.equals(CRASHING_TENANT) && ++this.written == CRASH_AT_JOB) {
						throw new IllegalStateException("simulated crash at job " + CRASH_AT_JOB + " of " + tenant);
					}
					super.saveJob(tenant, job);
				}

			};
		}

	}

}
