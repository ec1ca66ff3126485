package io.github.servicetitan4j.observation;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import brave.Tracing;
import brave.handler.MutableSpan;
import brave.handler.SpanHandler;
import brave.propagation.ThreadLocalCurrentTraceContext;
import brave.propagation.TraceContext;
import brave.sampler.Sampler;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.servicetitan4j.ServiceTitanWireMock;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.brave.bridge.BraveBaggageManager;
import io.micrometer.tracing.brave.bridge.BraveCurrentTraceContext;
import io.micrometer.tracing.brave.bridge.BravePropagator;
import io.micrometer.tracing.brave.bridge.BraveTracer;
import io.micrometer.tracing.brave.bridge.W3CPropagation;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With Micrometer Tracing (Brave, W3C propagation): an operation is a span, its HTTP requests are child spans, and the
 * trace context goes over the wire as {@code traceparent}.
 */
class TracePropagationTests {

	ServiceTitanWireMock wireMock;

	Tracing tracing;

	final List<MutableSpan> spans = new CopyOnWriteArrayList<>();

	ObservationRegistry registry;

	@BeforeEach
	void setUp() {
		this.wireMock = new ServiceTitanWireMock();
		BraveBaggageManager baggage = new BraveBaggageManager();
		this.tracing = Tracing.newBuilder()
			.currentTraceContext(ThreadLocalCurrentTraceContext.newBuilder().build())
			.propagationFactory(new W3CPropagation(baggage, List.of()))
			.traceId128Bit(true)
			.sampler(Sampler.ALWAYS_SAMPLE)
			.addSpanHandler(new SpanHandler() {

				@Override
				public boolean end(TraceContext context, MutableSpan span, Cause cause) {
					TracePropagationTests.this.spans.add(span);
					return true;
				}

			})
			.build();
		BraveTracer tracer = new BraveTracer(this.tracing.tracer(),
				new BraveCurrentTraceContext(this.tracing.currentTraceContext()), baggage);
		this.registry = ObservationRegistry.create();
		this.registry.observationConfig()
			.observationHandler(new ObservationHandler.FirstMatchingCompositeObservationHandler(
					new PropagatingSenderTracingObservationHandler<>(tracer, new BravePropagator(this.tracing)),
					new DefaultTracingObservationHandler(tracer)));
	}

	@AfterEach
	void tearDown() {
		this.tracing.close();
		this.wireMock.close();
	}

	@Test
	void whenAnOperationRunsThenItsRequestIsAChildSpanAndTheTraceGoesOverTheWire() {
		this.wireMock.server.stubFor(get(urlPathEqualTo(this.wireMock.tenantPath("jpm") + "/jobs/42"))
			.willReturn(okJson("{}")));

		this.wireMock.clientBuilder()
			.observer(new ObservationOperationObserver(this.registry, null, ServiceTitanWireMock.TENANT))
			.restClientBuilder(RestClient.builder()
				.observationRegistry(this.registry)
				.observationConvention(new ServiceTitanRequestObservationConvention(ServiceTitanWireMock.TENANT, true)))
			.build()
			.endpoint("jpm", "jobs")
			.getOne("42");

		assertThat(this.spans).hasSize(2);
		MutableSpan request = this.spans.get(0);
		MutableSpan operation = this.spans.get(1);
		assertThat(operation.name()).isEqualTo("servicetitan get_one jpm/jobs");
		assertThat(operation.parentId()).isNull();
		assertThat(operation.tags()).containsEntry("id", "42").containsEntry("outcome", "success");
		assertThat(request.traceId()).isEqualTo(operation.traceId());
		assertThat(request.parentId()).isEqualTo(operation.id());
		assertThat(request.tags()).containsEntry("uri", "/{folder}/v2/tenant/{tenant}/{endpoint}/{id}")
			.containsEntry("status", "200");
		List<LoggedRequest> sent = this.wireMock.server
			.findAll(getRequestedFor(urlPathEqualTo(this.wireMock.tenantPath("jpm") + "/jobs/42")));
		assertThat(sent).singleElement()
			.satisfies((call) -> assertThat(call.getHeader("traceparent"))
				.isEqualTo("00-" + operation.traceId() + "-" + request.id() + "-01"));
		// The token request is no part of the application's traces: its RestClient observes nothing.
		assertThat(this.wireMock.server.findAll(postRequestedFor(urlPathEqualTo("/connect/token"))))
			.singleElement()
			.satisfies((call) -> assertThat(call.containsHeader("traceparent")).isFalse());
	}

}
