package io.github.servicetitan4j.sample;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.github.servicetitan4j.EndpointFactory;
import io.github.servicetitan4j.ExportOptions;
import io.github.servicetitan4j.ExportStream;
import io.github.servicetitan4j.autoconfigure.ServiceTitanHttpServiceAutoConfiguration;
import io.github.servicetitan4j.errors.ServiceTitanApiException;
import io.github.servicetitan4j.sample.jpm.ExportApi;
import io.github.servicetitan4j.sample.jpm.JobTypesApi;
import io.github.servicetitan4j.sample.jpm.JobsApi;
import io.github.servicetitan4j.sample.jpm.model.CreateNoteRequest;
import io.github.servicetitan4j.sample.jpm.model.ExportJobsResponse;
import io.github.servicetitan4j.sample.jpm.model.JobCreateRequest;
import io.github.servicetitan4j.sample.jpm.model.JobResponse;
import io.github.servicetitan4j.sample.jpm.model.JobStatus;
import io.github.servicetitan4j.sample.jpm.model.JobTypeClass;
import io.github.servicetitan4j.sample.jpm.model.JobTypeResponse;
import io.github.servicetitan4j.sample.jpm.model.NoteResponse;
import io.github.servicetitan4j.test.RecordedRequest;
import io.github.servicetitan4j.test.ServiceTitanSimulator;
import io.github.servicetitan4j.test.SimulatedResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.service.registry.ImportHttpServices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The interfaces generated at build time from {@code src/main/openapi/jpm-fixture-v2.json}, injected as beans and
 * called against the simulator (no credentials): the simulator's own jobs, and job types it serves from a JSON file.
 */
@SpringBootTest(properties = { "sample.run-on-startup=false",
		"spring.datasource.url=jdbc:h2:mem:typed-jobs-tests;DB_CLOSE_DELAY=-1" })
class TypedJobsTests {

	static final ServiceTitanSimulator simulator = ServiceTitanSimulator.builder()
		.customers(40)
		.locations(40)
		.jobs(240)
		.resource(SimulatedResource.of("jpm", "job-types").fromJson("simulator/job-types.json"))
		.start();

	@DynamicPropertySource
	static void serviceTitan(DynamicPropertyRegistry registry) {
		simulator.properties().forEach((name, value) -> registry.add(name, () -> value));
	}

	@AfterAll
	static void stopSimulator() {
		simulator.close();
	}

	@TestConfiguration(proxyBeanMethods = false)
	@ImportHttpServices(group = ServiceTitanHttpServiceAutoConfiguration.GROUP,
			types = { JobsApi.class, ExportApi.class, JobTypesApi.class, JobAttachmentsApi.class })
	static class TypedClients {

	}

	@Autowired
	JobsApi jobs;

	@Autowired
	ExportApi export;

	@Autowired
	JobTypesApi jobTypes;

	@Autowired
	JobAttachmentsApi attachments;

	@Autowired
	EndpointFactory serviceTitan;

	@BeforeEach
	void resetSimulator() {
		simulator.reset();
	}

	@Test
	void whenScheduledJobsAreWalkedThenEveryPageOfThatStatusIsReadInTheTenantOfTheClient() {
		List<JsonNode> expected = this.serviceTitan.endpoint("jpm", "jobs").getAll(Map.of("jobStatus", "Scheduled"));
		simulator.resetJournal();

		List<JobResponse> scheduled;
		try (Stream<JobResponse> walk = this.jobs.jobsGetListStream(null, JobStatus.Scheduled, null, null, null, 10,
				null)) {
			scheduled = walk.toList();
		}

		assertThat(expected).hasSizeGreaterThan(10);
		assertThat(scheduled).extracting(JobResponse::getId)
			.containsExactlyElementsOf(expected.stream().map((job) -> job.path("id").asLong()).toList());
		assertThat(scheduled).extracting(JobResponse::getJobStatus).containsOnly(JobStatus.Scheduled);
		assertThat(scheduled.get(0).getCreatedOn()).isNotNull();
		List<RecordedRequest> pages = simulator.requests().find("GET", "/jpm/v2/tenant/" + simulator.tenantId() + "/jobs");
		assertThat(pages).hasSize((expected.size() + 9) / 10);
		assertThat(pages).allSatisfy((page) -> {
			assertThat(page.queryParam("jobStatus")).isEqualTo("Scheduled");
			assertThat(page.queryParam("pageSize")).isEqualTo("10");
		});
		// Pages are fetched ahead concurrently: each once, in any order
		assertThat(pages).extracting((page) -> page.queryParam("page"))
			.containsExactlyInAnyOrderElementsOf(
					IntStream.rangeClosed(1, pages.size()).mapToObj(String::valueOf).toList());
	}

	@Test
	void whenAFileIsUploadedThroughATypedInterfaceThenTheSimulatorStoresItAndServesItBack() throws Exception {
		long jobId = this.serviceTitan.endpoint("jpm", "jobs").getMany(Map.of("pageSize", 1)).data().get(0).path("id")
			.asLong();
		byte[] photo = "not really a JPEG \r\n--".getBytes(java.nio.charset.StandardCharsets.UTF_8);
		simulator.resetJournal();

		JsonNode stored = this.attachments.jobsCreateAttachment(jobId, new ByteArrayResource(photo) {

			@Override
			public String getFilename() {
				return "before.jpg";
			}

		});
		JsonNode listed = this.attachments.jobsGetJobAttachments(jobId)
			.data()
			.stream()
			.filter((attachment) -> "before.jpg".equals(attachment.path("fileName").asString()))
			.findFirst()
			.orElseThrow();
		byte[] downloaded = this.attachments.jobsGetAttachment(listed.path("id").asLong()).getContentAsByteArray();

		assertThat(stored.path("fileName").asString()).isEqualTo("before.jpg");
		assertThat(listed.path("contentType").asString()).isEqualTo("image/jpeg");
		assertThat(downloaded).isEqualTo(photo);
		List<RecordedRequest> uploads = simulator.requests()
			.find("POST", "/forms/v2/tenant/" + simulator.tenantId() + "/jobs/" + jobId + "/attachments");
		assertThat(uploads).singleElement()
			.satisfies((upload) -> assertThat(upload.header("Content-Type")).startsWith("multipart/form-data;"));
	}

	@Test
	void whenTheJobsExportIsStreamedThenEveryJobArrivesAndTheFeedEndsWithAToken() {
		try (ExportStream<ExportJobsResponse> feed = this.export.exportJobsStream(ExportOptions.defaults())) {
			List<ExportJobsResponse> exported = feed.stream().toList();

			assertThat(exported).hasSize(240);
			assertThat(exported).allSatisfy((job) -> {
				assertThat(job.getJobStatus()).isNotNull().isNotEqualTo(JobStatus.UNRECOGNIZED);
				assertThat(job.getModifiedOn()).isNotNull();
			});
			assertThat(feed.continueFrom()).isNotBlank();
		}
		assertThat(simulator.requests().find("GET", "/jpm/v2/tenant/" + simulator.tenantId() + "/export/jobs"))
			.first()
			.satisfies((first) -> assertThat(first.queryParam("from")).isNull());
	}

	@Test
	void whenAJobIsCreatedThenTheBodyCarriesOnlyTheFieldsSetAndTheNewJobComesBack() {
		JsonNode location = this.serviceTitan.endpoint("crm", "locations").getMany(Map.of("pageSize", 1)).data().get(0);
		JobCreateRequest request = new JobCreateRequest().customerId(location.path("customerId").asLong())
			.locationId(location.path("id").asLong())
			.jobTypeId(301L)
			.businessUnitId(200L)
			.priority("High")
			.campaignId(400L)
			.summary("Typed clients at work");

		JobResponse created = this.jobs.jobsCreate(request);

		assertThat(created.getId()).isNotNull();
		assertThat(created.getSummary()).isEqualTo("Typed clients at work");
		assertThat(this.jobs.jobsGet(created.getId()).getLocationId()).isEqualTo(location.path("id").asLong());
		RecordedRequest post = simulator.requests().find("POST", "/jpm/v2/tenant/" + simulator.tenantId() + "/jobs").get(0);
		assertThat(post.bodyAsString()).contains("\"priority\":\"High\"").doesNotContain("customFields");
	}

	@Test
	void whenANoteIsAddedToAJobThenTheSubResourceWalkReturnsIt() {
		long jobId = this.jobs.jobsGetList(null, null, null, null, null, 1, 1, null).data().get(0).getId();

		NoteResponse added = this.jobs.jobsCreateNote(jobId, new CreateNoteRequest().text("Gate code 4321"));

		assertThat(added.getText()).isEqualTo("Gate code 4321");
		try (Stream<NoteResponse> notes = this.jobs.jobsGetNotesStream(jobId, null, null)) {
			assertThat(notes.map(NoteResponse::getText)).contains("Gate code 4321");
		}
		assertThat(simulator.requests().count("GET", "/jpm/v2/tenant/" + simulator.tenantId() + "/jobs/" + jobId + "/notes"))
			.isPositive();
	}

	@Test
	void whenAJobDoesNotExistThenTheTypedCallThrowsNotFound() {
		assertThatExceptionOfType(ServiceTitanApiException.NotFound.class).isThrownBy(() -> this.jobs.jobsGet(1L));
		assertThat(simulator.requests().count("GET", "/jpm/v2/tenant/" + simulator.tenantId() + "/jobs/1")).isOne();
	}

	@Test
	void whenJobTypesComeFromAJsonFileThenSevenDigitFractionsAndUnknownEnumValuesAreRead() {
		List<JobTypeResponse> types = this.jobTypes.jobTypesGetList(null, null, null, null, null).data();

		assertThat(types).extracting(JobTypeResponse::getName)
			.containsExactly("Furnace tune-up", "Rooftop unit repair", "Cold storage service");
		assertThat(types.get(0).getModifiedOn())
			.isEqualTo(OffsetDateTime.of(2026, 11, 30, 8, 15, 42, 123_456_700, ZoneOffset.UTC));
		assertThat(types.get(2).getModifiedOn().getNano()).isEqualTo(100);
		assertThat(types).extracting(JobTypeResponse::getPropertyClass)
			.containsExactly(JobTypeClass.Residential, JobTypeClass.Commercial, JobTypeClass.UNRECOGNIZED);
		assertThat(this.jobTypes.jobTypesGet(302L).getDuration()).isEqualTo(7200);
	}

}
