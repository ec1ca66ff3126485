package io.github.servicetitan4j;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.servicetitan4j.errors.ServiceTitanApiException;
import io.github.servicetitan4j.errors.ServiceTitanException;
import io.github.servicetitan4j.errors.ServiceTitanException.ServiceTitanMappingException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpMethod;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
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
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Each of the reference library's ten operations, asserted on the wire: method, path, query, headers and body.
 */
class ReferenceOperationsWireTests {

	@RegisterExtension
	static final ServiceTitanWireMock wireMock = new ServiceTitanWireMock();

	ServiceTitanClient client;

	String jpm;

	@BeforeEach
	void resetServer() {
		this.client = wireMock.client();
		this.jpm = wireMock.tenantPath("jpm");
	}

	private List<LoggedRequest> apiRequests() {
		return wireMock.server.findAll(getRequestedFor(anyUrl()))
			.stream()
			.filter((request) -> !request.getUrl().startsWith("/connect"))
			.toList();
	}

	// get_one

	@Test
	void getOneWithModifierAndQueryGetsTheSubResource() {
		wireMock.server.stubFor(get(urlPathEqualTo(this.jpm + "/jobs/42/notes"))
			.willReturn(okJson("{\"data\":[{\"text\":\"hi\"}]}")));

		JsonNode notes = this.client.endpoint("jpm", "jobs").getOne("42", "notes", Map.of("active", "Any"));

		assertThat(notes.path("data").get(0).path("text").asString()).isEqualTo("hi");
		wireMock.server.verify(getRequestedFor(urlPathEqualTo(this.jpm + "/jobs/42/notes"))
			.withQueryParam("active", equalTo("Any"))
			.withRequestBody(absent()));
	}

	@Test
	void getOneMapsToTheCallersTypeIgnoringUnknownProperties() {
		wireMock.server.stubFor(get(urlPathEqualTo(this.jpm + "/jobs/42"))
			.willReturn(okJson("{\"id\":42,\"summary\":\"Fix AC\",\"somethingNew\":true}")));

		Job job = this.client.endpoint("jpm", "jobs").getOne("42", Job.class);

		assertThat(job).isEqualTo(new Job(42, "Fix AC"));
	}

	@Test
	void idsAndModifiersAreSingleEncodedPathSegments() {
		wireMock.server.stubFor(get(urlPathMatching("/jpm/.*")).willReturn(okJson("{}")));
		Endpoint jobs = this.client.endpoint("jpm", "jobs");

		jobs.getOne("../x");
		jobs.getOne("a/b", "c d");
		jobs.getOne("..");
		jobs.getOne("what?x=1#frag", "semi;colon");

		assertThat(apiRequests()).extracting(LoggedRequest::getUrl)
			.containsExactly(this.jpm + "/jobs/..%2Fx", this.jpm + "/jobs/a%2Fb/c%20d", this.jpm + "/jobs/%2E%2E",
					this.jpm + "/jobs/what%3Fx%3D1%23frag/semi%3Bcolon");
	}

	@Test
	void endpointNamesMayContainSlashes() {
		wireMock.server.stubFor(get(urlPathEqualTo(wireMock.tenantPath("crm") + "/customers/contacts/5"))
			.willReturn(okJson("{\"id\":5}")));

		JsonNode contact = this.client.endpoint("crm", "customers/contacts").getOne("5");

		assertThat(contact.path("id").asInt()).isEqualTo(5);
	}

	@Test
	void queryValuesAreSentAsGivenAndStrictlyEncoded() {
		wireMock.server.stubFor(get(urlPathEqualTo(this.jpm + "/jobs")).willReturn(okJson("{\"data\":[]}")));
		Map<String, Object> query = new LinkedHashMap<>();
		query.put("sort", "+ModifiedOn");
		query.put("includeTotal", true);
		query.put("ids", List.of(1, 2, 3));
		query.put("modifiedOnOrAfter", "2026-01-01T00:00:00Z");
		query.put("skipped", null);
		Map<String, Object> before = new LinkedHashMap<>(query);

		this.client.endpoint("jpm", "jobs").getMany(query);

		assertThat(query).isEqualTo(before);
		assertThat(apiRequests()).singleElement()
			.extracting(LoggedRequest::getUrl)
			.isEqualTo(this.jpm + "/jobs?sort=%2BModifiedOn&includeTotal=true&ids=1%2C2%2C3"
					+ "&modifiedOnOrAfter=2026-01-01T00%3A00%3A00Z");
	}

	// get_many

	@Test
	void getManyReturnsOnePageWithItsFields() {
		wireMock.server.stubFor(get(urlPathEqualTo(this.jpm + "/jobs")).willReturn(okJson(
				"{\"page\":2,\"pageSize\":50,\"hasMore\":true,\"totalCount\":120,\"data\":[{\"id\":51},{\"id\":52}]}")));

		Page<JsonNode> page = this.client.endpoint("jpm", "jobs").getMany(Map.of("page", 2, "pageSize", 50));

		assertThat(page.page()).isEqualTo(2);
		assertThat(page.pageSize()).isEqualTo(50);
		assertThat(page.hasMore()).isTrue();
		assertThat(page.totalCount()).isEqualTo(120L);
		assertThat(page.data()).extracting((job) -> job.path("id").asInt()).containsExactly(51, 52);
		wireMock.server.verify(getRequestedFor(urlPathEqualTo(this.jpm + "/jobs")).withQueryParam("page", equalTo("2"))
			.withQueryParam("pageSize", equalTo("50")));
	}

	@Test
	void getManyOfASubResourceAndTyped() {
		wireMock.server.stubFor(get(urlPathEqualTo(this.jpm + "/jobs/42/notes"))
			.willReturn(okJson("{\"page\":1,\"pageSize\":50,\"hasMore\":false,\"data\":[{\"text\":\"a\"}]}")));
		wireMock.server.stubFor(get(urlPathEqualTo(this.jpm + "/jobs"))
			.willReturn(okJson("{\"page\":1,\"pageSize\":50,\"hasMore\":false,\"data\":[{\"id\":1,\"summary\":\"s\"}]}")));
		Endpoint jobs = this.client.endpoint("jpm", "jobs");

		Page<JsonNode> notes = jobs.getMany("42", "notes", Map.of());
		Page<Job> typed = jobs.getMany(Map.of(), Job.class);

		assertThat(notes.data()).hasSize(1);
		assertThat(notes.totalCount()).isNull();
		assertThat(typed.data()).containsExactly(new Job(1, "s"));
	}

	@Test
	void aBodyThatIsNotAPageIsAnErrorNotData() {
		wireMock.server.stubFor(get(urlPathEqualTo(this.jpm + "/jobs")).willReturn(okJson("{\"message\":\"hmm\"}")));

		assertThatExceptionOfType(ServiceTitanMappingException.class)
			.isThrownBy(() -> this.client.endpoint("jpm", "jobs").getMany(Map.of()))
			.withMessageContaining("jpm/jobs")
			.withMessageContaining("'data'");
	}

	// get_all

	@Test
	void getAllOfASubResourceStartsAtTheCallersPageAndUsesItsPageSize() {
		String notes = this.jpm + "/jobs/42/notes";
		wireMock.server.stubFor(get(urlPathEqualTo(notes)).withQueryParam("page", equalTo("3"))
			.willReturn(okJson("{\"page\":3,\"hasMore\":true,\"data\":[{\"id\":1}]}")));
		wireMock.server.stubFor(get(urlPathEqualTo(notes)).withQueryParam("page", equalTo("4"))
			.willReturn(okJson("{\"page\":4,\"hasMore\":false,\"data\":[{\"id\":2}]}")));

		List<JsonNode> all = this.client.endpoint("jpm", "jobs").getAll("42", "notes", Map.of("page", 3, "pageSize", 10));

		assertThat(all).extracting((note) -> note.path("id").asInt()).containsExactly(1, 2);
		wireMock.server.verify(2, getRequestedFor(urlPathEqualTo(notes)).withQueryParam("pageSize", equalTo("10")));
	}

	@Test
	void getAllTypedMapsEveryRecord() {
		wireMock.server.stubFor(get(urlPathEqualTo(this.jpm + "/jobs"))
			.willReturn(okJson("{\"page\":1,\"hasMore\":false,\"data\":[{\"id\":1,\"summary\":\"a\"},{\"id\":2}]}")));

		List<Job> all = this.client.endpoint("jpm", "jobs").getAll(Map.of(), Job.class);

		assertThat(all).containsExactly(new Job(1, "a"), new Job(2, null));
	}

	@Test
	void getAllEndsWithAnErrorWhenTheServerKeepsSendingEmptyPagesWithHasMore() {
		wireMock.server.stubFor(get(urlPathEqualTo(this.jpm + "/jobs"))
			.willReturn(okJson("{\"page\":1,\"hasMore\":true,\"data\":[]}")));

		assertThatExceptionOfType(ServiceTitanException.class)
			.isThrownBy(() -> this.client.endpoint("jpm", "jobs").getAll(Map.of()))
			.withMessageContaining("empty pages");
		wireMock.server.verify(PageWalk.MAX_EMPTY_PAGES, getRequestedFor(urlPathEqualTo(this.jpm + "/jobs")));
	}

	@Test
	void streamAllSendsNothingUntilTheFirstRecordIsPulled() {
		wireMock.server.stubFor(get(urlPathEqualTo(this.jpm + "/jobs"))
			.willReturn(okJson("{\"page\":1,\"hasMore\":false,\"data\":[{\"id\":1}]}")));

		try (var stream = this.client.endpoint("jpm", "jobs").streamAll(Map.of())) {
			assertThat(apiRequests()).isEmpty();
			assertThat(stream.findFirst()).isPresent();
		}
		assertThat(apiRequests()).hasSize(1);
	}

	// create

	@Test
	void createPostsJson() {
		wireMock.server.stubFor(post(urlPathEqualTo(this.jpm + "/jobs"))
			.willReturn(okJson("{\"id\":99,\"summary\":\"New Job\"}")));
		Map<String, Object> job = Map.of("summary", "New Job", "customerId", 12345,
				"location", Map.of("street", "1 Main St", "tags", List.of("a", "b")));

		JsonNode created = this.client.endpoint("jpm", "jobs").create(job);

		assertThat(created.path("id").asInt()).isEqualTo(99);
		wireMock.server.verify(postRequestedFor(urlPathEqualTo(this.jpm + "/jobs"))
			.withHeader("Content-Type", equalTo("application/json"))
			.withRequestBody(equalToJson(
					"{\"summary\":\"New Job\",\"customerId\":12345,\"location\":{\"street\":\"1 Main St\",\"tags\":[\"a\",\"b\"]}}")));
	}

	@Test
	void createOfASubItemPostsToTheRecordsSubResource() {
		wireMock.server.stubFor(post(urlPathEqualTo(this.jpm + "/jobs/42/notes")).willReturn(okJson("{\"id\":5}")));

		JsonNode note = this.client.endpoint("jpm", "jobs").create("42", "notes", Map.of("text", "Called", "pinToTop", true));

		assertThat(note.path("id").asInt()).isEqualTo(5);
		wireMock.server.verify(postRequestedFor(urlPathEqualTo(this.jpm + "/jobs/42/notes"))
			.withHeader("Content-Type", equalTo("application/json"))
			.withRequestBody(equalToJson("{\"text\":\"Called\",\"pinToTop\":true}")));
	}

	@Test
	void anEmptyResponseBodyIsAMissingNode() {
		wireMock.server.stubFor(post(urlPathEqualTo(this.jpm + "/jobs")).willReturn(aResponse().withStatus(201)));
		wireMock.server.stubFor(delete(urlPathEqualTo(this.jpm + "/jobs/1")).willReturn(aResponse().withStatus(204)));

		assertThat(this.client.endpoint("jpm", "jobs").create(Map.of("a", 1)).isMissingNode()).isTrue();
		assertThat(this.client.endpoint("jpm", "jobs").delete("1").isMissingNode()).isTrue();
	}

	// update

	@Test
	void updatePutsJsonAndPatchPatchesIt() {
		wireMock.server.stubFor(put(urlPathEqualTo(this.jpm + "/jobs/7")).willReturn(okJson("{\"ok\":1}")));
		wireMock.server.stubFor(patch(urlPathEqualTo(this.jpm + "/jobs/7")).willReturn(okJson("{\"ok\":2}")));
		wireMock.server.stubFor(patch(urlPathEqualTo(this.jpm + "/jobs/7/notes")).willReturn(okJson("{\"ok\":3}")));
		Endpoint jobs = this.client.endpoint("jpm", "jobs");

		assertThat(jobs.update("7", Map.of("summary", "Updated", "nested", Map.of("x", 1))).path("ok").asInt()).isEqualTo(1);
		assertThat(jobs.patch("7", Map.of("summary", "Patched")).path("ok").asInt()).isEqualTo(2);
		assertThat(jobs.update("7", "notes", Map.of("text", "n"), HttpMethod.PATCH).path("ok").asInt()).isEqualTo(3);

		wireMock.server.verify(putRequestedFor(urlPathEqualTo(this.jpm + "/jobs/7"))
			.withHeader("Content-Type", equalTo("application/json"))
			.withRequestBody(equalToJson("{\"summary\":\"Updated\",\"nested\":{\"x\":1}}")));
		wireMock.server.verify(patchRequestedFor(urlPathEqualTo(this.jpm + "/jobs/7"))
			.withRequestBody(equalToJson("{\"summary\":\"Patched\"}")));
		wireMock.server.verify(patchRequestedFor(urlPathEqualTo(this.jpm + "/jobs/7/notes")));
	}

	@Test
	void updateRejectsMethodsOtherThanPutAndPatchBeforeAnyRequest() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.client.endpoint("jpm", "jobs").update("7", null, Map.of(), HttpMethod.POST))
			.withMessageContaining("PUT or PATCH");
		assertThat(wireMock.server.getAllServeEvents()).isEmpty();
	}

	// delete, delete_subitem

	@Test
	void deleteSendsDeleteWithoutABody() {
		wireMock.server.stubFor(delete(urlPathEqualTo(this.jpm + "/jobs/7")).willReturn(okJson("{}")));
		wireMock.server.stubFor(delete(urlPathEqualTo(this.jpm + "/jobs/7/notes")).willReturn(okJson("{}")));

		this.client.endpoint("jpm", "jobs").delete("7");
		this.client.endpoint("jpm", "jobs").delete("7", "notes");

		wireMock.server.verify(deleteRequestedFor(urlPathEqualTo(this.jpm + "/jobs/7")).withRequestBody(absent()));
		wireMock.server.verify(deleteRequestedFor(urlPathEqualTo(this.jpm + "/jobs/7/notes")));
	}

	@Test
	void deleteSubitemDeletesIdModifierModifierId() {
		wireMock.server.stubFor(delete(urlPathEqualTo(this.jpm + "/jobs/12345678/notes/note_id")).willReturn(okJson("{}")));

		this.client.endpoint("jpm", "jobs").deleteSubitem("12345678", "notes", "note_id");

		wireMock.server.verify(1, deleteRequestedFor(urlPathEqualTo(this.jpm + "/jobs/12345678/notes/note_id")));
	}

	// export_one, export_all

	@Test
	void exportOneCallsTheExportPathWithFromAndIncludeRecentChanges() {
		wireMock.server.stubFor(get(urlPathEqualTo(this.jpm + "/export/jobs")).willReturn(
				okJson("{\"hasMore\":true,\"continueFrom\":\"tok-2\",\"data\":[{\"id\":1}]}")));

		ExportPage<JsonNode> first = this.client.endpoint("jpm", "export").exportOne("jobs");
		ExportPage<JsonNode> next = this.client.endpoint("jpm", "export").exportOne("jobs", "tok-1", true);

		assertThat(first.hasMore()).isTrue();
		assertThat(first.continueFrom()).isEqualTo("tok-2");
		assertThat(next.data()).hasSize(1);
		wireMock.server.verify(getRequestedFor(urlPathEqualTo(this.jpm + "/export/jobs")).withQueryParam("from", absent())
			.withQueryParam("includeRecentChanges", equalTo("false")));
		wireMock.server.verify(getRequestedFor(urlPathEqualTo(this.jpm + "/export/jobs"))
			.withQueryParam("from", equalTo("tok-1"))
			.withQueryParam("includeRecentChanges", equalTo("true")));
	}

	@Test
	void exportAllFollowsContinueFromAndReturnsTheFinalToken() {
		String path = wireMock.tenantPath("crm") + "/export/customers/contacts";
		wireMock.server.stubFor(get(urlPathEqualTo(path)).withQueryParam("from", absent())
			.willReturn(okJson("{\"hasMore\":true,\"continueFrom\":\"t1\",\"data\":[{\"id\":1},{\"id\":2}]}")));
		wireMock.server.stubFor(get(urlPathEqualTo(path)).withQueryParam("from", equalTo("t1"))
			.willReturn(okJson("{\"hasMore\":true,\"continueFrom\":\"t2\",\"data\":[{\"id\":3}]}")));
		wireMock.server.stubFor(get(urlPathEqualTo(path)).withQueryParam("from", equalTo("t2"))
			.willReturn(okJson("{\"hasMore\":false,\"continueFrom\":\"t3\",\"data\":[]}")));

		ExportPage<JsonNode> all = this.client.endpoint("crm", "export").exportAll("customers/contacts");

		assertThat(all.data()).extracting((record) -> record.path("id").asInt()).containsExactly(1, 2, 3);
		assertThat(all.continueFrom()).isEqualTo("t3");
		assertThat(all.hasMore()).isFalse();
	}

	@Test
	void exportAllEndsWithAnErrorWhenTheTokenStopsAdvancing() {
		String path = this.jpm + "/export/jobs";
		wireMock.server.stubFor(get(urlPathEqualTo(path)).withQueryParam("from", absent())
			.willReturn(okJson("{\"hasMore\":true,\"continueFrom\":\"same\",\"data\":[{\"id\":1}]}")));
		wireMock.server.stubFor(get(urlPathEqualTo(path)).withQueryParam("from", equalTo("same"))
			.willReturn(okJson("{\"hasMore\":true,\"continueFrom\":\"same\",\"data\":[]}")));

		assertThatExceptionOfType(ServiceTitanException.class)
			.isThrownBy(() -> this.client.endpoint("jpm", "export").exportAll("jobs"))
			.withMessageContaining("did not advance");
		wireMock.server.verify(2, getRequestedFor(urlPathEqualTo(path)));
	}

	@Test
	void exportStreamTellsTheTokenSafeToStore() {
		String path = this.jpm + "/export/jobs";
		wireMock.server.stubFor(get(urlPathEqualTo(path)).withQueryParam("from", equalTo("start"))
			.willReturn(okJson("{\"hasMore\":true,\"continueFrom\":\"t1\",\"data\":[{\"id\":1},{\"id\":2}]}")));
		wireMock.server.stubFor(get(urlPathEqualTo(path)).withQueryParam("from", equalTo("t1"))
			.willReturn(okJson("{\"hasMore\":false,\"continueFrom\":\"t2\",\"data\":[{\"id\":3}]}")));

		try (ExportStream<JsonNode> feed = this.client.endpoint("jpm", "export").streamExport("jobs", "start", false)) {
			var records = feed.iterator();
			assertThat(feed.continueFrom()).isEqualTo("start");
			records.next();
			records.next();
			assertThat(feed.continueFrom()).as("second record taken but not yet handled").isEqualTo("start");
			assertThat(records.hasNext()).isTrue();
			assertThat(feed.continueFrom()).isEqualTo("t1");
			records.next();
			assertThat(records.hasNext()).isFalse();
			assertThat(feed.continueFrom()).isEqualTo("t2");
		}
	}

	// download

	@Test
	void downloadReturnsTheBytesAndFollowsRedirects() {
		byte[] png = { (byte) 0x89, 'P', 'N', 'G', 0, 1, 2 };
		wireMock.server.stubFor(get(urlPathEqualTo(wireMock.tenantPath("pricebook") + "/images/logo"))
			.willReturn(aResponse().withStatus(302).withHeader("Location", "/files/logo.png")));
		wireMock.server.stubFor(get(urlPathEqualTo("/files/logo.png")).willReturn(
				aResponse().withStatus(200).withHeader("Content-Type", "image/png").withBody(png)));
		wireMock.server.stubFor(get(urlPathEqualTo(wireMock.tenantPath("forms") + "/jobs/attachment/12345678"))
			.willReturn(aResponse().withHeader("Content-Type", "application/octet-stream").withBody("%PDF-1.7")));

		assertThat(this.client.endpoint("pricebook", "images").download("logo")).isEqualTo(png);
		assertThat(this.client.endpoint("forms", "jobs/attachment").download("12345678"))
			.isEqualTo("%PDF-1.7".getBytes(StandardCharsets.US_ASCII));
	}

	@Test
	void downloadToAFileStreamsItIntoPlace(@TempDir Path directory) throws IOException {
		byte[] body = new byte[256 * 1024];
		for (int i = 0; i < body.length; i++) {
			body[i] = (byte) i;
		}
		wireMock.server.stubFor(get(urlPathEqualTo(wireMock.tenantPath("forms") + "/jobs/attachment/1"))
			.willReturn(aResponse().withHeader("Content-Type", "application/octet-stream").withBody(body)));
		Path target = directory.resolve("attachment.bin");

		Path written = this.client.endpoint("forms", "jobs/attachment").download("1", null, target);

		assertThat(written).isEqualTo(target.toAbsolutePath());
		assertThat(Files.readAllBytes(target)).isEqualTo(body);
		try (var files = Files.list(directory)) {
			assertThat(files).containsExactly(target);
		}
	}

	@Test
	void aFailedDownloadLeavesNoPartialFileAndKeepsAnExistingOne(@TempDir Path directory) throws IOException {
		wireMock.server.stubFor(get(urlPathEqualTo(wireMock.tenantPath("forms") + "/jobs/attachment/1"))
			.willReturn(aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE)));
		wireMock.server.stubFor(get(urlPathEqualTo(wireMock.tenantPath("forms") + "/jobs/attachment/2"))
			.willReturn(aResponse().withStatus(404)));
		Path target = directory.resolve("attachment.bin");
		Path existing = directory.resolve("existing.bin");
		Files.writeString(existing, "keep me");
		Endpoint attachments = this.client.endpoint("forms", "jobs/attachment");

		assertThatExceptionOfType(ServiceTitanException.class).isThrownBy(() -> attachments.download("1", null, target));
		assertThatExceptionOfType(ServiceTitanApiException.NotFound.class).isThrownBy(() -> attachments.download("2", null, existing));

		assertThat(Files.readString(existing)).isEqualTo("keep me");
		try (var files = Files.list(directory)) {
			assertThat(files).containsExactly(existing);
		}
	}

	// arguments

	@Test
	void invalidArgumentsFailBeforeAnyRequest() {
		Endpoint jobs = this.client.endpoint("jpm", "jobs");

		assertThatIllegalArgumentException().isThrownBy(() -> this.client.endpoint(" ", "jobs")).withMessageContaining("folder");
		assertThatIllegalArgumentException().isThrownBy(() -> this.client.endpoint("jpm", null)).withMessageContaining("endpoint");
		assertThatIllegalArgumentException().isThrownBy(() -> jobs.getOne("")).withMessageContaining("id");
		assertThatIllegalArgumentException().isThrownBy(() -> jobs.getOne(null)).withMessageContaining("id");
		assertThatIllegalArgumentException().isThrownBy(() -> jobs.deleteSubitem("1", "notes", " "))
			.withMessageContaining("modifierId");
		assertThatIllegalArgumentException().isThrownBy(() -> jobs.getAll(Map.of("pageSize", 5001)))
			.withMessageContaining("pageSize");
		assertThatIllegalArgumentException().isThrownBy(() -> jobs.getMany(Map.of("pageSize", 0)))
			.withMessageContaining("pageSize");
		assertThatIllegalArgumentException().isThrownBy(() -> jobs.streamAll(Map.of("pageSize", "lots")))
			.withMessageContaining("pageSize");
		assertThatIllegalArgumentException().isThrownBy(() -> jobs.create(null)).withMessageContaining("payload");
		assertThatIllegalArgumentException().isThrownBy(() -> jobs.exportOne("../jobs"))
			.withMessageContaining("exportEndpoint");
		assertThat(wireMock.server.getAllServeEvents()).isEmpty();
	}

	record Job(int id, String summary) {
	}

}
