package io.github.servicetitan4j;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.servicetitan4j.ServiceTitanClientListener.CallDescriptor;
import io.github.servicetitan4j.errors.ServiceTitanException.ResponseTooLargeException;
import io.github.servicetitan4j.errors.ServiceTitanException.ServiceTitanMappingException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.ResponseEntity;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Whole bodies read to the caller's type (issue 25): a record ({@code getOne(id, type)}, a typed call returning a
 * record, an {@link Optional}, a {@link ResponseEntity} or a generic type) and an envelope
 * ({@code getMany(query, type)}, typed {@link Page} and {@link ExportPage} returns) give the values Jackson reads from
 * the same JSON (dates, nested and generic types, nulls), fail naming the endpoint, the record and the field, are read
 * again when the body is not whole JSON, stay bounded by {@code max-response-size} and check strict records.
 */
class WholeBodyBindingWireTests {

	@RegisterExtension
	static final ServiceTitanWireMock wireMock = new ServiceTitanWireMock();

	static final JsonMapper JACKSON = JsonMapper.builder().build();

	static final String VISIT_1 = "{\"id\":1,\"createdOn\":\"2024-05-01T13:22:10.1234567Z\","
			+ "\"modifiedOn\":\"2024-02-29T23:59:59.9+02:00\",\"summary\":null,\"location\":{\"name\":\"Depot\"},"
			+ "\"items\":[{\"sku\":7,\"count\":2},{\"sku\":8}],\"tags\":{\"a\":[1,2]},\"unknown\":{\"x\":[1]}}";

	static final String VISIT_2 = "{\"id\":2,\"createdOn\":\"2024-05-01T13:22:10Z\","
			+ "\"modifiedOn\":\"2024-05-01T13:22:10.123456789-05:30\",\"summary\":\"Leak\",\"location\":null,"
			+ "\"items\":[],\"tags\":{}}";

	static final String BAD_DATE = "{\"id\":3,\"createdOn\":\"2023-02-29T13:22:10Z\"}";

	final List<String> retries = Collections.synchronizedList(new ArrayList<>());

	ServiceTitanClient client;

	String jobs;

	String exportJobs;

	record Location(String name) {
	}

	record Visit(long id, Instant createdOn, OffsetDateTime modifiedOn, String summary, Location location,
			List<Map<String, Long>> items, Map<String, List<Integer>> tags) {
	}

	record MisspeltVisit(long id, String created) {
	}

	/** More digits than a double holds: a record read through a tree of doubles would lose the tail. */
	static final String EXACT = "1234567.123456789012345678";

	static final String INVOICE = "{\"id\":1,\"total\":" + EXACT + "}";

	record Invoice(long id, BigDecimal total) {
	}

	@HttpExchange("/jpm/v2/tenant/{tenant}")
	interface VisitsApi {

		@GetExchange("/jobs/{id}")
		Visit visit(@PathVariable("id") long id);

		@GetExchange("/jobs/{id}")
		Optional<Visit> maybeVisit(@PathVariable("id") long id);

		@GetExchange("/jobs/{id}")
		ResponseEntity<Visit> visitEntity(@PathVariable("id") long id);

		@GetExchange("/jobs/{id}")
		JsonNode visitTree(@PathVariable("id") long id);

		@GetExchange("/jobs/{id}")
		Map<String, Object> visitMap(@PathVariable("id") long id);

		@GetExchange("/jobs/{id}")
		Map<String, Long> visitCounts(@PathVariable("id") long id);

		@GetExchange("/jobs")
		Page<Visit> visits(@RequestParam("page") int page);

		@GetExchange("/jobs")
		Page<Map<String, Object>> visitMaps(@RequestParam("page") int page);

		@GetExchange("/jobs")
		Page<JsonNode> visitTrees(@RequestParam("page") int page);

		@GetExchange("/export/jobs")
		ExportPage<Visit> exportVisits(@RequestParam("from") String from);

		@GetExchange("/jobs/summaries")
		List<Visit> summaries();

		@GetExchange("/jobs/{id}")
		Invoice invoice(@PathVariable("id") long id);

		@GetExchange("/jobs/{id}")
		Map<String, BigDecimal> invoiceMap(@PathVariable("id") long id);

		@GetExchange("/jobs")
		Page<Invoice> invoices(@RequestParam("page") int page);

		@GetExchange("/jobs")
		Page<Map<String, BigDecimal>> invoiceMaps(@RequestParam("page") int page);

		@GetExchange("/export/jobs")
		ExportPage<Invoice> exportInvoices(@RequestParam("from") String from);

	}

	@BeforeEach
	void createClient() {
		this.client = clientBuilder().build();
		this.jobs = wireMock.tenantPath("jpm") + "/jobs";
		this.exportJobs = wireMock.tenantPath("jpm") + "/export/jobs";
	}

	@AfterEach
	void closeClient() {
		this.client.close();
	}

	private ServiceTitanClient.Builder clientBuilder() {
		return wireMock.clientBuilder().listener(new ServiceTitanClientListener() {

			@Override
			public void onRetry(CallDescriptor call, String reason, Duration delay) {
				WholeBodyBindingWireTests.this.retries.add(call.operation() + ":" + reason);
			}

		});
	}

	private Endpoint jobsEndpoint() {
		return this.client.endpoint("jpm", "jobs");
	}

	private VisitsApi api() {
		return this.client.client(VisitsApi.class);
	}

	private static String page(int page, int pageSize, boolean hasMore, Long totalCount, String... records) {
		return "{\"page\":" + page + ",\"pageSize\":" + pageSize + ",\"hasMore\":" + hasMore + ",\"totalCount\":"
				+ totalCount + ",\"data\":[" + String.join(",", records) + "]}";
	}

	private static Visit jackson(String json) {
		return JACKSON.readValue(json, Visit.class);
	}

	private static Map<String, Object> map(String json) {
		return JACKSON.readValue(json, new TypeReference<Map<String, Object>>() {
		});
	}

	private void stub(MappingBuilder request, String body) {
		wireMock.server.stubFor(request.willReturn(okJson(body)));
	}

	/** A complete HTTP answer whose JSON stops part-way (only parsing tells), then the whole body. */
	private void stubBrokenThenWhole(String path, String whole, String broken) {
		wireMock.server.stubFor(get(urlPathEqualTo(path)).inScenario("broken")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(okJson(broken))
			.willSetStateTo("whole"));
		wireMock.server.stubFor(get(urlPathEqualTo(path)).inScenario("broken")
			.whenScenarioStateIs("whole")
			.willReturn(okJson(whole)));
	}

	@Test
	void whenWholeBodiesAreBoundToATypeThenDecimalsKeepEveryDigitAsNoTreeIsBuilt() {
		stub(get(urlPathEqualTo(this.jobs + "/1")), INVOICE);
		stub(get(urlPathEqualTo(this.jobs)), page(1, 1, false, null, INVOICE));
		stub(get(urlPathEqualTo(this.exportJobs)), "{\"hasMore\":false,\"continueFrom\":\"t2\",\"data\":[" + INVOICE + "]}");
		Invoice exact = new Invoice(1, new BigDecimal(EXACT));

		assertThat(jobsEndpoint().getOne("1", Invoice.class)).isEqualTo(exact);
		assertThat(jobsEndpoint().getMany(Map.of(), Invoice.class).data()).containsExactly(exact);
		assertThat(api().invoice(1)).isEqualTo(exact);
		assertThat(api().invoiceMap(1)).containsEntry("total", new BigDecimal(EXACT));
		assertThat(api().invoices(1).data()).containsExactly(exact);
		assertThat(api().invoiceMaps(1).data()).extracting((record) -> record.get("total"))
			.containsExactly(new BigDecimal(EXACT));
		assertThat(api().exportInvoices("t1").data()).containsExactly(exact);
		wireMock.server.verify(3, getRequestedFor(urlPathEqualTo(this.jobs + "/1")));
		wireMock.server.verify(3, getRequestedFor(urlPathEqualTo(this.jobs)));
		wireMock.server.verify(1, getRequestedFor(urlPathEqualTo(this.exportJobs)));
	}

	@Test
	void whenTheTypeIsNullThenTypedGetOneAndGetManyAreRefusedBeforeSending() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> jobsEndpoint().getOne("1", (Class<Visit>) null))
			.withMessage("type must not be null");
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> jobsEndpoint().getMany(Map.of(), (Class<Visit>) null))
			.withMessage("type must not be null");
		assertThat(wireMock.server.getAllServeEvents()).isEmpty();
	}

	// Endpoint.getOne(id, type)

	@Test
	void whenOneRecordIsReadTypedThenDatesNestedGenericsAndNullsAreTheValuesJacksonReads() {
		stub(get(urlPathEqualTo(this.jobs + "/1")), VISIT_1);

		Visit visit = jobsEndpoint().getOne("1", Visit.class);

		assertThat(visit).isEqualTo(jackson(VISIT_1));
		assertThat(visit.createdOn()).isEqualTo(Instant.parse("2024-05-01T13:22:10.1234567Z"));
		assertThat(visit.modifiedOn()).isEqualTo(OffsetDateTime.parse("2024-02-29T23:59:59.9+02:00"));
		assertThat(visit.summary()).isNull();
		assertThat(visit.location()).isEqualTo(new Location("Depot"));
		assertThat(visit.items()).containsExactly(Map.of("sku", 7L, "count", 2L), Map.of("sku", 8L));
		assertThat(visit.tags()).containsExactly(Map.entry("a", List.of(1, 2)));
		wireMock.server.verify(1, getRequestedFor(urlPathEqualTo(this.jobs + "/1")));
	}

	@Test
	void whenOneRecordDoesNotMapThenTheErrorNamesTheEndpointTheTypeAndTheFieldWithoutReadingAgain() {
		stub(get(urlPathEqualTo(this.jobs + "/3")), BAD_DATE);

		assertThatExceptionOfType(ServiceTitanMappingException.class)
			.isThrownBy(() -> jobsEndpoint().getOne("3", Visit.class))
			.withMessageStartingWith("Could not map the record from jpm/jobs (get_one) to " + Visit.class.getName()
					+ " at field 'createdOn': ")
			.withMessageContaining("2023-02-29T13:22:10Z");
		wireMock.server.verify(1, getRequestedFor(urlPathEqualTo(this.jobs + "/3")));
		assertThat(this.retries).isEmpty();
	}

	@Test
	void whenOneRecordIsNotWholeJsonThenItIsReadAgainWithinTheBudget() {
		stubBrokenThenWhole(this.jobs + "/1", VISIT_1, VISIT_1.substring(0, VISIT_1.indexOf("\"items\"")));

		Visit visit = jobsEndpoint().getOne("1", Visit.class);

		assertThat(visit).isEqualTo(jackson(VISIT_1));
		wireMock.server.verify(2, getRequestedFor(urlPathEqualTo(this.jobs + "/1")));
		assertThat(this.retries).hasSize(1);
	}

	@Test
	void whenARecordThatDoesNotMapIsCutShortThenItIsReadAgainBeforeTheMappingFails() {
		String bad = "{\"id\":3,\"createdOn\":\"2023-02-29T13:22:10Z\",\"summary\":\"cut";
		stubBrokenThenWhole(this.jobs + "/3", VISIT_2, bad);

		assertThat(jobsEndpoint().getOne("3", Visit.class)).isEqualTo(jackson(VISIT_2));
		wireMock.server.verify(2, getRequestedFor(urlPathEqualTo(this.jobs + "/3")));
	}

	@Test
	void whenOneRecordIsLargerThanTheLimitThenTypedGetOneFailsTypedWithoutRetrying() {
		ServiceTitanClient bounded = clientBuilder().maxResponseSize(DataSize.ofKilobytes(100)).build();
		stub(get(urlPathEqualTo(this.jobs + "/1")), "{\"id\":1,\"summary\":\"" + " ".repeat(200 * 1024) + "\"}");

		assertThatExceptionOfType(ResponseTooLargeException.class)
			.isThrownBy(() -> bounded.endpoint("jpm", "jobs").getOne("1", Visit.class))
			.withMessageContaining("servicetitan.max-response-size");
		wireMock.server.verify(1, getRequestedFor(urlPathEqualTo(this.jobs + "/1")));
		assertThat(wireMock.sleeps).isEmpty();
		bounded.close();
	}

	@Test
	void whenOneRecordIsEmptyThenTypedGetOneReturnsNull() {
		wireMock.server.stubFor(get(urlPathEqualTo(this.jobs + "/1")).willReturn(aResponse().withStatus(200)));

		assertThat(jobsEndpoint().getOne("1", Visit.class)).isNull();
		wireMock.server.verify(1, getRequestedFor(urlPathEqualTo(this.jobs + "/1")));
	}

	@Test
	void whenOneRecordIsJsonNullThenTypedGetOneReturnsNull() {
		stub(get(urlPathEqualTo(this.jobs + "/1")), "null");

		assertThat(jobsEndpoint().getOne("1", Visit.class)).isNull();
		wireMock.server.verify(1, getRequestedFor(urlPathEqualTo(this.jobs + "/1")));
	}

	@Test
	void whenStrictThenTypedGetOneStillCatchesAMissingProperty() {
		ServiceTitanClient strict = clientBuilder().strictRecords(true).build();
		stub(get(urlPathEqualTo(this.jobs + "/1")), VISIT_1);

		assertThatExceptionOfType(ServiceTitanMappingException.class)
			.isThrownBy(() -> strict.endpoint("jpm", "jobs").getOne("1", MisspeltVisit.class))
			.withMessageStartingWith("Could not map the record from jpm/jobs (get_one) to "
					+ MisspeltVisit.class.getName() + ": strict records expect 'created', which the record does not have")
			.withMessageEndingWith("(it has 'createdOn')");
		wireMock.server.verify(1, getRequestedFor(urlPathEqualTo(this.jobs + "/1")));
		strict.close();
	}

	// Endpoint.getMany(query, type)

	@Test
	void whenAPageIsReadTypedThenItsEnvelopeIsKeptAndEachRecordIsTheValueJacksonReads() {
		stub(get(urlPathEqualTo(this.jobs)).withQueryParam("page", equalTo("2")), page(2, 2, true, 5L, VISIT_1, VISIT_2));

		Page<Visit> page = jobsEndpoint().getMany(Map.of("page", 2, "pageSize", 2), Visit.class);

		assertThat(page.data()).containsExactly(jackson(VISIT_1), jackson(VISIT_2));
		assertThat(page.page()).isEqualTo(2);
		assertThat(page.pageSize()).isEqualTo(2);
		assertThat(page.hasMore()).isTrue();
		assertThat(page.totalCount()).isEqualTo(5L);
		wireMock.server.verify(1, getRequestedFor(urlPathEqualTo(this.jobs)).withQueryParam("page", equalTo("2"))
			.withQueryParam("pageSize", equalTo("2")));
	}

	@Test
	void whenAPageHasNoPageSizeThenTheTypedPageCountsItsRecords() {
		stub(get(urlPathEqualTo(this.jobs)), "{\"page\":1,\"hasMore\":false,\"data\":[" + VISIT_1 + "," + VISIT_2 + "]}");

		Page<Visit> page = jobsEndpoint().getMany(Map.of(), Visit.class);

		assertThat(page.pageSize()).isEqualTo(2);
		assertThat(page.totalCount()).isNull();
		assertThat(page.data()).hasSize(2);
		wireMock.server.verify(1, getRequestedFor(urlPathEqualTo(this.jobs)));
	}

	@Test
	void whenARecordOfAPageDoesNotMapThenTheErrorNamesTheRecordItsPageAndTheFieldWithoutReadingAgain() {
		stub(get(urlPathEqualTo(this.jobs)), page(4, 2, false, null, VISIT_1, BAD_DATE));

		assertThatExceptionOfType(ServiceTitanMappingException.class)
			.isThrownBy(() -> jobsEndpoint().getMany(Map.of(), Visit.class))
			.withMessageStartingWith("Could not map record 1 of page 4 from jpm/jobs (get_many) to "
					+ Visit.class.getName() + " at field 'createdOn': ")
			.withMessageContaining("2023-02-29T13:22:10Z");
		wireMock.server.verify(1, getRequestedFor(urlPathEqualTo(this.jobs)));
		assertThat(this.retries).isEmpty();
	}

	@Test
	void whenThePageNumberFollowsTheRecordsThenAMappingErrorStillNamesThePageTheServerSent() {
		stub(get(urlPathEqualTo(this.jobs)), "{\"data\":[" + BAD_DATE + "],\"page\":7,\"hasMore\":false}");

		assertThatExceptionOfType(ServiceTitanMappingException.class)
			.isThrownBy(() -> jobsEndpoint().getMany(Map.of(), Visit.class))
			.withMessageStartingWith("Could not map record 0 of page 7 from jpm/jobs (get_many) to "
					+ Visit.class.getName() + " at field 'createdOn': ");
		wireMock.server.verify(1, getRequestedFor(urlPathEqualTo(this.jobs)));
	}

	@Test
	void whenAPageIsNotWholeJsonThenItIsReadAgainWithinTheBudget() {
		String whole = page(1, 2, false, null, VISIT_1, VISIT_2);
		stubBrokenThenWhole(this.jobs, whole, whole.substring(0, whole.indexOf("\"id\":2") + 7));

		Page<Visit> page = jobsEndpoint().getMany(Map.of(), Visit.class);

		assertThat(page.data()).containsExactly(jackson(VISIT_1), jackson(VISIT_2));
		wireMock.server.verify(2, getRequestedFor(urlPathEqualTo(this.jobs)));
		assertThat(this.retries).hasSize(1);
	}

	@Test
	void whenARecordThatDoesNotMapIsInAPageCutShortThenThePageIsReadAgainBeforeTheMappingFails() {
		String whole = page(1, 2, false, null, VISIT_1, VISIT_2);
		String broken = page(1, 2, false, null, BAD_DATE, VISIT_2);
		stubBrokenThenWhole(this.jobs, whole, broken.substring(0, broken.indexOf("\"id\":2") + 7));

		Page<Visit> page = jobsEndpoint().getMany(Map.of(), Visit.class);

		assertThat(page.data()).containsExactly(jackson(VISIT_1), jackson(VISIT_2));
		wireMock.server.verify(2, getRequestedFor(urlPathEqualTo(this.jobs)));
	}

	@Test
	void whenABodyIsNotAPageThenTypedGetManyFailsNamingTheEndpoint() {
		stub(get(urlPathEqualTo(this.jobs)), "{\"message\":\"hmm\"}");

		assertThatExceptionOfType(ServiceTitanMappingException.class)
			.isThrownBy(() -> jobsEndpoint().getMany(Map.of(), Visit.class))
			.withMessage("jpm/jobs (get_many) answered without a 'data' array; got an object with [message]");
		wireMock.server.verify(1, getRequestedFor(urlPathEqualTo(this.jobs)));
	}

	@Test
	void whenAPageIsLargerThanTheLimitThenTypedGetManyFailsTypedWithoutRetrying() {
		ServiceTitanClient bounded = clientBuilder().maxResponseSize(DataSize.ofKilobytes(100)).build();
		stub(get(urlPathEqualTo(this.jobs)),
				page(1, 1, false, null, "{\"id\":1,\"summary\":\"" + " ".repeat(200 * 1024) + "\"}"));

		assertThatExceptionOfType(ResponseTooLargeException.class)
			.isThrownBy(() -> bounded.endpoint("jpm", "jobs").getMany(Map.of(), Visit.class))
			.withMessageContaining("servicetitan.max-response-size");
		wireMock.server.verify(1, getRequestedFor(urlPathEqualTo(this.jobs)));
		assertThat(wireMock.sleeps).isEmpty();
		bounded.close();
	}

	@Test
	void whenStrictThenTypedGetManyStillCatchesAMissingPropertyNamingTheRecordAndPage() {
		ServiceTitanClient strict = clientBuilder().strictRecords(true).build();
		stub(get(urlPathEqualTo(this.jobs)), page(1, 2, false, null, VISIT_1, VISIT_2));

		assertThatExceptionOfType(ServiceTitanMappingException.class)
			.isThrownBy(() -> strict.endpoint("jpm", "jobs").getMany(Map.of(), MisspeltVisit.class))
			.withMessageStartingWith("Could not map record 0 of page 1 from jpm/jobs (get_many) to "
					+ MisspeltVisit.class.getName() + ": strict records expect 'created'");
		wireMock.server.verify(1, getRequestedFor(urlPathEqualTo(this.jobs)));
		strict.close();
	}

	// Typed calls (@HttpExchange)

	@Test
	void whenATypedCallReturnsARecordThenItIsTheValueJacksonReads() {
		stub(get(urlPathEqualTo(this.jobs + "/1")), VISIT_1);

		assertThat(api().visit(1)).isEqualTo(jackson(VISIT_1));
		assertThat(api().maybeVisit(1)).contains(jackson(VISIT_1));
		ResponseEntity<Visit> entity = api().visitEntity(1);
		assertThat(entity.getStatusCode().value()).isEqualTo(200);
		assertThat(entity.getBody()).isEqualTo(jackson(VISIT_1));
		wireMock.server.verify(3, getRequestedFor(urlPathEqualTo(this.jobs + "/1")));
	}

	@Test
	void whenATypedCallAnswersNothingThenTheRecordIsNullAndTheOptionalEmpty() {
		wireMock.server.stubFor(get(urlPathEqualTo(this.jobs + "/1")).willReturn(aResponse().withStatus(200)));
		stub(get(urlPathEqualTo(this.jobs + "/2")), "null");

		assertThat(api().visit(1)).isNull();
		assertThat(api().maybeVisit(1)).isEmpty();
		assertThat(api().visitEntity(1).getBody()).isNull();
		assertThat(api().visit(2)).isNull();
		assertThat(api().maybeVisit(2)).isEmpty();
		assertThat(api().visitEntity(2).getBody()).isNull();
		assertThat(api().visitTree(1).isMissingNode()).isTrue();
		assertThat(api().visitTree(2).isNull()).isTrue();
		wireMock.server.verify(4, getRequestedFor(urlPathEqualTo(this.jobs + "/1")));
		wireMock.server.verify(4, getRequestedFor(urlPathEqualTo(this.jobs + "/2")));
	}

	@Test
	void whenATypedCallReturnsATreeOrAGenericTypeThenTheyHoldTheBody() {
		stub(get(urlPathEqualTo(this.jobs + "/1")), VISIT_1);
		stub(get(urlPathEqualTo(this.jobs + "/summaries")), "[" + VISIT_1 + "," + VISIT_2 + "]");

		assertThat(api().visitTree(1)).isEqualTo(JACKSON.readTree(VISIT_1));
		assertThat(api().visitMap(1)).isEqualTo(map(VISIT_1));
		assertThat(api().summaries()).containsExactly(jackson(VISIT_1), jackson(VISIT_2));
		wireMock.server.verify(2, getRequestedFor(urlPathEqualTo(this.jobs + "/1")));
		wireMock.server.verify(1, getRequestedFor(urlPathEqualTo(this.jobs + "/summaries")));
	}

	@Test
	void whenATypedRecordDoesNotMapThenTheErrorNamesTheOperationTheTypeAndTheField() {
		stub(get(urlPathEqualTo(this.jobs + "/3")), BAD_DATE);

		assertThatExceptionOfType(ServiceTitanMappingException.class).isThrownBy(() -> api().visit(3))
			.withMessageStartingWith("Could not map the record from jpm/jobs/{id} (VisitsApi.visit) to "
					+ Visit.class.getName() + " at field 'createdOn': ");
		assertThatExceptionOfType(ServiceTitanMappingException.class).isThrownBy(() -> api().visitEntity(3))
			.withMessageStartingWith("Could not map the record from jpm/jobs/{id} (VisitsApi.visitEntity) to "
					+ Visit.class.getName() + " at field 'createdOn': ");
		wireMock.server.verify(2, getRequestedFor(urlPathEqualTo(this.jobs + "/3")));
		assertThat(this.retries).isEmpty();
	}

	@Test
	void whenATypedGenericRecordDoesNotMapThenTheErrorNamesTheOperationAndTheGenericType() {
		stub(get(urlPathEqualTo(this.jobs + "/3")), "{\"id\":3,\"count\":\"many\"}");

		assertThatExceptionOfType(ServiceTitanMappingException.class).isThrownBy(() -> api().visitCounts(3))
			.withMessageStartingWith("Could not map the record from jpm/jobs/{id} (VisitsApi.visitCounts) to "
					+ "java.util.Map<java.lang.String, java.lang.Long>: ")
			.withMessageContaining("many");
		wireMock.server.verify(1, getRequestedFor(urlPathEqualTo(this.jobs + "/3")));
	}

	@Test
	void whenATypedRecordIsNotWholeJsonThenItIsReadAgainWithinTheBudget() {
		stubBrokenThenWhole(this.jobs + "/1", VISIT_1, VISIT_1.substring(0, VISIT_1.indexOf("\"items\"")));

		assertThat(api().visit(1)).isEqualTo(jackson(VISIT_1));
		wireMock.server.verify(2, getRequestedFor(urlPathEqualTo(this.jobs + "/1")));
		assertThat(this.retries).hasSize(1);
	}

	@Test
	void whenATypedPageIsReadThenItsEnvelopeIsKeptAndEachRecordIsTheValueJacksonReads() {
		stub(get(urlPathEqualTo(this.jobs)).withQueryParam("page", equalTo("3")), page(3, 2, true, 9L, VISIT_1, VISIT_2));

		Page<Visit> page = api().visits(3);
		Page<Map<String, Object>> maps = api().visitMaps(3);
		Page<JsonNode> trees = api().visitTrees(3);

		assertThat(page).isEqualTo(new Page<>(3, 2, true, 9L, List.of(jackson(VISIT_1), jackson(VISIT_2))));
		assertThat(maps.data()).containsExactly(map(VISIT_1), map(VISIT_2));
		assertThat(maps.totalCount()).isEqualTo(9L);
		assertThat(trees.data()).containsExactly(JACKSON.readTree(VISIT_1), JACKSON.readTree(VISIT_2));
		wireMock.server.verify(3, getRequestedFor(urlPathEqualTo(this.jobs)).withQueryParam("page", equalTo("3")));
	}

	@Test
	void whenARecordOfATypedPageDoesNotMapThenTheErrorNamesTheRecordItsPageAndTheField() {
		stub(get(urlPathEqualTo(this.jobs)), page(5, 2, false, null, VISIT_1, BAD_DATE));

		assertThatExceptionOfType(ServiceTitanMappingException.class).isThrownBy(() -> api().visits(5))
			.withMessageStartingWith("Could not map record 1 of page 5 from jpm/jobs (VisitsApi.visits) to "
					+ Visit.class.getName() + " at field 'createdOn': ");
		wireMock.server.verify(1, getRequestedFor(urlPathEqualTo(this.jobs)));
		assertThat(this.retries).isEmpty();
	}

	@Test
	void whenATypedPageIsNotWholeJsonThenItIsReadAgainWithinTheBudget() {
		String whole = page(1, 2, false, null, VISIT_1, VISIT_2);
		stubBrokenThenWhole(this.jobs, whole, whole.substring(0, whole.indexOf("\"id\":2") + 7));

		assertThat(api().visits(1).data()).containsExactly(jackson(VISIT_1), jackson(VISIT_2));
		wireMock.server.verify(2, getRequestedFor(urlPathEqualTo(this.jobs)));
		assertThat(this.retries).hasSize(1);
	}

	@Test
	void whenATypedPageIsLargerThanTheLimitThenItFailsTypedWithoutRetrying() {
		ServiceTitanClient bounded = clientBuilder().maxResponseSize(DataSize.ofKilobytes(100)).build();
		stub(get(urlPathEqualTo(this.jobs)),
				page(1, 1, false, null, "{\"id\":1,\"summary\":\"" + " ".repeat(200 * 1024) + "\"}"));

		assertThatExceptionOfType(ResponseTooLargeException.class)
			.isThrownBy(() -> bounded.client(VisitsApi.class).visits(1));
		wireMock.server.verify(1, getRequestedFor(urlPathEqualTo(this.jobs)));
		bounded.close();
	}

	@Test
	void whenStrictThenATypedPageStillCatchesAMissingProperty() {
		ServiceTitanClient strict = clientBuilder().strictRecords(true).build();
		stub(get(urlPathEqualTo(this.jobs)), page(1, 2, false, null, VISIT_1, VISIT_2));
		stub(get(urlPathEqualTo(this.jobs + "/1")), "{\"id\":1}");

		assertThatExceptionOfType(ServiceTitanMappingException.class)
			.isThrownBy(() -> strict.client(StrictApi.class).visits(1))
			.withMessageStartingWith("Could not map record 0 of page 1 from jpm/jobs (StrictApi.visits) to "
					+ MisspeltVisit.class.getName() + ": strict records expect 'created'");
		assertThatExceptionOfType(ServiceTitanMappingException.class)
			.isThrownBy(() -> strict.client(StrictApi.class).visit(1))
			.withMessageStartingWith("Could not map the record from jpm/jobs/{id} (StrictApi.visit) to "
					+ MisspeltVisit.class.getName() + ": strict records expect 'created'");
		wireMock.server.verify(1, getRequestedFor(urlPathEqualTo(this.jobs)));
		wireMock.server.verify(1, getRequestedFor(urlPathEqualTo(this.jobs + "/1")));
		strict.close();
	}

	@HttpExchange("/jpm/v2/tenant/{tenant}")
	interface StrictApi {

		@GetExchange("/jobs")
		Page<MisspeltVisit> visits(@RequestParam("page") int page);

		@GetExchange("/jobs/{id}")
		MisspeltVisit visit(@PathVariable("id") long id);

	}

	@Test
	void whenATypedExportBatchIsReadThenItKeepsItsTokenAndEachRecordIsTheValueJacksonReads() {
		stub(get(urlPathEqualTo(this.exportJobs)).withQueryParam("from", equalTo("t1")),
				"{\"hasMore\":true,\"continueFrom\":\"t2\",\"data\":[" + VISIT_1 + "," + VISIT_2 + "]}");

		ExportPage<Visit> batch = api().exportVisits("t1");

		assertThat(batch).isEqualTo(new ExportPage<>(List.of(jackson(VISIT_1), jackson(VISIT_2)), true, "t2"));
		wireMock.server.verify(1, getRequestedFor(urlPathEqualTo(this.exportJobs)).withQueryParam("from", equalTo("t1")));
	}

	@Test
	void whenARecordOfATypedExportBatchDoesNotMapThenTheErrorNamesTheRecordAndTheField() {
		stub(get(urlPathEqualTo(this.exportJobs)),
				"{\"hasMore\":false,\"continueFrom\":\"t2\",\"data\":[" + VISIT_1 + "," + BAD_DATE + "]}");

		assertThatExceptionOfType(ServiceTitanMappingException.class).isThrownBy(() -> api().exportVisits("t1"))
			.withMessageStartingWith("Could not map record 1 of the batch from jpm/export/jobs (VisitsApi.exportVisits) to "
					+ Visit.class.getName() + " at field 'createdOn': ");
		wireMock.server.verify(1, getRequestedFor(urlPathEqualTo(this.exportJobs)));
	}

}
