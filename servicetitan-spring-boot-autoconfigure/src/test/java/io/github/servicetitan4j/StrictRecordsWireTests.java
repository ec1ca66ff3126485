package io.github.servicetitan4j;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.servicetitan4j.autoconfigure.ServiceTitanAutoConfiguration;
import io.github.servicetitan4j.errors.ServiceTitanException.ServiceTitanMappingException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Strict typed records ({@code servicetitan.records.strict}, {@code builder().strictRecords(true)}): a record component
 * or bean property that the JSON record does not have fails instead of staying null, so that a misspelt name shows up
 * in tests. Jobs here look like ServiceTitan's: {@code jobNumber}, not {@code number}.
 */
class StrictRecordsWireTests {

	@RegisterExtension
	static final ServiceTitanWireMock wireMock = new ServiceTitanWireMock();

	private static final String JOB_1 = "{\"id\":1,\"jobNumber\":\"10001\",\"jobStatus\":\"Completed\","
			+ "\"modifiedOn\":\"2026-01-02T03:04:05Z\",\"summary\":null,\"customerId\":42}";

	private static final String JOB_2 = "{\"id\":2,\"jobNumber\":\"10002\",\"jobStatus\":\"Scheduled\","
			+ "\"modifiedOn\":\"2026-01-03T03:04:05Z\",\"summary\":\"Leak\",\"customerId\":43}";

	String jobs;

	@BeforeEach
	void stubJobs() {
		this.jobs = wireMock.tenantPath("jpm") + "/jobs";
		wireMock.server.stubFor(get(urlPathEqualTo(this.jobs)).withQueryParam("page", equalTo("1"))
			.willReturn(okJson("{\"page\":1,\"pageSize\":50,\"hasMore\":false,\"data\":[" + JOB_1 + "," + JOB_2 + "]}")));
		wireMock.server.stubFor(get(urlPathEqualTo(this.jobs + "/1")).willReturn(okJson(JOB_1)));
		wireMock.server.stubFor(get(urlPathEqualTo(wireMock.tenantPath("jpm") + "/export/jobs"))
			.withQueryParam("from", absent())
			.willReturn(okJson("{\"hasMore\":false,\"continueFrom\":\"t1\",\"data\":[" + JOB_1 + "]}")));
	}

	/** The README's old example: {@code number} is not a property of ServiceTitan's jobs. */
	record MisspeltJob(long id, String number, String jobStatus) {
	}

	/** The README's example as it is now. */
	record Job(long id, String jobNumber, String jobStatus, Instant modifiedOn) {
	}

	record RenamedJob(long id, @JsonProperty("jobNumber") String number, String summary) {
	}

	static class JobBean {

		private String jobNumber;

		private String technician;

		public String getJobNumber() {
			return this.jobNumber;
		}

		public void setJobNumber(String jobNumber) {
			this.jobNumber = jobNumber;
		}

		public String getTechnician() {
			return this.technician;
		}

		public void setTechnician(String technician) {
			this.technician = technician;
		}

	}

	ServiceTitanClient strictClient() {
		return wireMock.clientBuilder().strictRecords(true).build();
	}

	@Test
	void withoutStrictRecordsAMisspeltComponentSilentlyStaysNull() {
		List<MisspeltJob> jobs = wireMock.client().endpoint("jpm", "jobs").getAll(Map.of(), MisspeltJob.class);

		assertThat(jobs).extracting(MisspeltJob::number).containsExactly(null, null);
	}

	@Test
	void whenStrictThenAMisspeltComponentFailsNamingItTheSimilarPropertyTheRecordAndTheEndpoint() {
		assertThatExceptionOfType(ServiceTitanMappingException.class)
			.isThrownBy(() -> strictClient().endpoint("jpm", "jobs").getAll(Map.of(), MisspeltJob.class))
			.withMessageContaining("record 0 of page 1 from jpm/jobs (get_all)")
			.withMessageContaining(MisspeltJob.class.getName())
			.withMessageContaining("strict records expect 'number'")
			.withMessageContaining("(it has 'jobNumber')");
		wireMock.server.verify(1, getRequestedFor(urlPathEqualTo(this.jobs)));
	}

	@Test
	void whenStrictAndEveryComponentIsThereThenRecordsMapAndNullValuesCountAsPresent() {
		ServiceTitanClient client = strictClient();

		assertThat(client.endpoint("jpm", "jobs").getAll(Map.of(), Job.class)).containsExactly(
				new Job(1, "10001", "Completed", Instant.parse("2026-01-02T03:04:05Z")),
				new Job(2, "10002", "Scheduled", Instant.parse("2026-01-03T03:04:05Z")));
		assertThat(client.endpoint("jpm", "jobs").getAll(Map.of(), RenamedJob.class))
			.containsExactly(new RenamedJob(1, "10001", null), new RenamedJob(2, "10002", "Leak"));
	}

	@Test
	void whenStrictThenABeanPropertyWithoutAJsonPropertyFailsToo() {
		assertThatExceptionOfType(ServiceTitanMappingException.class)
			.isThrownBy(() -> strictClient().endpoint("jpm", "jobs").getOne("1", JobBean.class))
			.withMessageContaining("the record from jpm/jobs (get_one)")
			.withMessageContaining("'technician'");
	}

	@Test
	void whenStrictThenExportRecordsAreCheckedAsWell() {
		assertThatExceptionOfType(ServiceTitanMappingException.class).isThrownBy(() -> {
			try (ExportStream<MisspeltJob> feed = strictClient().endpoint("jpm", "jobs")
				.streamExport("jobs", ExportOptions.defaults(), MisspeltJob.class)) {
				feed.stream().toList();
			}
		}).withMessageContaining("record 0 of export batch 1").withMessageContaining("'number'");
	}

	@Test
	void servicetitanRecordsStrictTurnsItOnForTheAutoConfiguredClient() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ServiceTitanAutoConfiguration.class))
			.withPropertyValues("servicetitan.client-id=" + ServiceTitanWireMock.CLIENT_ID,
					"servicetitan.client-secret=" + ServiceTitanWireMock.CLIENT_SECRET,
					"servicetitan.app-key=" + ServiceTitanWireMock.APP_KEY,
					"servicetitan.tenant-id=" + ServiceTitanWireMock.TENANT, "servicetitan.api-url=" + wireMock.url(),
					"servicetitan.auth-url=" + wireMock.url(), "servicetitan.records.strict=true")
			.run((context) -> assertThatExceptionOfType(ServiceTitanMappingException.class)
				.isThrownBy(() -> context.getBean(EndpointFactory.class).endpoint("jpm", "jobs").getOne("1", MisspeltJob.class))
				.withMessageContaining("'number'"));
	}

}
