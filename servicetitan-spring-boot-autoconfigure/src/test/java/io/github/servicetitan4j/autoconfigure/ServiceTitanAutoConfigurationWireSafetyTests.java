package io.github.servicetitan4j.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.github.servicetitan4j.EndpointFactory;
import io.github.servicetitan4j.ServiceTitanWireMock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client the auto-configuration builds keeps its credentials on ServiceTitan's hosts, with Boot's default JDK
 * client and with another request factory library, and its read timeout never cuts off a slow consumer.
 */
class ServiceTitanAutoConfigurationWireSafetyTests {

	@RegisterExtension
	static final ServiceTitanWireMock wireMock = new ServiceTitanWireMock();

	@RegisterExtension
	static final ServiceTitanWireMock fileStore = new ServiceTitanWireMock("127.0.0.2");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ServiceTitanAutoConfiguration.class))
		.withBean(ServiceTitanClientBuilderCustomizer.class,
				() -> (builder) -> builder.clock(wireMock.clock).sleeper(wireMock.sleeper).jitter(() -> 0.0))
		.withPropertyValues("servicetitan.client-id=" + ServiceTitanWireMock.CLIENT_ID,
				"servicetitan.client-secret=" + ServiceTitanWireMock.CLIENT_SECRET,
				"servicetitan.app-key=" + ServiceTitanWireMock.APP_KEY,
				"servicetitan.tenant-id=" + ServiceTitanWireMock.TENANT, "servicetitan.api-url=" + wireMock.url(),
				"servicetitan.auth-url=" + wireMock.url(), "servicetitan.rate-limit.requests-per-second=0");

	final String image = wireMock.tenantPath("pricebook") + "/images/logo";

	@BeforeAll
	static void warmUp() {
		// The first request of a fresh JVM loads the HTTP and OAuth2 classes: keep it out of the short read timeout.
		wireMock.server.stubFor(get(urlPathEqualTo(wireMock.tenantPath("warm") + "/up/1")).willReturn(okJson("{}")));
		wireMock.client().endpoint("warm", "up").getOne("1");
	}

	@Test
	void whenADownloadIsRedirectedToAnotherHostThenTheDefaultJdkClientSendsNoCredentialsThere() {
		stubRedirectedDownload();

		this.contextRunner.run((context) -> assertDownloadedWithoutCredentialsAtTheFileStore(context.getBean(EndpointFactory.class)));
	}

	@Test
	void whenAnotherRequestFactoryLibraryIsUsedThenItDoesNotFollowRedirectsEither() {
		stubRedirectedDownload();

		// HttpURLConnection follows redirects of a GET unless told not to
		this.contextRunner.withBean(ClientHttpRequestFactoryBuilder.class, ClientHttpRequestFactoryBuilder::simple)
			.run((context) -> assertDownloadedWithoutCredentialsAtTheFileStore(context.getBean(EndpointFactory.class)));
	}

	@Test
	void whenTheConsumerIsSlowerThanTheReadTimeoutThenThePageIsRequestedOnce() {
		String jobs = wireMock.tenantPath("jpm") + "/jobs";
		StringBuilder records = new StringBuilder();
		for (int id = 1; id <= 200; id++) {
			records.append((id > 1) ? "," : "").append("{\"id\":").append(id).append(",\"name\":\"record ").append(id)
				.append("\",\"padding\":\"").append("x".repeat(100)).append("\"}");
		}
		wireMock.server.stubFor(get(urlPathEqualTo(jobs))
			.willReturn(okJson("{\"page\":1,\"pageSize\":200,\"hasMore\":false,\"data\":[" + records + "]}")));
		AtomicInteger seen = new AtomicInteger();

		this.contextRunner.withPropertyValues("servicetitan.read-timeout=1s").run((context) -> {
			try (Stream<JsonNode> stream = context.getBean(EndpointFactory.class)
				.endpoint("jpm", "jobs")
				.streamAll(Map.of("pageSize", 200))) {
				// 6 ms a record: the page takes the consumer 1.2 s or more, longer than the read timeout
				stream.forEach((record) -> {
					seen.incrementAndGet();
					pause();
				});
			}
		});

		assertThat(seen).hasValue(200);
		wireMock.server.verify(1, getRequestedFor(urlPathEqualTo(jobs)));
	}

	private void stubRedirectedDownload() {
		wireMock.server.stubFor(get(urlPathEqualTo(this.image))
			.willReturn(aResponse().withStatus(302).withHeader("Location", fileStore.url() + "/blob/logo.png")));
		fileStore.server.stubFor(get(urlPathEqualTo("/blob/logo.png")).willReturn(aResponse().withBody("PNG")));
	}

	private void assertDownloadedWithoutCredentialsAtTheFileStore(EndpointFactory serviceTitan) {
		byte[] bytes = serviceTitan.endpoint("pricebook", "images").download("logo");

		assertThat(new String(bytes, StandardCharsets.US_ASCII)).isEqualTo("PNG");
		fileStore.server.verify(1, getRequestedFor(urlPathEqualTo("/blob/logo.png"))
			.withHeader("Authorization", absent())
			.withHeader("ST-App-Key", absent()));
	}

	private static void pause() {
		try {
			TimeUnit.MILLISECONDS.sleep(6);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
