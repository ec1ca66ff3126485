package io.github.servicetitan4j;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.SocketException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.github.servicetitan4j.errors.ServiceTitanTransportException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What a request costs in threads. The JDK client's {@code sendAsync}, which Spring's request calls, hands every
 * response to {@code CompletableFuture}'s default executor, a new thread per request on a machine of one or two
 * processors; and Spring writes each request body on a new thread unless given an executor. The client sends on the
 * calling thread and keeps its body writers; failures read as before (the real ones: {@link TransportFaultWireTests}).
 */
class RequestThreadsWireTests {

	@RegisterExtension
	static final ServiceTitanWireMock wireMock = new ServiceTitanWireMock();

	@Test
	void whenRequestsAreSentThenEachIsSentOnTheThreadThatAsksWithoutAnAsynchronousHandOff() {
		stubJobs();
		RecordingHttpClient http = new RecordingHttpClient();
		ServiceTitanClient client = wireMock.clientBuilder().httpClient(http).build();
		Endpoint jobs = client.endpoint("jpm", "jobs");

		jobs.getOne("7");
		jobs.create(Map.of("summary", "No cooling"));
		try (Stream<JsonNode> records = jobs.streamAll(Map.of("pageSize", 2))) {
			assertThat(records.map((record) -> record.get("id").asInt())).containsExactly(1, 2, 3, 4);
		}

		assertThat(http.asyncSends).hasValue(0);
		// the token, the GET, the POST and the two pages; the first page is asked for by the consumer
		assertThat(http.sendingThreads).hasSize(5).hasSize(wireMock.server.getAllServeEvents().size());
		assertThat(http.sendingThreads.subList(0, 4)).containsOnly(Thread.currentThread().getName());
		wireMock.server.verify(postRequestedFor(urlPathEqualTo(wireMock.tenantPath("jpm") + "/jobs"))
			.withRequestBody(equalToJson("{\"summary\":\"No cooling\"}")));
	}

	@Test
	void whenManyRequestsAreSentThenNoThreadIsStartedForEach() {
		stubJobs();
		ServiceTitanClient client = wireMock.client();
		Endpoint jobs = client.endpoint("jpm", "jobs");
		// The token, the first body writer and whatever the JDK client starts once.
		jobs.getOne("7");
		jobs.create(Map.of("summary", "warm-up"));
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		long started = threads.getTotalStartedThreadCount();

		for (int i = 0; i < 40; i++) {
			jobs.getOne("7");
			jobs.create(Map.of("summary", "job " + i));
		}

		// Before, 40 threads for the bodies, and on one or two processors 80 more for the responses; a thread of the
		// JVM's own or of the server may start meanwhile, never one per request.
		assertThat(threads.getTotalStartedThreadCount() - started).isLessThan(10);
		wireMock.server.verify(41, getRequestedFor(urlPathEqualTo(wireMock.tenantPath("jpm") + "/jobs/7")));
		wireMock.server.verify(41, postRequestedFor(urlPathEqualTo(wireMock.tenantPath("jpm") + "/jobs")));
	}

	@Test
	void whenTheHttpClientHasAnExecutorThenRequestBodiesAreWrittenOnIt() {
		stubJobs();
		AtomicInteger tasks = new AtomicInteger();
		ExecutorService pool = Executors.newCachedThreadPool();
		try {
			Executor counting = (task) -> {
				// The JDK client runs its own tasks on it too; Spring's are the body writers.
				if (task.getClass().getName().startsWith("org.springframework.")) {
					tasks.incrementAndGet();
				}
				pool.execute(task);
			};
			ServiceTitanClient client = wireMock.clientBuilder().httpClient(new RecordingHttpClient(counting)).build();

			client.endpoint("jpm", "jobs").create(Map.of("summary", "No cooling"));

			// the token request's form and the job
			assertThat(tasks).hasValue(2);
			wireMock.server.verify(postRequestedFor(urlPathEqualTo(wireMock.tenantPath("jpm") + "/jobs"))
				.withRequestBody(equalToJson("{\"summary\":\"No cooling\"}")));
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void whenSendingFailsThenTheFailureIsNamedFromWhatTheExchangeFailedWith() {
		// What the JDK's send() throws when an exchange fails with a SocketException: a plain copy holding it.
		RecordingHttpClient http = new RecordingHttpClient();
		http.failure = new IOException("Broken pipe", new SocketException("Broken pipe"));
		ServiceTitanClient client = wireMock.clientBuilder().httpClient(http).build();

		assertThatExceptionOfType(ServiceTitanTransportException.class)
			.isThrownBy(() -> client.endpoint("jpm", "jobs").getOne("7"))
			.satisfies((ex) -> assertThat(ex.attempts()).containsExactly("connection reset", "connection reset",
					"connection reset", "connection reset"));
		assertThat(http.asyncSends).hasValue(0);
	}

	private static void stubJobs() {
		String jobs = wireMock.tenantPath("jpm") + "/jobs";
		wireMock.server.stubFor(get(urlPathEqualTo(jobs + "/7")).willReturn(okJson("{\"id\":7}")));
		wireMock.server.stubFor(post(urlPathEqualTo(jobs)).willReturn(okJson("{\"id\":8}")));
		wireMock.server.stubFor(get(urlPathEqualTo(jobs)).withQueryParam("page", equalTo("1"))
			.willReturn(okJson(Envelopes.page(1, 2, true, 4, 1, 2))));
		wireMock.server.stubFor(get(urlPathEqualTo(jobs)).withQueryParam("page", equalTo("2"))
			.willReturn(okJson(Envelopes.page(2, 2, false, 4, 3, 4))));
	}

	/** A JDK client that notes how it is asked to send. */
	static final class RecordingHttpClient extends JdkRequestFactory.ForwardingHttpClient {

		final List<String> sendingThreads = new CopyOnWriteArrayList<>();

		final AtomicInteger asyncSends = new AtomicInteger();

		/** Thrown instead of sending any request but the token's. */
		volatile @Nullable IOException failure;

		RecordingHttpClient() {
			this(null);
		}

		RecordingHttpClient(@Nullable Executor executor) {
			super(jdkClient(executor));
		}

		private static HttpClient jdkClient(@Nullable Executor executor) {
			HttpClient.Builder builder = HttpClient.newBuilder()
				.followRedirects(Redirect.NEVER)
				.connectTimeout(Duration.ofSeconds(5));
			return (executor != null) ? builder.executor(executor).build() : builder.build();
		}

		@Override
		public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
				throws IOException, InterruptedException {
			this.sendingThreads.add(Thread.currentThread().getName());
			IOException failing = this.failure;
			if (failing != null && !request.uri().getPath().equals("/connect/token")) {
				throw failing;
			}
			return super.send(request, handler);
		}

		@Override
		public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request,
				HttpResponse.BodyHandler<T> handler) {
			this.asyncSends.incrementAndGet();
			return super.sendAsync(request, handler);
		}

		@Override
		public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
				HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
			this.asyncSends.incrementAndGet();
			return super.sendAsync(request, handler, pushPromiseHandler);
		}

	}

}
