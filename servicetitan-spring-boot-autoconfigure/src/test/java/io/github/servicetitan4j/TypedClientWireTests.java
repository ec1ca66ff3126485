package io.github.servicetitan4j;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.http.Fault;
import io.github.servicetitan4j.errors.ServiceTitanApiException;
import io.github.servicetitan4j.errors.ServiceTitanException.ResponseTooLargeException;
import io.github.servicetitan4j.errors.ServiceTitanTransportException;
import io.github.servicetitan4j.export.ExportCheckpointStore;
import io.github.servicetitan4j.typed.ExportJob;
import io.github.servicetitan4j.typed.Job;
import io.github.servicetitan4j.typed.JobCreateRequest;
import io.github.servicetitan4j.typed.JobStatus;
import io.github.servicetitan4j.typed.JobUpdateRequest;
import io.github.servicetitan4j.typed.JobsApi;
import io.github.servicetitan4j.typed.Note;
import io.github.servicetitan4j.typed.NoteCreateRequest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.core.io.Resource;
import org.springframework.http.ResponseEntity;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.DeleteExchange;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.github.servicetitan4j.ServiceTitanWireMock.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Typed HTTP-interface calls on the wire: the same token, headers, retries, limiter, exceptions, walks, checkpoints and
 * size bound as {@link Endpoint} calls, the tenant filled in.
 */
class TypedClientWireTests {

	@RegisterExtension
	static final ServiceTitanWireMock wireMock = new ServiceTitanWireMock();

	final List<ServiceTitanClient> clients = new ArrayList<>();

	String jobs;

	@BeforeEach
	void paths() {
		this.jobs = wireMock.tenantPath("jpm") + "/jobs";
	}

	@AfterEach
	void closeClients() {
		this.clients.forEach(ServiceTitanClient::close);
	}

	ServiceTitanClient client(ServiceTitanClient.Builder builder) {
		ServiceTitanClient client = builder.build();
		this.clients.add(client);
		return client;
	}

	JobsApi api() {
		return client(wireMock.clientBuilder()).client(JobsApi.class);
	}

	@Test
	void whenATypedCallAndAnEndpointCallRunThenOneTokenServesBothAndTheTenantIsFilledIn() {
		wireMock.server.stubFor(get(urlPathEqualTo(this.jobs + "/42")).willReturn(okJson(
				"{\"id\":42,\"summary\":\"Fix AC\",\"jobStatus\":\"InProgress\",\"createdOn\":\"2026-01-02T03:04:05.1234567Z\","
						+ "\"location\":{\"name\":\"Main St\"},\"unknown\":1}")));
		ServiceTitanClient client = client(wireMock.clientBuilder());

		Job job = client.client(JobsApi.class).jobsGet(42L, null);
		client.endpoint("jpm", "jobs").getOne("42");

		assertThat(job.getSummary()).isEqualTo("Fix AC");
		assertThat(job.getJobStatus()).isEqualTo(JobStatus.IN_PROGRESS);
		assertThat(job.getCreatedOn()).isEqualTo(OffsetDateTime.parse("2026-01-02T03:04:05.1234567Z"));
		assertThat(job.getLocation().getName()).isEqualTo("Main St");
		assertThat(wireMock.tokenRequests()).isEqualTo(1);
		wireMock.server.verify(2, getRequestedFor(urlEqualTo("/jpm/v2/tenant/" + ServiceTitanWireMock.TENANT + "/jobs/42"))
			.withHeader("Authorization", bearer(ServiceTitanWireMock.TOKEN))
			.withHeader("ST-App-Key", equalTo(ServiceTitanWireMock.APP_KEY))
			.withHeader("Accept", equalTo("application/json")));
	}

	@Test
	void whenTheSameInterfaceIsAskedForTwiceThenTheClientHandsOutOneInstance() {
		ServiceTitanClient client = client(wireMock.clientBuilder());

		assertThat(client.client(JobsApi.class)).isSameAs(client.client(JobsApi.class));
		assertThat(client.client(JobsApi.class)).hasToString("JobsApi[tenant " + ServiceTitanWireMock.TENANT + "]");
	}

	@Test
	void whenAGetAnswers503ThenTheTypedCallIsRetriedWithinTheBudget() {
		RetryStubs.failThenSucceed(wireMock, () -> get(urlPathEqualTo(this.jobs + "/7")), 2,
				aResponse().withStatus(503));

		Job job = api().jobsGet(7L, null);

		assertThat(job.getId()).isEqualTo(1L);
		wireMock.server.verify(3, getRequestedFor(urlPathEqualTo(this.jobs + "/7")));
		assertThat(wireMock.sleeps).hasSize(2);
	}

	@Test
	void whenAPostIsCutOffWithoutAnAnswerThenItIsNotRepeated() {
		wireMock.server.stubFor(post(urlPathEqualTo(this.jobs))
			.willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

		assertThatExceptionOfType(ServiceTitanTransportException.class)
			.isThrownBy(() -> api().jobsCreate(new JobCreateRequest("New", JobStatus.IN_PROGRESS)))
			.satisfies((ex) -> assertThat(ex.outcomeUnknown()).isTrue());

		wireMock.server.verify(1, postRequestedFor(urlPathEqualTo(this.jobs)));
	}

	@Test
	void whenAPostSucceedsThenItsBodyIsTheRequestAsJson() {
		wireMock.server.stubFor(post(urlPathEqualTo(this.jobs)).willReturn(okJson("{\"id\":5,\"summary\":\"New\"}")));

		Job created = api().jobsCreate(new JobCreateRequest("New", JobStatus.IN_PROGRESS));

		assertThat(created.getId()).isEqualTo(5L);
		wireMock.server.verify(postRequestedFor(urlPathEqualTo(this.jobs))
			.withHeader("Content-Type", equalTo("application/json"))
			.withRequestBody(equalToJson("{\"summary\":\"New\",\"jobStatus\":\"InProgress\"}")));
	}

	@Test
	void whenPatchDeleteAndSubResourceCallsRunThenEachReachesItsPathWithItsMethod() {
		wireMock.server.stubFor(patch(urlPathEqualTo(this.jobs + "/3")).willReturn(okJson("{\"id\":3,\"summary\":\"B\"}")));
		wireMock.server.stubFor(delete(urlPathEqualTo(this.jobs + "/3")).willReturn(aResponse().withStatus(204)));
		wireMock.server.stubFor(post(urlPathEqualTo(this.jobs + "/3/notes")).willReturn(okJson("{\"id\":9,\"text\":\"hi\"}")));
		wireMock.server.stubFor(delete(urlPathEqualTo(this.jobs + "/3/tags/8")).willReturn(okJson("{}")));
		JobsApi api = api();

		assertThat(api.jobsUpdate(3L, new JobUpdateRequest("B")).getSummary()).isEqualTo("B");
		api.jobsDelete(3L);
		assertThat(api.jobsCreateNote(3L, new NoteCreateRequest("hi"))).isEqualTo(new Note(9, "hi"));
		api.jobsRemoveTag(3L, 8L);

		wireMock.server.verify(patchRequestedFor(urlPathEqualTo(this.jobs + "/3"))
			.withRequestBody(equalToJson("{\"summary\":\"B\"}")));
		wireMock.server.verify(deleteRequestedFor(urlPathEqualTo(this.jobs + "/3")));
		wireMock.server.verify(postRequestedFor(urlPathEqualTo(this.jobs + "/3/notes"))
			.withRequestBody(equalToJson("{\"text\":\"hi\"}")));
		wireMock.server.verify(deleteRequestedFor(urlPathEqualTo(this.jobs + "/3/tags/8")));
	}

	@Test
	void whenAPathVariableHoldsSlashesOrDotsThenItStaysOneEncodedSegment() {
		wireMock.server.stubFor(get(urlPathEqualTo(this.jobs + "/a%2Fb")).willReturn(okJson("{\"id\":1}")));
		wireMock.server.stubFor(get(urlPathEqualTo(this.jobs + "/%2E%2E")).willReturn(okJson("{\"id\":2}")));
		JobsApi api = api();

		assertThat(api.jobsGetByName("a/b").getId()).isEqualTo(1L);
		assertThat(api.jobsGetByName("..").getId()).isEqualTo(2L);
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> api.jobsGetByName(" "))
			.withMessageContaining("JobsApi.jobsGetByName")
			.withMessageContaining("'id'");
	}

	@Test
	void whenFiltersAreGivenThenEnumsAreWrittenByTheirJsonValueDatesIsoListsCommaSeparatedAndNullsLeftOut() {
		wireMock.server.stubFor(get(urlPathEqualTo(this.jobs)).willReturn(okJson(Envelopes.page(2, true, 1, 2))));

		Page<Job> page = api().jobsGetList(2, 50, JobStatus.IN_PROGRESS, List.of(1L, 2L, 3L),
				OffsetDateTime.parse("2026-01-01T00:00Z"), null);

		assertThat(page.page()).isEqualTo(2);
		assertThat(page.hasMore()).isTrue();
		assertThat(page.data()).extracting(Job::getId).containsExactly(1L, 2L);
		assertThat(wireMock.server.findAll(getRequestedFor(urlPathEqualTo(this.jobs)))).singleElement()
			.satisfies((request) -> assertThat(request.getUrl()).isEqualTo(this.jobs
					+ "?page=2&pageSize=50&jobStatus=InProgress&ids=1%2C2%2C3&createdOnOrAfter=2026-01-01T00%3A00%3A00Z"));
	}

	@Test
	void whenTheServerRefusesThenTheTypedCallFailsWithTheTypedException() {
		wireMock.server.stubFor(get(urlPathEqualTo(this.jobs + "/9")).willReturn(aResponse().withStatus(404)
			.withHeader("Content-Type", "application/problem+json")
			.withBody("{\"title\":\"Job not found\",\"status\":404,\"traceId\":\"00-abc-01\"}")));

		assertThatExceptionOfType(ServiceTitanApiException.NotFound.class).isThrownBy(() -> api().jobsGet(9L, null))
			.satisfies((ex) -> {
				assertThat(ex.traceId()).isEqualTo("00-abc-01");
				assertThat(ex.getMessage()).contains("GET", "/jpm/v2/tenant/1234567/jobs/9", "Job not found");
				RetryStubs.assertNoSecret(ex.getMessage());
			});
	}

	@Test
	void whenTypedCallsComeFasterThanTheRateThenTheLimiterPacesThemOnTheInjectedClock() {
		wireMock.server.stubFor(get(urlPathEqualTo(this.jobs + "/1")).willReturn(okJson("{\"id\":1}")));
		JobsApi api = client(wireMock.clientBuilder().rateLimit(1, 1, Duration.ofMinutes(1))).client(JobsApi.class);

		for (int i = 0; i < 3; i++) {
			api.jobsGet(1L, null);
		}

		wireMock.server.verify(3, getRequestedFor(urlPathEqualTo(this.jobs + "/1")));
		assertThat(wireMock.sleeps).hasSize(2)
			.allSatisfy((sleep) -> assertThat(sleep).isBetween(Duration.ofMillis(900), Duration.ofSeconds(1)));
	}

	@Test
	void whenAListIsStreamedThenNothingIsSentBeforeItIsReadAndThePagesAfterTheFirstAreFetchedAhead() {
		for (int page = 1; page <= 4; page++) {
			int from = page * 2 - 1;
			wireMock.server.stubFor(get(urlPathEqualTo(this.jobs)).withQueryParam("page", equalTo(Integer.toString(page)))
				.willReturn(okJson(Envelopes.page(page, 2, page < 4, 8, from, from + 1))));
		}
		JobsApi api = client(wireMock.clientBuilder().pagingConcurrency(3)).client(JobsApi.class);

		try (Stream<Job> stream = api.jobsGetListStream(2, JobStatus.COMPLETED)) {
			assertThat(wireMock.server.findAll(getRequestedFor(urlPathEqualTo(this.jobs)))).isEmpty();
			assertThat(stream.map(Job::getId)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
		}

		wireMock.server.verify(1, getRequestedFor(urlPathEqualTo(this.jobs)).withQueryParam("page", equalTo("1"))
			.withQueryParam("includeTotal", equalTo("true")));
		for (int page = 2; page <= 4; page++) {
			wireMock.server.verify(1, getRequestedFor(urlPathEqualTo(this.jobs))
				.withQueryParam("page", equalTo(Integer.toString(page)))
				.withQueryParam("includeTotal", absent()));
		}
		wireMock.server.verify(4, getRequestedFor(urlPathEqualTo(this.jobs)).withQueryParam("pageSize", equalTo("2"))
			.withQueryParam("jobStatus", equalTo("Completed")));
	}

	@Test
	void whenALookAheadPageIsLargerThanTheLimitThenTheTypedWalkFailsTyped() {
		wireMock.server.stubFor(get(urlPathEqualTo(this.jobs)).withQueryParam("page", equalTo("1"))
			.willReturn(okJson(Envelopes.page(1, 2, true, 4, 1, 2))));
		wireMock.server.stubFor(get(urlPathEqualTo(this.jobs)).withQueryParam("page", equalTo("2"))
			.willReturn(okJson(Envelopes.page(2, 2000, false, 4, 3, 2002))));
		JobsApi api = client(wireMock.clientBuilder().pagingConcurrency(2).maxResponseSize(DataSize.ofKilobytes(10)))
			.client(JobsApi.class);

		assertThatExceptionOfType(ResponseTooLargeException.class).isThrownBy(() -> {
			try (Stream<Job> stream = api.jobsGetListStream(2, null)) {
				stream.forEach((job) -> {
				});
			}
		});
	}

	@Test
	void whenAnExportStreamHasACheckpointThenItResumesFromItAndSavesEachBatchUnderTheEndpointsKey() {
		String export = wireMock.tenantPath("jpm") + "/export/jobs";
		wireMock.server.stubFor(get(urlPathEqualTo(export)).withQueryParam("from", equalTo("t1"))
			.willReturn(okJson("{\"hasMore\":true,\"continueFrom\":\"t2\",\"data\":[{\"id\":1,"
					+ "\"modifiedOn\":\"2026-01-01T00:00:00.1234567Z\"}]}")));
		wireMock.server.stubFor(get(urlPathEqualTo(export)).withQueryParam("from", equalTo("t2"))
			.willReturn(okJson("{\"hasMore\":false,\"continueFrom\":\"t3\",\"data\":[{\"id\":2,"
					+ "\"modifiedOn\":\"2026-01-02T00:00:00Z\"}]}")));
		ExportCheckpointStore store = ExportCheckpointStore.inMemory();
		ExportCheckpointStore.Key key = new ExportCheckpointStore.Key(ServiceTitanWireMock.TENANT, "jpm", "jobs");
		store.save(key, "t1");

		List<Long> ids;
		try (ExportStream<ExportJob> stream = api().jobsExportStream(
				ExportOptions.checkpointed(store).withIncludeRecentChanges(true))) {
			ids = stream.stream().map(ExportJob::id).toList();
		}

		assertThat(ids).containsExactly(1L, 2L);
		assertThat(store.load(key)).isEqualTo("t3");
		wireMock.server.verify(2, getRequestedFor(urlPathEqualTo(export))
			.withQueryParam("includeRecentChanges", equalTo("true")));
	}

	@Test
	void whenOneExportBatchIsAskedForThenItComesWithItsToken() {
		String export = wireMock.tenantPath("jpm") + "/export/jobs";
		wireMock.server.stubFor(get(urlPathEqualTo(export)).willReturn(okJson(
				"{\"hasMore\":true,\"continueFrom\":\"t9\",\"data\":[{\"id\":4,\"modifiedOn\":\"2026-01-01T00:00:00Z\"}]}")));

		ExportPage<ExportJob> batch = api().jobsExport("2026-01-01", null);

		assertThat(batch.data()).extracting(ExportJob::id).containsExactly(4L);
		assertThat(batch.continueFrom()).isEqualTo("t9");
		assertThat(batch.hasMore()).isTrue();
		wireMock.server.verify(getRequestedFor(urlEqualTo(export + "?from=2026-01-01")));
	}

	@Test
	void whenAFileIsDownloadedThenItIsBoundedByTheMaximumResponseSize() {
		byte[] small = "small file".getBytes(StandardCharsets.UTF_8);
		wireMock.server.stubFor(get(urlPathEqualTo(this.jobs + "/attachment/1"))
			.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/pdf").withBody(small)));
		wireMock.server.stubFor(get(urlPathEqualTo(this.jobs + "/attachment/2"))
			.willReturn(aResponse().withStatus(200).withBody(new byte[20 * 1024])));
		JobsApi api = client(wireMock.clientBuilder().maxResponseSize(DataSize.ofKilobytes(10))).client(JobsApi.class);

		Resource file = api.attachmentGet(1L);

		assertThat(file).satisfies((resource) -> assertThat(resource.getContentAsByteArray()).isEqualTo(small));
		assertThat(api.attachmentBytes(1L)).isEqualTo(small);
		assertThatExceptionOfType(ResponseTooLargeException.class).isThrownBy(() -> api.attachmentGet(2L));
		wireMock.server.verify(1, getRequestedFor(urlPathEqualTo(this.jobs + "/attachment/2")));
		wireMock.server.verify(2, getRequestedFor(urlPathEqualTo(this.jobs + "/attachment/1"))
			.withHeader("Accept", equalTo("*/*")));
	}

	@Test
	void whenAnOperationAnswersAJsonArrayThenItIsMappedToTheGenericType() {
		wireMock.server.stubFor(get(urlPathEqualTo(this.jobs + "/summaries"))
			.willReturn(okJson("[{\"id\":1,\"summary\":\"a\"},{\"id\":2,\"summary\":\"b\"}]")));

		List<Job> summaries = api().jobsSummaries();

		assertThat(summaries).extracting(Job::getSummary).containsExactly("a", "b");
	}

	@Test
	void whenAnInterfaceIsNotOneThenTheClientSaysSo() {
		ServiceTitanClient client = client(wireMock.clientBuilder());

		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> client.client(Job.class))
			.withMessageContaining(Job.class.getName())
			.withMessageContaining("not an interface");
	}

	@Test
	void whenAnEntityIsAskedForThenItCarriesTheStatusHeadersAndMappedBody() {
		wireMock.server.stubFor(get(urlPathEqualTo(this.jobs + "/6"))
			.willReturn(okJson("{\"id\":6}").withHeader("X-Trace", "t-1")));
		wireMock.server.stubFor(delete(urlPathEqualTo(this.jobs + "/6")).willReturn(aResponse().withStatus(204)));
		EdgeApi api = client(wireMock.clientBuilder()).client(EdgeApi.class);

		ResponseEntity<Job> entity = api.jobEntity(6L);
		ResponseEntity<Void> deleted = api.deleteEntity(6L);

		assertThat(entity.getStatusCode().value()).isEqualTo(200);
		assertThat(entity.getHeaders().getFirst("X-Trace")).isEqualTo("t-1");
		assertThat(entity.getBody()).extracting(Job::getId).isEqualTo(6L);
		assertThat(deleted.getStatusCode().value()).isEqualTo(204);
		wireMock.server.verify(deleteRequestedFor(urlPathEqualTo(this.jobs + "/6")));
	}

	@Test
	void whenARequiredQueryParameterIsNullOrAnUnsupportedHeaderIsGivenThenNothingIsSentAndTheErrorNamesIt() {
		EdgeApi api = client(wireMock.clientBuilder()).client(EdgeApi.class);

		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> api.requiredStatus(null))
			.withMessage("EdgeApi.requiredStatus: query parameter 'jobStatus' is required");
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> api.withHeader(1L, "x"))
			.withMessageContaining("EdgeApi.withHeader")
			.withMessageContaining("'X-Extra'");
		assertThat(wireMock.server.findAll(getRequestedFor(urlPathMatching("/jpm/.*")))).isEmpty();
	}

	@Test
	void whenAnInterfaceReturnsAFutureThenTheClientRefusesItBeforeAnyCall() {
		ServiceTitanClient client = client(wireMock.clientBuilder());

		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> client.client(FutureApi.class))
			.withMessageContaining("FutureApi.jobLater returns CompletableFuture");
		assertThat(wireMock.server.findAll(getRequestedFor(urlPathMatching("/jpm/.*")))).isEmpty();
	}

	/** A shape the client does not read. */
	@HttpExchange("/jpm/v2/tenant/{tenant}")
	public interface FutureApi {

		@GetExchange("/jobs/{id}")
		CompletableFuture<Job> jobLater(@PathVariable("id") Long id);

	}

	/** Shapes beyond the generator's: entities, a required filter, a header. */
	@HttpExchange("/jpm/v2/tenant/{tenant}")
	public interface EdgeApi {

		@GetExchange("/jobs/{id}")
		ResponseEntity<Job> jobEntity(@PathVariable("id") Long id);

		@DeleteExchange("/jobs/{id}")
		ResponseEntity<Void> deleteEntity(@PathVariable("id") Long id);

		@GetExchange("/jobs")
		Page<Job> requiredStatus(@RequestParam("jobStatus") @Nullable JobStatus jobStatus);

		@GetExchange("/jobs/{id}")
		Job withHeader(@PathVariable("id") Long id, @RequestHeader("X-Extra") String extra);

	}

}
