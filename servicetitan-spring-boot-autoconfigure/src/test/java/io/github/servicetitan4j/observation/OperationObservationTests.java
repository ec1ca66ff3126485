package io.github.servicetitan4j.observation;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.servicetitan4j.Endpoint;
import io.github.servicetitan4j.ServiceTitanClient;
import io.github.servicetitan4j.ServiceTitanWireMock;
import io.github.servicetitan4j.errors.ServiceTitanApiException;
import io.github.servicetitan4j.errors.ServiceTitanTransportException;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Each operation's observation, its tags, and its requests as children, against WireMock.
 */
class OperationObservationTests {

	static final String OPERATION = "servicetitan.client.operation";

	static final String REQUEST = "servicetitan.client.requests";

	@RegisterExtension
	static final ServiceTitanWireMock wireMock = new ServiceTitanWireMock();

	TestObservationRegistry registry;

	@BeforeEach
	void resetServer() {
		this.registry = TestObservationRegistry.create();
	}

	ServiceTitanClient client(boolean tenantTag) {
		return wireMock.clientBuilder()
			.observer(new ObservationOperationObserver(this.registry,
					new DefaultServiceTitanObservationConvention(tenantTag), ServiceTitanWireMock.TENANT))
			.restClientBuilder(RestClient.builder()
				.observationRegistry(this.registry)
				.observationConvention(new ServiceTitanRequestObservationConvention(ServiceTitanWireMock.TENANT, tenantTag)))
			.build();
	}

	@Test
	void whenGetOneSucceedsThenOneOperationWithItsRequestAsChild() {
		wireMock.server.stubFor(get(urlPathEqualTo(wireMock.tenantPath("jpm") + "/jobs/42")).willReturn(okJson("{}")));

		client(true).endpoint("jpm", "jobs").getOne("42");

		Observation.Context operation = single(OPERATION);
		assertThat(low(operation)).containsExactlyInAnyOrderEntriesOf(Map.of("folder", "jpm", "endpoint", "jobs",
				"operation", "get_one", "outcome", "success", "exception", "none", "tenant", ServiceTitanWireMock.TENANT));
		assertThat(high(operation)).containsExactlyEntriesOf(Map.of("id", "42"));
		assertThat(operation.getContextualName()).isEqualTo("servicetitan get_one jpm/jobs");
		Observation.Context request = single(REQUEST);
		assertThat(low(request)).containsExactlyInAnyOrderEntriesOf(Map.of("folder", "jpm", "endpoint", "jobs",
				"operation", "get_one", "method", "GET", "uri", "/{folder}/v2/tenant/{tenant}/{endpoint}/{id}", "status",
				"200", "outcome", "success", "exception", "none", "tenant", ServiceTitanWireMock.TENANT));
		assertThat(request.getParentObservation()).isNotNull();
		assertThat(request.getParentObservation().getContextView()).isSameAs(operation);
	}

	@Test
	void whenEveryOperationRunsThenEachIsObservedOnceWithItsName() {
		String jobs = wireMock.tenantPath("jpm") + "/jobs";
		wireMock.server.stubFor(get(urlPathEqualTo(jobs + "/1")).willReturn(okJson("{\"id\":1}")));
		wireMock.server.stubFor(get(urlPathEqualTo(jobs)).willReturn(
				okJson("{\"page\":1,\"pageSize\":50,\"hasMore\":false,\"data\":[{\"id\":1},{\"id\":2}]}")));
		wireMock.server.stubFor(post(urlPathEqualTo(jobs)).willReturn(okJson("{\"id\":3}")));
		wireMock.server.stubFor(put(urlPathEqualTo(jobs + "/1")).willReturn(okJson("{\"id\":1}")));
		wireMock.server.stubFor(delete(urlPathEqualTo(jobs + "/1")).willReturn(okJson("{}")));
		wireMock.server.stubFor(delete(urlPathEqualTo(jobs + "/1/notes/7")).willReturn(okJson("{}")));
		wireMock.server.stubFor(get(urlPathEqualTo(wireMock.tenantPath("jpm") + "/export/jobs"))
			.willReturn(okJson("{\"hasMore\":false,\"continueFrom\":\"t1\",\"data\":[{\"id\":1}]}")));
		wireMock.server.stubFor(get(urlPathEqualTo(jobs + "/1/file"))
			.willReturn(aResponse().withStatus(200).withBody("bytes".getBytes(StandardCharsets.UTF_8))));
		Endpoint endpoint = client(true).endpoint("jpm", "jobs");

		endpoint.getOne("1");
		endpoint.getMany(Map.of());
		assertThat(endpoint.getAll(Map.of())).hasSize(2);
		endpoint.create(Map.of("summary", "new"));
		endpoint.update("1", Map.of("summary", "changed"));
		endpoint.delete("1");
		endpoint.deleteSubitem("1", "notes", "7");
		endpoint.exportOne("jobs", null, false);
		try (Stream<JsonNode> exported = endpoint.streamExport("jobs", null, false).stream()) {
			assertThat(exported).hasSize(1);
		}
		endpoint.download("1", "file");

		assertThat(all(OPERATION)).extracting((context) -> low(context).get("operation"))
			.containsExactly("get_one", "get_many", "get_all", "create", "update", "delete", "delete_subitem",
					"export_one", "export_all", "download");
		assertThat(all(OPERATION)).allSatisfy((context) -> assertThat(low(context)).containsEntry("outcome", "success")
			.containsEntry("folder", "jpm"));
		assertThat(all(REQUEST)).extracting((context) -> low(context).get("uri"))
			.containsExactly("/{folder}/v2/tenant/{tenant}/{endpoint}/{id}", "/{folder}/v2/tenant/{tenant}/{endpoint}",
					"/{folder}/v2/tenant/{tenant}/{endpoint}", "/{folder}/v2/tenant/{tenant}/{endpoint}",
					"/{folder}/v2/tenant/{tenant}/{endpoint}/{id}", "/{folder}/v2/tenant/{tenant}/{endpoint}/{id}",
					"/{folder}/v2/tenant/{tenant}/{endpoint}/{id}/{modifier}/{modifierId}",
					"/{folder}/v2/tenant/{tenant}/export/{endpoint}", "/{folder}/v2/tenant/{tenant}/export/{endpoint}",
					"/{folder}/v2/tenant/{tenant}/{endpoint}/{id}/{modifier}");
		assertThat(all(REQUEST)).allSatisfy((request) -> assertThat(request.getParentObservation()).isNotNull());
	}

	@Test
	void whenNotFoundThenOperationIsClientErrorWithTheExceptionName() {
		wireMock.server.stubFor(get(urlPathEqualTo(wireMock.tenantPath("jpm") + "/jobs/9"))
			.willReturn(aResponse().withStatus(404)));

		assertThatExceptionOfType(ServiceTitanApiException.NotFound.class)
			.isThrownBy(() -> client(true).endpoint("jpm", "jobs").getOne("9"));

		assertThat(low(single(OPERATION))).containsEntry("outcome", "client_error")
			.containsEntry("exception", "NotFound");
		assertThat(low(single(REQUEST))).containsEntry("status", "404").containsEntry("outcome", "client_error");
	}

	@Test
	void whenAServerErrorIsRetriedToSuccessThenEachAttemptIsAChildRequest() {
		String path = wireMock.tenantPath("jpm") + "/jobs/5";
		wireMock.server.stubFor(get(urlPathEqualTo(path)).inScenario("flaky")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503))
			.willSetStateTo("recovered"));
		wireMock.server.stubFor(get(urlPathEqualTo(path)).inScenario("flaky")
			.whenScenarioStateIs("recovered")
			.willReturn(okJson("{}")));

		client(true).endpoint("jpm", "jobs").getOne("5");

		Observation.Context operation = single(OPERATION);
		assertThat(low(operation)).containsEntry("outcome", "success");
		assertThat(all(REQUEST)).extracting((request) -> low(request).get("status")).containsExactly("503", "200");
		assertThat(all(REQUEST)).extracting((request) -> low(request).get("outcome"))
			.containsExactly("server_error", "success");
		assertThat(all(REQUEST))
			.allSatisfy((request) -> assertThat(request.getParentObservation().getContextView()).isSameAs(operation));
	}

	@Test
	void whenServerErrorsPersistThenOperationIsServerError() {
		wireMock.server.stubFor(get(urlPathEqualTo(wireMock.tenantPath("jpm") + "/jobs/5"))
			.willReturn(aResponse().withStatus(500)));

		assertThatExceptionOfType(ServiceTitanApiException.ServerError.class)
			.isThrownBy(() -> client(true).endpoint("jpm", "jobs").getOne("5"));

		assertThat(low(single(OPERATION))).containsEntry("outcome", "server_error");
		assertThat(all(REQUEST)).hasSize(4);
	}

	@Test
	void whenTheServerAsksForTooLongAWaitThenOperationIsRateLimited() {
		wireMock.server.stubFor(get(urlPathEqualTo(wireMock.tenantPath("jpm") + "/jobs/5"))
			.willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")));

		assertThatExceptionOfType(ServiceTitanApiException.TooManyRequests.class)
			.isThrownBy(() -> client(true).endpoint("jpm", "jobs").getOne("5"));

		assertThat(low(single(OPERATION))).containsEntry("outcome", "rate_limited")
			.containsEntry("exception", "TooManyRequests");
		assertThat(low(single(REQUEST))).containsEntry("status", "429").containsEntry("outcome", "rate_limited");
	}

	@Test
	void whenTheConnectionIsResetThenOperationAndRequestAreIoErrors() {
		wireMock.server.stubFor(post(urlPathEqualTo(wireMock.tenantPath("jpm") + "/jobs"))
			.willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

		assertThatExceptionOfType(ServiceTitanTransportException.class)
			.isThrownBy(() -> client(true).endpoint("jpm", "jobs").create(Map.of("summary", "x")));

		assertThat(low(single(OPERATION))).containsEntry("outcome", "io_error")
			.containsEntry("exception", "ServiceTitanTransportException");
		assertThat(low(single(REQUEST))).containsEntry("status", "none").containsEntry("outcome", "io_error");
	}

	@Test
	void whenAStreamIsClosedEarlyThenItsOperationStopsAsSuccess() {
		String path = wireMock.tenantPath("jpm") + "/jobs";
		wireMock.server.stubFor(get(urlPathEqualTo(path)).withQueryParam("page", equalTo("1"))
			.willReturn(okJson("{\"page\":1,\"pageSize\":2,\"hasMore\":true,\"data\":[{\"id\":1},{\"id\":2}]}")));

		try (Stream<JsonNode> jobs = client(true).endpoint("jpm", "jobs").streamAll(Map.of())) {
			assertThat(jobs.limit(1).count()).isEqualTo(1);
		}

		assertThat(low(single(OPERATION))).containsEntry("operation", "get_all").containsEntry("outcome", "success");
		assertThat(all(REQUEST)).hasSize(1);
	}

	@Test
	void whenTenantTagIsOffThenTenantIsNone() {
		wireMock.server.stubFor(any(urlPathMatching(".*/jobs/1")).willReturn(okJson("{}")));

		client(false).endpoint("jpm", "jobs").getOne("1");

		assertThat(low(single(OPERATION))).containsEntry("tenant", "none");
		assertThat(low(single(REQUEST))).containsEntry("tenant", "none");
	}

	@Test
	void whenNoRegistryIsGivenThenNothingIsObservedAndCallsStillWork() {
		wireMock.server.stubFor(any(urlPathMatching(".*/jobs/1")).willReturn(okJson("{\"id\":1}")));

		JsonNode job = wireMock.client().endpoint("jpm", "jobs").getOne("1");

		assertThat(job.path("id").asInt()).isEqualTo(1);
		assertThat(this.registry).doesNotHaveAnyObservation();
	}

	List<Observation.Context> all(String name) {
		List<Observation.Context> found = new ArrayList<>();
		assertThat(this.registry).hasHandledContextsThatSatisfy((contexts) -> contexts.stream()
			.filter((context) -> name.equals(context.getName()))
			.forEach(found::add));
		return found;
	}

	Observation.Context single(String name) {
		List<Observation.Context> found = all(name);
		assertThat(found).hasSize(1);
		return found.get(0);
	}

	static Map<String, String> low(Observation.Context context) {
		return context.getLowCardinalityKeyValues().stream().collect(Collectors.toMap(KeyValue::getKey, KeyValue::getValue));
	}

	static Map<String, String> high(Observation.Context context) {
		return context.getHighCardinalityKeyValues().stream().collect(Collectors.toMap(KeyValue::getKey, KeyValue::getValue));
	}

}
