package io.github.servicetitan4j;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.github.servicetitan4j.retry.RetrySettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read timeout bounds waiting for the server, never the consumer: a stream whose consumer takes longer per page
 * than the read timeout still costs one request per page. The consumer really is slow (a short real read timeout
 * is what is under test), and a slower machine only makes it slower, so the test cannot pass by being fast.
 */
class SlowConsumerWireTests {

	static final Duration READ_TIMEOUT = Duration.ofSeconds(1);

	static final int PAGE_SIZE = 200;

	@RegisterExtension
	static final ServiceTitanWireMock wireMock = new ServiceTitanWireMock();

	@BeforeAll
	static void warmUp() {
		// The first request of a fresh JVM loads the HTTP and OAuth2 classes: keep it out of the short read timeout.
		wireMock.server.stubFor(get(urlPathEqualTo(wireMock.tenantPath("warm") + "/up/1")).willReturn(okJson("{}")));
		wireMock.client().endpoint("warm", "up").getOne("1");
	}

	@Test
	void whenTheConsumerIsSlowerThanTheReadTimeoutThenEachPageIsStillRequestedOnce() {
		String jobs = wireMock.tenantPath("jpm") + "/jobs";
		for (int page = 1; page <= 3; page++) {
			int from = (page - 1) * PAGE_SIZE + 1;
			wireMock.server.stubFor(get(urlPathEqualTo(jobs)).withQueryParam("page", equalTo(Integer.toString(page)))
				.willReturn(okJson(Envelopes.page(page, PAGE_SIZE, page < 3, 3 * PAGE_SIZE, from, from + PAGE_SIZE - 1))));
		}
		// Retries allowed, so that a cut-off page would show as a second request rather than as a failure.
		ServiceTitanClient client = wireMock.clientBuilder().readTimeout(READ_TIMEOUT).retry(RetrySettings.DEFAULTS).build();
		AtomicInteger seen = new AtomicInteger();
		long start = System.nanoTime();

		try (Stream<JsonNode> records = client.endpoint("jpm", "jobs").streamAll(Map.of("pageSize", PAGE_SIZE))) {
			records.forEach((record) -> {
				assertThat(record.path("id").asInt()).isEqualTo(seen.incrementAndGet());
				pause(6);
			});
		}

		assertThat(seen).hasValue(3 * PAGE_SIZE);
		// each page took the consumer at least 1.2 s, longer than the read timeout
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(READ_TIMEOUT.multipliedBy(3));
		wireMock.server.verify(3, getRequestedFor(urlPathEqualTo(jobs)));
		assertThat(wireMock.sleeps).isEmpty();
	}

	private static void pause(long millis) {
		try {
			TimeUnit.MILLISECONDS.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
