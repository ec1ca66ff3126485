package io.github.servicetitan4j;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.servicetitan4j.ServiceTitanClientListener.CallDescriptor;
import io.github.servicetitan4j.errors.ServiceTitanException;
import io.github.servicetitan4j.errors.ServiceTitanException.ServiceTitanMappingException;
import io.github.servicetitan4j.errors.ServiceTitanTransportException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Streaming walks over real HTTP: laziness, envelopes in any order, bodies cut short part-way, typed records.
 */
class StreamingWireTests {

	@RegisterExtension
	static final ServiceTitanWireMock wireMock = new ServiceTitanWireMock();

	final List<String> retries = Collections.synchronizedList(new ArrayList<>());

	ServiceTitanClient client;

	String jobs;

	String exportJobs;

	@BeforeEach
	void resetServer() {
		this.client = wireMock.clientBuilder().listener(new ServiceTitanClientListener() {

			@Override
			public void onRetry(CallDescriptor call, String reason, Duration delay) {
				StreamingWireTests.this.retries.add(call.operation() + ":" + reason);
			}

		}).build();
		this.jobs = wireMock.tenantPath("jpm") + "/jobs";
		this.exportJobs = wireMock.tenantPath("jpm") + "/export/jobs";
	}

	private void stubPage(int page, String body) {
		wireMock.server.stubFor(get(urlPathEqualTo(this.jobs)).withQueryParam("page", equalTo(Integer.toString(page)))
			.willReturn(okJson(body)));
	}

	private static List<Integer> ids(Stream<JsonNode> records) {
		try (records) {
			return records.map((record) -> record.path("id").asInt()).toList();
		}
	}

	private static List<Integer> range(int from, int to) {
		return IntStream.rangeClosed(from, to).boxed().toList();
	}

	@Test
	void whenAStreamIsCreatedThenNothingIsSentUntilTheFirstRecordIsPulled() {
		stubPage(1, Envelopes.page(1, false, 1, 3));

		try (Stream<JsonNode> records = this.client.endpoint("jpm", "jobs").streamAll(Map.of())) {
			Iterator<JsonNode> iterator = records.iterator();
			assertThat(wireMock.server.getAllServeEvents()).isEmpty();

			assertThat(iterator.next().path("id").asInt()).isEqualTo(1);
		}

		wireMock.server.verify(1, getRequestedFor(urlPathEqualTo(this.jobs)));
	}

	@Test
	void whenPagePropertiesFollowTheDataThenTheWalkStillFollowsHasMore() {
		stubPage(1, "{\"data\":" + Envelopes.records(1, 2) + ",\"page\":1,\"hasMore\":true}");
		stubPage(2, "{\"data\":" + Envelopes.records(3, 4) + ",\"hasMore\":false,\"page\":2}");

		List<Integer> ids = ids(this.client.endpoint("jpm", "jobs").streamAll(Map.of()));

		assertThat(ids).containsExactly(1, 2, 3, 4);
	}

	@Test
	void whenExportPropertiesFollowTheDataThenTheFeedIsFollowedToItsEnd() {
		wireMock.server.stubFor(get(urlPathEqualTo(this.exportJobs)).withQueryParam("from", absent())
			.willReturn(okJson(Envelopes.batch("t1", true, 1, 2))));
		wireMock.server.stubFor(get(urlPathEqualTo(this.exportJobs)).withQueryParam("from", equalTo("t1"))
			.willReturn(okJson(Envelopes.batch("t2", false, 3, 3))));

		try (ExportStream<JsonNode> feed = this.client.endpoint("jpm", "jobs").streamExport("jobs", null, false)) {
			assertThat(ids(feed.stream())).containsExactly(1, 2, 3);
			assertThat(feed.continueFrom()).isEqualTo("t2");
			assertThat(feed.hasMore()).isFalse();
		}
	}

	@Test
	void whenTheStreamIsClosedEarlyThenNoFurtherPageIsRequested() {
		stubPage(1, Envelopes.page(1, true, 1, 3));
		stubPage(2, Envelopes.page(2, false, 4, 6));

		try (Stream<JsonNode> records = this.client.endpoint("jpm", "jobs").streamAll(Map.of())) {
			assertThat(records.limit(2).map((record) -> record.path("id").asInt())).containsExactly(1, 2);
		}

		wireMock.server.verify(1, getRequestedFor(urlPathEqualTo(this.jobs)));
		wireMock.server.verify(0, getRequestedFor(urlPathEqualTo(this.jobs)).withQueryParam("page", equalTo("2")));
	}

	@Test
	void whenAPageIsCutShortPartWayThenItIsReadAgainAndEachRecordIsDeliveredOnce() {
		String whole = Envelopes.page(1, false, 1, 5);
		String cut = whole.substring(0, whole.indexOf("{\"id\":3") + 12);
		wireMock.server.stubFor(get(urlPathEqualTo(this.jobs)).inScenario("cut")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(okJson(cut))
			.willSetStateTo("whole"));
		wireMock.server.stubFor(get(urlPathEqualTo(this.jobs)).inScenario("cut")
			.whenScenarioStateIs("whole")
			.willReturn(okJson(whole)));

		List<Integer> ids = ids(this.client.endpoint("jpm", "jobs").streamAll(Map.of()));

		assertThat(ids).containsExactly(1, 2, 3, 4, 5);
		wireMock.server.verify(2, getRequestedFor(urlPathEqualTo(this.jobs)).withQueryParam("page", equalTo("1")));
		assertThat(this.retries).containsExactly("get_all:truncated_response");
		assertThat(wireMock.sleeps).hasSize(1);
	}

	@ParameterizedTest
	@EnumSource(value = Fault.class, names = { "RANDOM_DATA_THEN_CLOSE", "MALFORMED_RESPONSE_CHUNK",
			"CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE" })
	void whenAPageFailsWithAConnectionFaultThenItIsRetriedWithoutDuplicates(Fault fault) {
		wireMock.server.stubFor(get(urlPathEqualTo(this.jobs)).inScenario("fault")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withFault(fault))
			.willSetStateTo("healed"));
		wireMock.server.stubFor(get(urlPathEqualTo(this.jobs)).inScenario("fault")
			.whenScenarioStateIs("healed")
			.withQueryParam("page", equalTo("1"))
			.willReturn(okJson(Envelopes.page(1, true, 1, 3))));
		stubPage(2, Envelopes.page(2, false, 4, 5));

		List<Integer> ids = ids(this.client.endpoint("jpm", "jobs").streamAll(Map.of()));

		assertThat(ids).containsExactly(1, 2, 3, 4, 5);
		wireMock.server.verify(2, getRequestedFor(urlPathEqualTo(this.jobs)).withQueryParam("page", equalTo("1")));
	}

	@Test
	void whenAPageKeepsBreakingThenTheWalkFailsAfterMaxAttemptsHavingDeliveredEachRecordOnce() {
		String whole = Envelopes.page(1, false, 1, 5);
		stubPage(1, whole.substring(0, whole.indexOf("{\"id\":3") + 12));
		List<Integer> delivered = new ArrayList<>();

		assertThatExceptionOfType(ServiceTitanTransportException.class).isThrownBy(() -> {
			try (Stream<JsonNode> records = this.client.endpoint("jpm", "jobs").streamAll(Map.of())) {
				records.forEach((record) -> delivered.add(record.path("id").asInt()));
			}
		}).satisfies((ex) -> {
			assertThat(ex.getMessage()).contains("GET", "/jpm/v2/tenant/1234567/jobs", "cut short");
			assertThat(ex.attempts()).hasSize(4);
			assertThat(ex.outcomeUnknown()).isFalse();
		});

		assertThat(delivered).containsExactly(1, 2);
		wireMock.server.verify(4, getRequestedFor(urlPathEqualTo(this.jobs)));
	}

	@Test
	void whenAPageChangesBetweenReadsThenTheWalkFailsInsteadOfSkippingTheWrongRecords() {
		String first = Envelopes.page(1, false, 1, 5);
		wireMock.server.stubFor(get(urlPathEqualTo(this.jobs)).inScenario("changed")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(okJson(first.substring(0, first.indexOf("{\"id\":3") + 12)))
			.willSetStateTo("changed"));
		wireMock.server.stubFor(get(urlPathEqualTo(this.jobs)).inScenario("changed")
			.whenScenarioStateIs("changed")
			.willReturn(okJson(Envelopes.page(1, false, 101, 105))));
		List<Integer> delivered = new ArrayList<>();

		assertThatExceptionOfType(ServiceTitanException.class).isThrownBy(() -> {
			try (Stream<JsonNode> records = this.client.endpoint("jpm", "jobs").streamAll(Map.of())) {
				records.forEach((record) -> delivered.add(record.path("id").asInt()));
			}
		}).withMessageContaining("other records");

		assertThat(delivered).containsExactly(1, 2);
	}

	@Test
	void whenAnExportBatchIsCutShortThenTheSameTokenIsAskedForAgain() {
		String whole = Envelopes.batch("t2", false, 1, 4);
		wireMock.server.stubFor(get(urlPathEqualTo(this.exportJobs)).inScenario("cut")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(okJson(whole.substring(0, whole.indexOf("{\"id\":3") + 10)))
			.willSetStateTo("whole"));
		wireMock.server.stubFor(get(urlPathEqualTo(this.exportJobs)).inScenario("cut")
			.whenScenarioStateIs("whole")
			.willReturn(okJson(whole)));

		try (ExportStream<JsonNode> feed = this.client.endpoint("jpm", "jobs").streamExport("jobs", "t1", true)) {
			assertThat(ids(feed.stream())).containsExactly(1, 2, 3, 4);
			assertThat(feed.continueFrom()).isEqualTo("t2");
		}

		wireMock.server.verify(2, getRequestedFor(urlPathEqualTo(this.exportJobs)).withQueryParam("from", equalTo("t1"))
			.withQueryParam("includeRecentChanges", equalTo("true")));
		assertThat(this.retries).containsExactly("export_all:truncated_response");
	}

	@Test
	void whenTheBodyIsNotAnEnvelopeThenTheWalkFailsWithAMappingErrorAndNoRetry() {
		stubPage(1, "{\"page\":1,\"hasMore\":false,\"items\":[1,2]}");

		assertThatExceptionOfType(ServiceTitanMappingException.class)
			.isThrownBy(() -> this.client.endpoint("jpm", "jobs").getAll(Map.of()))
			.withMessageContaining("jpm/jobs")
			.withMessageContaining("without a 'data' array")
			.withMessageContaining("items");
		wireMock.server.verify(1, getRequestedFor(urlPathEqualTo(this.jobs)));
	}

	record Job(long id, String name) {
	}

	record StrictJob(long id, int name) {
	}

	@Test
	void whenRecordsAreTypedThenTheyAreMappedWithUnknownPropertiesIgnored() {
		stubPage(1, Envelopes.page(1, true, 1, 2));
		stubPage(2, Envelopes.page(2, false, 3, 3));

		List<Job> jobs = this.client.endpoint("jpm", "jobs").getAll(Map.of(), Job.class);

		assertThat(jobs).containsExactly(new Job(1, "record 1"), new Job(2, "record 2"), new Job(3, "record 3"));
	}

	@Test
	void whenATypedRecordCannotBeMappedThenTheErrorNamesTheFieldTheRecordItsPageAndTheEndpoint() {
		stubPage(1, Envelopes.page(1, true, 1, 2));
		stubPage(2, Envelopes.page(2, false, 3, 4));

		assertThatExceptionOfType(ServiceTitanMappingException.class)
			.isThrownBy(() -> this.client.endpoint("jpm", "jobs").getAll(Map.of(), StrictJob.class))
			.withMessageContaining("'name'")
			.withMessageContaining("record 0 of page 1")
			.withMessageContaining("jpm/jobs (get_all)")
			.withMessageContaining(StrictJob.class.getName());
	}

	@Test
	void whenExportRecordsAreTypedThenTheErrorNamesTheBatch() {
		wireMock.server.stubFor(get(urlPathEqualTo(this.exportJobs)).withQueryParam("from", absent())
			.willReturn(okJson(Envelopes.batch("t1", true, 1, 2))));
		wireMock.server.stubFor(get(urlPathEqualTo(this.exportJobs)).withQueryParam("from", equalTo("t1"))
			.willReturn(okJson("{\"hasMore\":false,\"continueFrom\":\"t2\",\"data\":[{\"id\":3,\"name\":\"x\"},"
					+ "{\"id\":\"not a number\"}]}")));
		List<Job> delivered = new ArrayList<>();

		assertThatExceptionOfType(ServiceTitanMappingException.class).isThrownBy(() -> {
			try (ExportStream<Job> feed = this.client.endpoint("jpm", "jobs")
				.streamExport("jobs", ExportOptions.defaults(), Job.class)) {
				feed.forEach(delivered::add);
			}
		})
			.withMessageContaining("'id'")
			.withMessageContaining("record 1 of export batch 2")
			.withMessageContaining("jpm/export/jobs");

		assertThat(delivered).extracting(Job::id).containsExactly(1L, 2L, 3L);
	}

	@Test
	void listFormsStillReturnEveryRecordOfSmallSets() {
		stubPage(1, Envelopes.page(1, true, 1, 2));
		stubPage(2, Envelopes.page(2, false, 3, 3));

		assertThat(this.client.endpoint("jpm", "jobs").getAll(Map.of())).hasSize(3);
		assertThat(range(1, 3)).hasSize(3);
	}

}
