package io.github.servicetitan4j;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.servicetitan4j.ServiceTitanClientListener.CallDescriptor;
import io.github.servicetitan4j.errors.ServiceTitanException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Typed records bound straight from the token stream (issue 25): streamed pages, pages read ahead and export batches
 * keep every digit of a decimal (no tree in between), and a typed page cut short is read again with the last delivered
 * record checked by the id noted while it was bound, or, for records without an id, by the value itself.
 */
class RecordBindingWireTests {

	@RegisterExtension
	static final ServiceTitanWireMock wireMock = new ServiceTitanWireMock();

	/** More digits than a double holds: a record read through a tree of doubles would lose the tail. */
	static final String EXACT = "1234567.123456789012345678";

	final List<String> retries = Collections.synchronizedList(new ArrayList<>());

	ServiceTitanClient client;

	String jobs;

	String exportJobs;

	record Invoice(long id, BigDecimal total) {
	}

	record Note(String text) {
	}

	/** A count that fits an {@code int}. */
	record Tally(long id, int count) {
	}

	/** A record whose factory refuses a value with a checked exception. */
	record Currency(long id, String code) {

		@JsonCreator
		static Currency of(@JsonProperty("id") long id, @JsonProperty("code") String code) throws IOException {
			if ("XXX".equals(code)) {
				throw new IOException("no such currency: " + code);
			}
			return new Currency(id, code);
		}

	}

	record Visit(long id, Instant createdOn, OffsetDateTime modifiedOn) {
	}

	/** A type without equals: records without an id are compared as the JSON they are written as. */
	static final class Memo {

		public String text;

	}

	@BeforeEach
	void createClient() {
		this.client = wireMock.clientBuilder().pagingConcurrency(3).listener(new ServiceTitanClientListener() {

			@Override
			public void onRetry(CallDescriptor call, String reason, Duration delay) {
				RecordBindingWireTests.this.retries.add(call.operation() + ":" + reason);
			}

		}).build();
		this.jobs = wireMock.tenantPath("jpm") + "/jobs";
		this.exportJobs = wireMock.tenantPath("jpm") + "/export/jobs";
	}

	@AfterEach
	void closeClient() {
		this.client.close();
	}

	private static String invoices(int from, int to) {
		List<String> records = new ArrayList<>();
		for (int id = from; id <= to; id++) {
			// A nested id before the record's own: only the top-level one identifies the record.
			records.add("{\"customer\":{\"id\":99},\"id\":" + id + ",\"total\":" + EXACT + ",\"unknown\":[{\"id\":7}]}");
		}
		return "[" + String.join(",", records) + "]";
	}

	private static String page(int page, int pageSize, boolean hasMore, Long totalCount, String data) {
		return "{\"page\":" + page + ",\"pageSize\":" + pageSize + ",\"hasMore\":" + hasMore + ",\"totalCount\":"
				+ totalCount + ",\"data\":" + data + "}";
	}

	private void stubPage(int page, String body) {
		wireMock.server.stubFor(get(urlPathEqualTo(this.jobs)).withQueryParam("page", equalTo(Integer.toString(page)))
			.willReturn(okJson(body)));
	}

	private void stubCutThenWhole(String cut, String whole) {
		wireMock.server.stubFor(get(urlPathEqualTo(this.jobs)).inScenario("cut")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(okJson(cut))
			.willSetStateTo("again"));
		wireMock.server.stubFor(get(urlPathEqualTo(this.jobs)).inScenario("cut")
			.whenScenarioStateIs("again")
			.willReturn(okJson(whole)));
	}

	/**
	 * Page 2 answers first with a complete HTTP answer whose JSON stops inside record 4 (only parsing it tells), then
	 * with {@code second}.
	 */
	private void stubPageTwoGarbledThen(String first, String second) {
		wireMock.server.stubFor(get(urlPathEqualTo(this.jobs)).withQueryParam("page", equalTo("2"))
			.inScenario("garbled")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(okJson(first.substring(0, first.indexOf("\"id\":4") + 8)))
			.willSetStateTo("again"));
		wireMock.server.stubFor(get(urlPathEqualTo(this.jobs)).withQueryParam("page", equalTo("2"))
			.inScenario("garbled")
			.whenScenarioStateIs("again")
			.willReturn(okJson(second)));
	}

	private static <T> List<T> all(Stream<T> records) {
		try (records) {
			return records.toList();
		}
	}

	@Test
	void whenTypedRecordsAreStreamedThenDecimalsKeepEveryDigit() {
		stubPage(1, page(1, 2, false, null, invoices(1, 2)));

		List<Invoice> invoices = all(this.client.endpoint("jpm", "jobs").streamAll(Map.of(), Invoice.class));

		assertThat(invoices).containsExactly(new Invoice(1, new BigDecimal(EXACT)), new Invoice(2, new BigDecimal(EXACT)));
		wireMock.server.verify(1, getRequestedFor(urlPathEqualTo(this.jobs)).withQueryParam("page", equalTo("1")));
	}

	@Test
	void whenTypedPagesAreReadAheadThenTheyAreBoundInOrderAndKeepEveryDigit() {
		stubPage(1, page(1, 2, true, 6L, invoices(1, 2)));
		stubPage(2, page(2, 2, true, 6L, invoices(3, 4)));
		stubPage(3, page(3, 2, false, 6L, invoices(5, 6)));

		List<Invoice> invoices = all(
				this.client.endpoint("jpm", "jobs").streamAll(Map.of("pageSize", 2, "includeTotal", true), Invoice.class));

		assertThat(invoices).extracting(Invoice::id).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
		assertThat(invoices).extracting(Invoice::total).containsOnly(new BigDecimal(EXACT));
		for (int page = 1; page <= 3; page++) {
			wireMock.server.verify(1, getRequestedFor(urlPathEqualTo(this.jobs))
				.withQueryParam("page", equalTo(Integer.toString(page))));
		}
	}

	record Line(long id, String text, BigDecimal total, List<Long> tags) {
	}

	@Test
	void whenPagesReadAheadMixPlainRecordsWithOnesLeftToJacksonThenEachIsJacksonsValueInOrderAndEachPageIsAskedOnce() {
		// Pages 2 and 3 are read ahead and bound from their bytes (record plans); the records marked "Jackson" are ones
		// a plan leaves to Jackson (a coercion, a missing property), or, for the escaped name, looks up as Jackson does.
		// Page 3 says its page number after its records, which Jackson's parser reads once the plan has read them.
		String[] lines = { "{\"id\":1,\"text\":\"plain\",\"total\":1.50,\"tags\":[1,2]}",
				"{\"id\":2,\"text\":\"Jalapeño 😀\",\"total\":2,\"tags\":[],\"extra\":{\"a\":[1,{\"b\":null}]}}",
				"{\"id\":\"3\",\"text\":\"Jackson: id as text\",\"total\":3.0,\"tags\":[3]}",
				"{\"id\":4,\"text\":\"Jackson: no tags\",\"total\":4}",
				"{\"id\":5,\"text\":null,\"total\":null,\"tags\":null}",
				"{\"id\":6,\"te\\u0078t\":\"Jackson: escaped name\",\"total\":6e-1,\"tags\":[6]}" };
		stubPage(1, page(1, 2, true, 6L, "[" + lines[0] + "," + lines[1] + "]"));
		stubPage(2, page(2, 2, true, 6L, "[" + lines[2] + "," + lines[3] + "]"));
		stubPage(3, "{\"pageSize\":2,\"hasMore\":false,\"totalCount\":6,\"data\":[" + lines[4] + "," + lines[5]
				+ "],\"page\":3}");

		List<Line> read = all(
				this.client.endpoint("jpm", "jobs").streamAll(Map.of("pageSize", 2, "includeTotal", true), Line.class));

		JsonMapper jackson = JsonMapper.builder().build();
		assertThat(read).containsExactly(Stream.of(lines).map((line) -> jackson.readValue(line, Line.class))
			.toArray(Line[]::new));
		assertThat(read.get(2).id()).isEqualTo(3L);
		assertThat(read.get(3).tags()).isNull();
		for (int page = 1; page <= 3; page++) {
			wireMock.server.verify(1, getRequestedFor(urlPathEqualTo(this.jobs))
				.withQueryParam("page", equalTo(Integer.toString(page))));
		}
		assertThat(this.retries).isEmpty();
	}

	@Test
	void whenAWalkReadsServiceTitanDatesThenEachIsTheValueJacksonReads() {
		String[] dates = { "2024-05-01T13:22:10.1234567Z", "2024-05-01T13:22:10Z", "2024-02-29T23:59:59.9+02:00",
				"2024-05-01T13:22:10.123456789-05:30", "2024-05-01T13:22:10.5+00:00", "2024-05-01T00:00:00+14:00" };
		List<String> records = new ArrayList<>();
		for (int i = 0; i < dates.length; i++) {
			records.add("{\"id\":" + (i + 1) + ",\"createdOn\":\"" + dates[i] + "\",\"modifiedOn\":\"" + dates[i] + "\"}");
		}
		stubPage(1, page(1, 3, true, 6L, "[" + String.join(",", records.subList(0, 3)) + "]"));
		stubPage(2, page(2, 3, false, 6L, "[" + String.join(",", records.subList(3, 6)) + "]"));

		List<Visit> visits = all(
				this.client.endpoint("jpm", "jobs").streamAll(Map.of("pageSize", 3, "includeTotal", true), Visit.class));

		JsonMapper jackson = JsonMapper.builder().build();
		assertThat(visits)
			.containsExactlyElementsOf(records.stream().map((json) -> jackson.readValue(json, Visit.class)).toList());
		assertThat(visits.get(0).createdOn()).isEqualTo(Instant.parse("2024-05-01T13:22:10.1234567Z"));
		assertThat(visits.get(2).modifiedOn()).isEqualTo(OffsetDateTime.parse("2024-02-29T21:59:59.9Z"));
		for (int page = 1; page <= 2; page++) {
			wireMock.server.verify(1, getRequestedFor(urlPathEqualTo(this.jobs))
				.withQueryParam("page", equalTo(Integer.toString(page))));
		}
	}

	@Test
	void whenAWalkMeetsAnInvalidDateThenTheMappingErrorNamesTheRecordAndField() {
		stubPage(1, page(1, 2, false, null,
				"[{\"id\":1,\"createdOn\":\"2024-05-01T13:22:10Z\"},{\"id\":2,\"createdOn\":\"2023-02-29T13:22:10Z\"}]"));

		assertThatExceptionOfType(ServiceTitanException.ServiceTitanMappingException.class)
			.isThrownBy(() -> all(this.client.endpoint("jpm", "jobs").streamAll(Map.of(), Visit.class)))
			.withMessageContaining("record 1 of page 1")
			.withMessageContaining("'createdOn'")
			.withMessageContaining("2023-02-29T13:22:10Z");
		wireMock.server.verify(1, getRequestedFor(urlPathEqualTo(this.jobs)));
	}

	@Test
	void whenTypedExportRecordsAreStreamedThenDecimalsKeepEveryDigit() {
		wireMock.server.stubFor(get(urlPathEqualTo(this.exportJobs)).withQueryParam("from", absent())
			.willReturn(okJson("{\"hasMore\":false,\"continueFrom\":\"t1\",\"data\":" + invoices(1, 3) + "}")));

		try (ExportStream<Invoice> feed = this.client.endpoint("jpm", "jobs")
			.streamExport("jobs", ExportOptions.from(null), Invoice.class)) {
			assertThat(feed.stream().toList()).extracting(Invoice::total).containsExactly(new BigDecimal(EXACT),
					new BigDecimal(EXACT), new BigDecimal(EXACT));
			assertThat(feed.continueFrom()).isEqualTo("t1");
		}
		wireMock.server.verify(1, getRequestedFor(urlPathEqualTo(this.exportJobs)));
	}

	@Test
	void whenATypedPageIsCutShortThenItIsReadAgainAndEachRecordIsBoundOnce() {
		String whole = page(1, 5, false, null, invoices(1, 5));
		stubCutThenWhole(whole.substring(0, whole.indexOf("\"id\":3") + 8), whole);

		List<Invoice> invoices = all(this.client.endpoint("jpm", "jobs").streamAll(Map.of(), Invoice.class));

		assertThat(invoices).extracting(Invoice::id).containsExactly(1L, 2L, 3L, 4L, 5L);
		wireMock.server.verify(2, getRequestedFor(urlPathEqualTo(this.jobs)).withQueryParam("page", equalTo("1")));
		assertThat(this.retries).containsExactly("get_all:truncated_response");
	}

	@Test
	void whenATypedPageChangesBetweenReadsThenTheWalkFailsInsteadOfSkippingTheWrongRecords() {
		String first = page(1, 5, false, null, invoices(1, 5));
		stubCutThenWhole(first.substring(0, first.indexOf("\"id\":3") + 8), page(1, 5, false, null, invoices(101, 105)));
		List<Long> delivered = new ArrayList<>();

		assertThatExceptionOfType(ServiceTitanException.class).isThrownBy(() -> {
			try (Stream<Invoice> records = this.client.endpoint("jpm", "jobs").streamAll(Map.of(), Invoice.class)) {
				records.forEach((record) -> delivered.add(record.id()));
			}
		}).withMessageContaining("other records").withMessageContaining("record 1 changed");

		assertThat(delivered).containsExactly(1L, 2L);
		wireMock.server.verify(2, getRequestedFor(urlPathEqualTo(this.jobs)));
	}

	@Test
	void whenTypedRecordsWithoutAnIdAreCutShortThenTheLastDeliveredIsComparedWholeAndEachIsDeliveredOnce() {
		String whole = page(1, 4, false, null, "[{\"text\":\"a\"},{\"text\":\"b\"},{\"text\":\"c\"},{\"text\":\"d\"}]");
		stubCutThenWhole(whole.substring(0, whole.indexOf("\"c\"") + 2), whole);

		List<Note> notes = all(this.client.endpoint("jpm", "jobs").streamAll(Map.of(), Note.class));

		assertThat(notes).extracting(Note::text).containsExactly("a", "b", "c", "d");
		wireMock.server.verify(2, getRequestedFor(urlPathEqualTo(this.jobs)));
	}

	@Test
	void whenTypedRecordsWithoutAnIdOrEqualsChangeBetweenReadsThenTheWalkFails() {
		String first = page(1, 3, false, null, "[{\"text\":\"a\"},{\"text\":\"b\"},{\"text\":\"c\"}]");
		String changed = page(1, 3, false, null, "[{\"text\":\"a\"},{\"text\":\"B\"},{\"text\":\"c\"}]");
		stubCutThenWhole(first.substring(0, first.indexOf("\"c\"") + 2), changed);
		List<String> delivered = new ArrayList<>();

		assertThatExceptionOfType(ServiceTitanException.class).isThrownBy(() -> {
			try (Stream<Memo> records = this.client.endpoint("jpm", "jobs").streamAll(Map.of(), Memo.class)) {
				records.forEach((record) -> delivered.add(record.text));
			}
		}).withMessageContaining("other records");

		assertThat(delivered).containsExactly("a", "b");
	}

	@Test
	void whenAPageReadAheadDoesNotParseThenItIsReadAgainWithinItsBudgetAndEachRecordIsDeliveredOnce() {
		stubPage(1, page(1, 2, true, 6L, invoices(1, 2)));
		String whole = page(2, 2, true, 6L, invoices(3, 4));
		stubPageTwoGarbledThen(whole, whole);
		stubPage(3, page(3, 2, false, 6L, invoices(5, 6)));

		List<Invoice> invoices = all(
				this.client.endpoint("jpm", "jobs").streamAll(Map.of("pageSize", 2, "includeTotal", true), Invoice.class));

		assertThat(invoices).extracting(Invoice::id).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
		wireMock.server.verify(2, getRequestedFor(urlPathEqualTo(this.jobs)).withQueryParam("page", equalTo("2")));
		wireMock.server.verify(1, getRequestedFor(urlPathEqualTo(this.jobs)).withQueryParam("page", equalTo("3")));
		assertThat(this.retries).containsExactly("get_all:truncated_response");
	}

	@Test
	void whenAPageReadAheadDoesNotParseAndChangesBeforeItIsReadAgainThenTheWalkFailsInsteadOfSkippingTheWrongRecords() {
		stubPage(1, page(1, 2, true, 6L, invoices(1, 2)));
		// Read again, the page starts with another record than the one delivered from the bytes read ahead.
		stubPageTwoGarbledThen(page(2, 2, true, 6L, invoices(3, 4)), page(2, 2, true, 6L, invoices(30, 31)));
		stubPage(3, page(3, 2, false, 6L, invoices(5, 6)));
		List<Long> delivered = new ArrayList<>();

		assertThatExceptionOfType(ServiceTitanException.class).isThrownBy(() -> {
			try (Stream<Invoice> records = this.client.endpoint("jpm", "jobs")
				.streamAll(Map.of("pageSize", 2, "includeTotal", true), Invoice.class)) {
				records.forEach((record) -> delivered.add(record.id()));
			}
		}).withMessageContaining("answered with other records when its response was read again");

		assertThat(delivered).containsExactly(1L, 2L, 3L);
	}

	@Test
	void whenAPageReadAheadNeverParsesThenTheWalkFailsAfterMaxAttemptsHavingDeliveredEachRecordOnce() {
		stubPage(1, page(1, 2, true, 4L, invoices(1, 2)));
		String whole = page(2, 2, false, 4L, invoices(3, 4));
		stubPage(2, whole.substring(0, whole.indexOf("\"id\":4") + 8));
		List<Long> delivered = new ArrayList<>();

		assertThatExceptionOfType(ServiceTitanException.class).isThrownBy(() -> {
			try (Stream<Invoice> records = this.client.endpoint("jpm", "jobs")
				.streamAll(Map.of("pageSize", 2, "includeTotal", true), Invoice.class)) {
				records.forEach((record) -> delivered.add(record.id()));
			}
		}).satisfies((ex) -> assertThat(ex.attempts()).hasSize(4));

		assertThat(delivered).containsExactly(1L, 2L, 3L);
		wireMock.server.verify(4, getRequestedFor(urlPathEqualTo(this.jobs)).withQueryParam("page", equalTo("2")));
	}

	@Test
	void whenANumberIsTooLargeForItsFieldThenTheWalkFailsNamingTheFieldWithoutReadingThePageAgain() {
		stubPage(1, page(1, 2, false, null, "[{\"id\":1,\"count\":7},{\"id\":2,\"count\":3000000000}]"));
		List<Long> delivered = new ArrayList<>();

		assertThatExceptionOfType(ServiceTitanException.ServiceTitanMappingException.class)
			.isThrownBy(() -> this.client.endpoint("jpm", "jobs")
				.streamAll(Map.of(), Tally.class)
				.forEach((tally) -> delivered.add(tally.id())))
			.withMessageStartingWith("Could not map record 1 of page 1 from jpm/jobs (get_all) to ")
			.withMessageContaining("at field 'count'")
			.withMessageContaining("3000000000");
		assertThat(delivered).containsExactly(1L);
		// The JSON is whole: the value does not fit the record, and reading the page again would not change that.
		wireMock.server.verify(1, getRequestedFor(urlPathEqualTo(this.jobs)));
		assertThat(this.retries).isEmpty();
	}

	@Test
	void whenANumberIsTooLargeForItsFieldThenGetOneFailsNamingTheFieldWithoutReadingAgain() {
		wireMock.server.stubFor(get(urlPathEqualTo(this.jobs + "/2")).willReturn(okJson("{\"id\":2,\"count\":3000000000}")));

		assertThatExceptionOfType(ServiceTitanException.ServiceTitanMappingException.class)
			.isThrownBy(() -> this.client.endpoint("jpm", "jobs").getOne("2", Tally.class))
			.withMessageStartingWith("Could not map the record from jpm/jobs (get_one) to ")
			.withMessageContaining("at field 'count'");
		wireMock.server.verify(1, getRequestedFor(urlPathEqualTo(this.jobs + "/2")));
		assertThat(this.retries).isEmpty();
	}

	@Test
	void whenARecordsFactoryThrowsACheckedExceptionThenTheExportFailsWithoutReadingTheBatchAgain() {
		wireMock.server.stubFor(get(urlPathEqualTo(this.exportJobs)).willReturn(okJson(
				"{\"hasMore\":false,\"continueFrom\":\"t1\",\"data\":[{\"id\":1,\"code\":\"USD\"},{\"id\":2,\"code\":\"XXX\"}]}")));
		List<Long> delivered = new ArrayList<>();

		assertThatExceptionOfType(ServiceTitanException.ServiceTitanMappingException.class)
			.isThrownBy(() -> {
				try (ExportStream<Currency> feed = this.client.endpoint("jpm", "jobs")
					.streamExport("jobs", ExportOptions.from(null), Currency.class)) {
					feed.forEach((currency) -> delivered.add(currency.id()));
				}
			})
			.withMessageStartingWith("Could not map record 1 of export batch 1 from jpm/export/jobs")
			.withMessageContaining("no such currency: XXX");
		assertThat(delivered).containsExactly(1L);
		// The creator refused the value: a checked exception of its own is not a body cut short.
		wireMock.server.verify(1, getRequestedFor(urlPathEqualTo(this.exportJobs)));
		assertThat(this.retries).isEmpty();
	}

}
