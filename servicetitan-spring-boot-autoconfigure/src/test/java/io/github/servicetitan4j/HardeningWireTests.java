package io.github.servicetitan4j;

import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.http.Fault;
import io.github.servicetitan4j.ServiceTitanClientListener.CallDescriptor;
import io.github.servicetitan4j.errors.ServiceTitanApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * What a failure is reported as: a local disk failure during a download is not a network failure, a DELETE that an
 * earlier attempt already carried out is done, a throwing listener disturbs nothing, and plain http to another host
 * is warned about.
 */
class HardeningWireTests {

	@RegisterExtension
	static final ServiceTitanWireMock wireMock = new ServiceTitanWireMock();

	final String jobs = wireMock.tenantPath("jpm") + "/jobs";

	@Test
	void whenWritingADownloadFailsLocallyThenItIsNotRetriedIsReportedAsLocalAndThePartialFileIsRemoved(
			@TempDir Path directory) throws Exception {
		Path full = Paths.get("/dev/full");
		assumeThat(Files.exists(full)).as("a device that is always full (Linux)").isTrue();
		String image = wireMock.tenantPath("pricebook") + "/images/logo";
		// The answer comes a moment later, time enough to point the temporary file at a full disk.
		wireMock.server.stubFor(get(urlPathEqualTo(image)).willReturn(aResponse().withBody(new byte[100_000])
			.withFixedDelay(1_000)));
		Endpoint images = wireMock.client().endpoint("pricebook", "images");
		CompletableFuture<Throwable> download = CompletableFuture.supplyAsync(() -> {
			try {
				images.download("logo", null, directory.resolve("logo.png"));
				return null;
			}
			catch (Throwable ex) {
				return ex;
			}
		});
		Path partial = awaitOneFile(directory);
		Files.delete(partial);
		Files.createSymbolicLink(partial, full);

		Throwable failure = download.get(10, TimeUnit.SECONDS);

		assertThat(failure).isInstanceOf(UncheckedIOException.class)
			.hasMessageContaining("Could not write the download")
			.hasMessageContaining("No space left on device");
		wireMock.server.verify(1, getRequestedFor(urlPathEqualTo(image)));
		assertThat(wireMock.sleeps).isEmpty();
		try (Stream<Path> left = Files.list(directory)) {
			assertThat(left).isEmpty();
		}
	}

	@Test
	void whenADeleteRetriedAfterAnUnknownOutcomeAnswers404ThenItIsReportedAsDone() {
		// the reset came after the server deleted it: the retry finds nothing
		wireMock.server.stubFor(delete(urlPathEqualTo(this.jobs + "/7"))
			.inScenario("gone")
			.whenScenarioStateIs("Started")
			.willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
			.willSetStateTo("deleted"));
		wireMock.server.stubFor(delete(urlPathEqualTo(this.jobs + "/7"))
			.inScenario("gone")
			.whenScenarioStateIs("deleted")
			.willReturn(aResponse().withStatus(404)));

		JsonNode answer = wireMock.client().endpoint("jpm", "jobs").delete("7");

		assertThat(answer.isMissingNode()).isTrue();
		assertThat(wireMock.server.findAll(deleteRequestedFor(urlPathEqualTo(this.jobs + "/7")))).hasSizeBetween(2, 3);
	}

	@Test
	void whenAFirstDeleteAnswers404ThenItIsStillNotFound() {
		wireMock.server.stubFor(delete(urlPathEqualTo(this.jobs + "/8")).willReturn(aResponse().withStatus(404)));

		assertThatExceptionOfType(ServiceTitanApiException.NotFound.class)
			.isThrownBy(() -> wireMock.client().endpoint("jpm", "jobs").delete("8"));
	}

	@Test
	void whenAListenerThrowsOnEveryEventThenCallsRetriesAndWalksStillCompleteAndEveryOperationStops() {
		RetryStubs.failThenSucceed(wireMock, () -> get(urlPathEqualTo(this.jobs + "/1")), 1, aResponse().withStatus(503));
		wireMock.server.stubFor(get(urlPathEqualTo(this.jobs)).withQueryParam("page", equalTo("1"))
			.willReturn(okJson(Envelopes.page(1, 2, true, 3, 1, 2))));
		wireMock.server.stubFor(get(urlPathEqualTo(this.jobs)).withQueryParam("page", equalTo("2"))
			.willReturn(okJson(Envelopes.page(2, 2, false, 3, 3, 3))));
		AtomicInteger started = new AtomicInteger();
		AtomicInteger stopped = new AtomicInteger();
		OperationObserver observer = (call, id) -> {
			started.incrementAndGet();
			return new OperationObserver.Operation() {

				@Override
				public <T> T inScope(Supplier<T> work) {
					return work.get();
				}

				@Override
				public void error(Throwable error) {
				}

				@Override
				public void stop() {
					stopped.incrementAndGet();
				}

			};
		};
		ServiceTitanClientListener hostile = new ServiceTitanClientListener() {

			@Override
			public void onRetry(CallDescriptor call, String reason, Duration delay) {
				throw new IllegalStateException("listener broke on retry");
			}

			@Override
			public void onRateLimitWait(CallDescriptor call, Duration waited) {
				throw new IllegalStateException("listener broke on wait");
			}

			@Override
			public void onRecords(CallDescriptor call, long count) {
				throw new IllegalStateException("listener broke on records");
			}

			@Override
			public void onTokenRequest(Duration duration, String outcome) {
				throw new IllegalStateException("listener broke on token");
			}

		};
		ServiceTitanClient client = wireMock.clientBuilder().listener(hostile).observer(observer).build();
		Endpoint endpoint = client.endpoint("jpm", "jobs");

		try (CapturedLogs logs = new CapturedLogs()) {
			assertThat(endpoint.getOne("1").path("id").asInt()).isEqualTo(1);
			List<Integer> ids;
			try (Stream<JsonNode> records = endpoint.streamAll(Map.of("pageSize", 2))) {
				ids = records.map((record) -> record.path("id").asInt()).toList();
			}
			assertThat(ids).containsExactly(1, 2, 3);
			assertThat(logs.lines()).anySatisfy((line) -> assertThat(line).contains("WARN", "threw from onRetry"));
		}
		assertThat(stopped.get()).isEqualTo(started.get()).isEqualTo(2);
		wireMock.server.verify(2, getRequestedFor(urlPathEqualTo(this.jobs + "/1")));
	}

	@Test
	void whenTheApiOrAuthUrlIsPlainHttpOnAnotherHostThenAWarningNamesItAtStartup() {
		try (CapturedLogs logs = new CapturedLogs()) {
			wireMock.clientBuilder()
				.apiUrl(URI.create("http://api.servicetitan.example"))
				.authUrl(URI.create("http://auth.servicetitan.example"))
				.build();
			wireMock.client();

			assertThat(logs.lines()).filteredOn((line) -> line.startsWith("WARN"))
				.anySatisfy((line) -> assertThat(line).contains("servicetitan.api-url", "api.servicetitan.example"))
				.anySatisfy((line) -> assertThat(line).contains("servicetitan.auth-url", "auth.servicetitan.example"))
				.hasSize(2)
				.allSatisfy(RetryStubs::assertNoSecret);
		}
	}

	private static Path awaitOneFile(Path directory) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (true) {
			try (Stream<Path> files = Files.list(directory)) {
				List<Path> found = files.toList();
				if (found.size() == 1) {
					return found.get(0);
				}
			}
			assertThat(System.nanoTime()).as("temporary file created in time").isLessThan(deadline);
			Thread.sleep(5);
		}
	}

}
