package io.github.servicetitan4j;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.servicetitan4j.ServiceTitanClientListener.CallDescriptor;
import io.github.servicetitan4j.errors.ServiceTitanApiException;
import io.github.servicetitan4j.errors.ServiceTitanTransportException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * One attempt budget per request over real HTTP: a page or export batch whose body is cut short is read again through
 * the same retry policy as a status retry, and every send, first read and re-reads alike, counts against
 * {@code max-attempts} (4 here). The final error lists every attempt.
 */
class AttemptBudgetWireTests {

	@RegisterExtension
	static final ServiceTitanWireMock wireMock = new ServiceTitanWireMock();

	final List<String> retries = Collections.synchronizedList(new ArrayList<>());

	ServiceTitanClient client;

	String jobs;

	String cut;

	@BeforeEach
	void setUp() {
		this.client = wireMock.clientBuilder().listener(new ServiceTitanClientListener() {

			@Override
			public void onRetry(CallDescriptor call, String reason, Duration delay) {
				AttemptBudgetWireTests.this.retries.add(reason);
			}

		}).build();
		this.jobs = wireMock.tenantPath("jpm") + "/jobs";
		String whole = Envelopes.page(1, false, 1, 5);
		this.cut = whole.substring(0, whole.indexOf("{\"id\":3") + 12);
	}

	/** Answers each send of {@code path} in turn with the given responses, the last one for every later send. */
	private void answerInTurn(String path, List<com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder> answers) {
		for (int i = 0; i < answers.size(); i++) {
			String state = (i == 0) ? Scenario.STARTED : "send-" + (i + 1);
			var stub = get(urlPathEqualTo(path)).inScenario("turns").whenScenarioStateIs(state).willReturn(answers.get(i));
			if (i + 1 < answers.size()) {
				stub = stub.willSetStateTo("send-" + (i + 2));
			}
			wireMock.server.stubFor(stub);
		}
	}

	private List<Integer> drain(Stream<JsonNode> records) {
		return drain(records, new ArrayList<>());
	}

	private List<Integer> drain(Stream<JsonNode> records, List<Integer> delivered) {
		try (records) {
			records.forEach((record) -> delivered.add(record.path("id").asInt()));
		}
		return delivered;
	}

	@Test
	void whenAPageIsCutShortEveryTimeThenItIsSentExactlyMaxAttemptsTimesAndTheErrorListsEachAttempt() {
		answerInTurn(this.jobs, List.of(okJson(this.cut)));
		List<Integer> delivered = new ArrayList<>();

		assertThatExceptionOfType(ServiceTitanTransportException.class)
			.isThrownBy(() -> drain(this.client.endpoint("jpm", "jobs").streamAll(Map.of()), delivered))
			.satisfies((ex) -> {
				assertThat(ex.attempts()).containsExactly("response body cut short", "response body cut short",
						"response body cut short", "response body cut short");
				assertThat(ex.getMessage()).contains("gave up after 4 attempts");
			});

		wireMock.server.verify(4, getRequestedFor(urlPathEqualTo(this.jobs)));
		assertThat(delivered).containsExactly(1, 2);
		assertThat(this.retries).containsExactly("truncated_response", "truncated_response", "truncated_response");
	}

	@Test
	void whenTheReReadOfACutShortPageMeets503sThenThePageIsStillSentOnlyMaxAttemptsTimesInTotal() {
		// Before one budget, the re-read started a fresh budget: 1 cut read + 4 sends of 503 = 5 sends.
		answerInTurn(this.jobs, List.of(okJson(this.cut), aResponse().withStatus(503)));

		assertThatExceptionOfType(ServiceTitanApiException.ServerError.class)
			.isThrownBy(() -> drain(this.client.endpoint("jpm", "jobs").streamAll(Map.of())))
			.satisfies((ex) -> {
				assertThat(ex.status()).isEqualTo(503);
				assertThat(ex.attempts()).hasSize(4);
				assertThat(ex.attempts().get(0)).isEqualTo("response body cut short");
				assertThat(ex.attempts().subList(1, 4)).allSatisfy((attempt) -> assertThat(attempt).startsWith("503"));
			});

		wireMock.server.verify(4, getRequestedFor(urlPathEqualTo(this.jobs)));
		assertThat(this.retries).containsExactly("truncated_response", "503", "503");
		assertThat(wireMock.sleeps).hasSize(3);
	}

	@Test
	void whenCutShortReadsAnd503sAlternateThenTheBudgetIsSharedAndTheLastSendSucceeds() {
		// cut, 503, cut, then the whole page on the 4th and last allowed send.
		answerInTurn(this.jobs, List.of(okJson(this.cut), aResponse().withStatus(503), okJson(this.cut),
				okJson(Envelopes.page(1, false, 1, 5))));

		List<Integer> delivered = drain(this.client.endpoint("jpm", "jobs").streamAll(Map.of()));

		assertThat(delivered).containsExactly(1, 2, 3, 4, 5);
		wireMock.server.verify(4, getRequestedFor(urlPathEqualTo(this.jobs)).withQueryParam("page", equalTo("1")));
		assertThat(this.retries).containsExactly("truncated_response", "503", "truncated_response");
	}

	@Test
	void whenAnExportBatchIsCutShortAndThen503sThenTheBatchIsSentMaxAttemptsTimesInTotal() {
		String exportJobs = wireMock.tenantPath("jpm") + "/export/jobs";
		String whole = Envelopes.batch("t1", false, 1, 5);
		String cutBatch = whole.substring(0, whole.indexOf("{\"id\":3") + 12);
		answerInTurn(exportJobs, List.of(okJson(cutBatch), aResponse().withStatus(503)));

		assertThatExceptionOfType(ServiceTitanApiException.ServerError.class).isThrownBy(() -> {
			try (ExportStream<JsonNode> feed = this.client.endpoint("jpm", "jobs").streamExport("jobs", null, false)) {
				drain(feed.stream());
			}
		}).satisfies((ex) -> assertThat(ex.attempts()).hasSize(4).first().isEqualTo("response body cut short"));

		wireMock.server.verify(4, getRequestedFor(urlPathEqualTo(exportJobs)));
	}

}
