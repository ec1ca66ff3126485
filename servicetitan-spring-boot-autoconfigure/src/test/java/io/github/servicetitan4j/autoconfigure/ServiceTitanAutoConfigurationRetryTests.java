package io.github.servicetitan4j.autoconfigure;

import java.time.Duration;

import io.github.servicetitan4j.EndpointFactory;
import io.github.servicetitan4j.ServiceTitanWireMock;
import io.github.servicetitan4j.errors.ServiceTitanApiException;
import io.github.servicetitan4j.errors.ServiceTitanAuthenticationException;
import io.github.servicetitan4j.errors.ServiceTitanTransportException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code servicetitan.retry.*}, {@code servicetitan.rate-limit.*} and the timeouts reach the client built by the
 * auto-configuration, for API calls and for the token request. The test's clock and sleeper come in through a
 * {@link ServiceTitanClientBuilderCustomizer}, as any application could bring its own.
 */
class ServiceTitanAutoConfigurationRetryTests {

	@RegisterExtension
	static final ServiceTitanWireMock wireMock = new ServiceTitanWireMock();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ServiceTitanAutoConfiguration.class))
		.withBean(ServiceTitanClientBuilderCustomizer.class,
				() -> (builder) -> builder.clock(wireMock.clock)
					.nanoTime(wireMock.clock::nanoTime)
					.sleeper(wireMock.sleeper)
					.jitter(() -> 0.0));

	@BeforeAll
	static void warmUp() {
		// The first request of a fresh JVM loads the HTTP and OAuth2 classes and can take seconds: keep it out of the
		// one-second read timeouts below.
		wireMock.server.stubFor(get(urlPathEqualTo(wireMock.tenantPath("warm") + "/up/1")).willReturn(okJson("{}")));
		wireMock.client().endpoint("warm", "up").getOne("1");
	}

	private ApplicationContextRunner connected(String... properties) {
		return this.contextRunner
			.withPropertyValues("servicetitan.client-id=" + ServiceTitanWireMock.CLIENT_ID,
					"servicetitan.client-secret=" + ServiceTitanWireMock.CLIENT_SECRET,
					"servicetitan.app-key=" + ServiceTitanWireMock.APP_KEY,
					"servicetitan.tenant-id=" + ServiceTitanWireMock.TENANT, "servicetitan.api-url=" + wireMock.url(),
					"servicetitan.auth-url=" + wireMock.url(), "servicetitan.rate-limit.requests-per-second=0")
			.withPropertyValues(properties);
	}

	@Test
	void whenRetryPropertiesAreSetThenCallsAreRetriedAsTheySay() {
		wireMock.server.stubFor(get(urlPathEqualTo(wireMock.tenantPath("jpm") + "/jobs/1"))
			.willReturn(aResponse().withStatus(503)));

		connected("servicetitan.retry.max-attempts=3", "servicetitan.retry.initial-backoff=700ms",
				"servicetitan.retry.max-backoff=1s")
			.run((context) -> {
				EndpointFactory serviceTitan = context.getBean(EndpointFactory.class);
				assertThatExceptionOfType(ServiceTitanApiException.ServerError.class)
					.isThrownBy(() -> serviceTitan.endpoint("jpm", "jobs").getOne("1"))
					.satisfies((ex) -> assertThat(ex.attempts()).hasSize(3));
			});

		wireMock.server.verify(3, getRequestedFor(urlPathEqualTo(wireMock.tenantPath("jpm") + "/jobs/1")));
		// ceilings 700 ms and 1 s (1.4 s capped), jitter pinned to the floor of each
		assertThat(wireMock.sleeps).containsExactly(Duration.ofMillis(700), Duration.ofMillis(700));
	}

	@Test
	void whenRetriesAreDisabledThenEachCallIsTriedOnce() {
		wireMock.server.stubFor(get(urlPathEqualTo(wireMock.tenantPath("jpm") + "/jobs/1"))
			.willReturn(aResponse().withStatus(503)));

		connected("servicetitan.retry.enabled=false").run((context) -> assertThatExceptionOfType(ServiceTitanApiException.ServerError.class)
			.isThrownBy(() -> context.getBean(EndpointFactory.class).endpoint("jpm", "jobs").getOne("1")));

		wireMock.server.verify(1, getRequestedFor(urlPathEqualTo(wireMock.tenantPath("jpm") + "/jobs/1")));
	}

	@Test
	void whenRateLimitPropertiesAreSetThenCallsAreSpacedSoThatNoSecondHoldsMoreThanTheRate() {
		wireMock.server.stubFor(get(urlPathEqualTo(wireMock.tenantPath("jpm") + "/jobs/1")).willReturn(okJson("{}")));

		connected("servicetitan.rate-limit.requests-per-second=4", "servicetitan.rate-limit.burst=2").run((context) -> {
			EndpointFactory serviceTitan = context.getBean(EndpointFactory.class);
			for (int i = 0; i < 4; i++) {
				serviceTitan.endpoint("jpm", "jobs").getOne("1");
			}
		});

		// a burst of 2, then a refill of 4 - (2 - 1) = 3 per second: at most 4 calls in any second
		assertThat(wireMock.sleeps).containsExactly(Duration.ofNanos(333_333_334), Duration.ofNanos(333_333_334));
	}

	@Test
	void whenReadTimeoutIsSetThenItAppliesToTheTokenRequest() {
		wireMock.server.stubFor(post(urlPathEqualTo("/connect/token")).willReturn(aResponse().withFixedDelay(4_000)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"access_token\":\"x\",\"token_type\":\"Bearer\",\"expires_in\":900}")));

		connected("servicetitan.read-timeout=1s", "servicetitan.retry.max-attempts=1").run((context) -> {
			long start = System.nanoTime();
			assertThatExceptionOfType(ServiceTitanAuthenticationException.class)
				.isThrownBy(() -> context.getBean(EndpointFactory.class).endpoint("jpm", "jobs").getOne("1"))
				.withMessageContaining("timeout");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
		});
	}

	@Test
	void whenReadTimeoutIsSetThenItAppliesToApiCalls() {
		wireMock.server.stubFor(get(urlPathEqualTo(wireMock.tenantPath("jpm") + "/jobs/1"))
			.willReturn(okJson("{}").withFixedDelay(4_000)));

		connected("servicetitan.read-timeout=1s", "servicetitan.retry.max-attempts=1").run((context) -> {
			EndpointFactory serviceTitan = context.getBean(EndpointFactory.class);
			long start = System.nanoTime();
			assertThatExceptionOfType(ServiceTitanTransportException.class)
				.isThrownBy(() -> serviceTitan.endpoint("jpm", "jobs").getOne("1"))
				.withMessageContaining("timeout");
			assertThat(wireMock.tokenRequests()).isEqualTo(1);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
		});
	}

}
