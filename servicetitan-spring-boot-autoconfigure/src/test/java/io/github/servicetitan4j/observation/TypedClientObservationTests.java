package io.github.servicetitan4j.observation;

import java.util.List;
import java.util.stream.Stream;

import io.github.servicetitan4j.ServiceTitanClient;
import io.github.servicetitan4j.ServiceTitanWireMock;
import io.github.servicetitan4j.errors.ServiceTitanApiException;
import io.github.servicetitan4j.typed.Job;
import io.github.servicetitan4j.typed.JobsApi;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Typed calls in the same meters as {@link io.github.servicetitan4j.Endpoint} calls: the operation named after the
 * interface method, folder and endpoint from the path template, the tenant tag, and no id in any tag.
 */
class TypedClientObservationTests {

	@RegisterExtension
	static final ServiceTitanWireMock wireMock = new ServiceTitanWireMock();

	MeterRegistry meters;

	ServiceTitanClient client;

	@BeforeEach
	void meteredClient() {
		this.meters = new SimpleMeterRegistry();
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(this.meters));
		this.client = wireMock.clientBuilder()
			.observer(ServiceTitanObservations.observer(observations, null, ServiceTitanWireMock.TENANT))
			.listener(ServiceTitanObservations.meters(this.meters, ServiceTitanWireMock.TENANT, true))
			.restClientBuilder(RestClient.builder()
				.observationRegistry(observations)
				.observationConvention(new ServiceTitanRequestObservationConvention(ServiceTitanWireMock.TENANT, true)))
			.build();
	}

	@AfterEach
	void closeClient() {
		this.client.close();
	}

	@Test
	void whenTypedCallsRunThenTheyAreTimedUnderTheMethodsNameWithTemplatedEndpointsAndNoIds() {
		String jobs = wireMock.tenantPath("jpm") + "/jobs";
		wireMock.server.stubFor(get(urlPathEqualTo(jobs + "/424242")).willReturn(okJson("{\"id\":424242}")));
		wireMock.server.stubFor(get(urlPathEqualTo(jobs + "/5")).willReturn(aResponse().withStatus(404)));
		wireMock.server.stubFor(get(urlPathEqualTo(jobs)).willReturn(
				okJson("{\"page\":1,\"pageSize\":50,\"hasMore\":false,\"data\":[{\"id\":1},{\"id\":2}]}")));
		JobsApi api = this.client.client(JobsApi.class);

		api.jobsGet(424242L, null);
		assertThatExceptionOfType(ServiceTitanApiException.NotFound.class).isThrownBy(() -> api.jobsGet(5L, null));
		try (Stream<Job> walk = api.jobsGetListStream(null, null)) {
			assertThat(walk).hasSize(2);
		}

		Timer get = this.meters.get("servicetitan.client.operation")
			.tags("operation", "JobsApi.jobsGet", "outcome", "success")
			.timer();
		assertThat(get.count()).isEqualTo(1);
		assertThat(get.getId().getTag("folder")).isEqualTo("jpm");
		assertThat(get.getId().getTag("endpoint")).isEqualTo("jobs/{id}");
		assertThat(get.getId().getTag("tenant")).isEqualTo(ServiceTitanWireMock.TENANT);
		assertThat(this.meters.get("servicetitan.client.operation")
			.tags("operation", "JobsApi.jobsGet", "exception", "NotFound")
			.timer()
			.count()).isEqualTo(1);
		assertThat(this.meters.get("servicetitan.client.records")
			.tags("operation", "JobsApi.jobsGetListStream", "endpoint", "jobs")
			.counter()
			.count()).isEqualTo(2);
		assertThat(this.meters.get("servicetitan.client.requests").tag("operation", "JobsApi.jobsGet").timers())
			.allSatisfy((timer) -> assertThat(timer.getId().getTag("uri")).isEqualTo("/jpm/v2/tenant/{tenant}/jobs/{id}"));
		List<Tag> tags = this.meters.getMeters().stream().map(Meter::getId).flatMap((id) -> id.getTags().stream()).toList();
		assertThat(tags).extracting(Tag::getValue).doesNotContain("424242", "5").noneMatch((value) -> value.contains("424242"));
	}

}
