package io.github.servicetitan4j.autoconfigure.observation;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.servicetitan4j.Endpoint;
import io.github.servicetitan4j.EndpointFactory;
import io.github.servicetitan4j.ServiceTitanClient;
import io.github.servicetitan4j.ServiceTitanClientListener;
import io.github.servicetitan4j.ServiceTitanWireMock;
import io.github.servicetitan4j.autoconfigure.ServiceTitanAutoConfiguration;
import io.github.servicetitan4j.autoconfigure.ServiceTitanClientBuilderCustomizer;
import io.github.servicetitan4j.autoconfigure.ServiceTitanTenantCustomizer;
import io.github.servicetitan4j.autoconfigure.actuate.ServiceTitanSanitizingAutoConfiguration;
import io.github.servicetitan4j.autoconfigure.health.ServiceTitanHealthContributorAutoConfiguration;
import io.github.servicetitan4j.observation.DefaultServiceTitanObservationConvention;
import io.github.servicetitan4j.observation.ServiceTitanMeterDocumentation;
import io.github.servicetitan4j.observation.ServiceTitanObservationConvention;
import io.github.servicetitan4j.observation.ServiceTitanObservationDocumentation;
import io.micrometer.common.docs.KeyName;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auto-configured client's observations and meters, read from a {@link SimpleMeterRegistry} after a WireMock
 * scenario, and the starter without Micrometer.
 */
class ServiceTitanObservationAutoConfigurationTests {

	@RegisterExtension
	static final ServiceTitanWireMock wireMock = new ServiceTitanWireMock();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class, RestClientAutoConfiguration.class,
				RestClientObservationAutoConfiguration.class, ServiceTitanAutoConfiguration.class,
				ServiceTitanObservationAutoConfiguration.class))
		.withUserConfiguration(TestClock.class)
		.withPropertyValues("servicetitan.client-id=" + ServiceTitanWireMock.CLIENT_ID,
				"servicetitan.client-secret=" + ServiceTitanWireMock.CLIENT_SECRET,
				"servicetitan.app-key=" + ServiceTitanWireMock.APP_KEY,
				"servicetitan.tenant-id=" + ServiceTitanWireMock.TENANT);

	ApplicationContextRunner pointedAtWireMock() {
		return this.contextRunner.withPropertyValues("servicetitan.api-url=" + wireMock.url(),
				"servicetitan.auth-url=" + wireMock.url());
	}

	@Test
	void whenAScenarioRunsThenEveryServiceTitanMeterIsRecordedWithItsTags() {
		String jobs = wireMock.tenantPath("jpm") + "/jobs";
		wireMock.server.stubFor(get(urlPathEqualTo(jobs + "/1")).willReturn(okJson("{\"id\":1}")));
		wireMock.server.stubFor(get(urlPathEqualTo(jobs + "/2")).inScenario("flaky")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503))
			.willSetStateTo("recovered"));
		wireMock.server.stubFor(get(urlPathEqualTo(jobs + "/2")).inScenario("flaky")
			.whenScenarioStateIs("recovered")
			.willReturn(okJson("{\"id\":2}")));
		wireMock.server.stubFor(get(urlPathEqualTo(jobs)).withQueryParam("page", equalTo("1"))
			.willReturn(okJson("{\"page\":1,\"pageSize\":2,\"hasMore\":true,\"data\":[{\"id\":1},{\"id\":2}]}")));
		wireMock.server.stubFor(get(urlPathEqualTo(jobs)).withQueryParam("page", equalTo("2"))
			.willReturn(okJson("{\"page\":2,\"pageSize\":2,\"hasMore\":false,\"data\":[{\"id\":3}]}")));
		wireMock.server.stubFor(get(urlPathEqualTo("/other/7")).willReturn(okJson("{}")));

		pointedAtWireMock().withUserConfiguration(Metrics.class).run((context) -> {
			Endpoint endpoint = context.getBean(EndpointFactory.class).endpoint("jpm", "jobs");
			endpoint.getOne("1");
			endpoint.getOne("2");
			assertThat(endpoint.getAll(Map.of("pageSize", 2))).hasSize(3);
			context.getBean(RestClient.Builder.class)
				.baseUrl(wireMock.url().toString())
				.build()
				.get()
				.uri("/other/{id}", 7)
				.retrieve()
				.toBodilessEntity();

			MeterRegistry meters = context.getBean(MeterRegistry.class);
			String tenant = ServiceTitanWireMock.TENANT;
			assertThat(meters.get("servicetitan.client.operation")
				.tags("folder", "jpm", "endpoint", "jobs", "operation", "get_one", "outcome", "success", "exception",
						"none", "tenant", tenant)
				.timer()
				.count()).isEqualTo(2);
			assertThat(meters.get("servicetitan.client.operation").tags("operation", "get_all").timer().count())
				.isEqualTo(1);
			assertThat(meters.get("servicetitan.client.requests")
				.tags("method", "GET", "uri", "/{folder}/v2/tenant/{tenant}/{endpoint}/{id}", "status", "503", "outcome",
						"server_error")
				.timer()
				.count()).isEqualTo(1);
			assertThat(meters.get("servicetitan.client.requests").timers())
				.extracting((timer) -> timer.getId().getTag("uri"))
				.allMatch((uri) -> uri.startsWith("/{folder}/v2/tenant/{tenant}/{endpoint}"));
			assertThat(meters.get("servicetitan.client.retries")
				.tags("folder", "jpm", "endpoint", "jobs", "operation", "get_one", "reason", "503", "tenant", tenant)
				.counter()
				.count()).isEqualTo(1);
			assertThat(meters.get("servicetitan.client.rate-limit.wait").timers().stream().mapToLong((t) -> t.count())
				.sum()).isEqualTo(5);
			assertThat(meters.get("servicetitan.client.records").tags("operation", "get_all").counter().count())
				.isEqualTo(3);
			assertThat(meters.get("servicetitan.client.token.requests")
				.tags("outcome", "success", "tenant", tenant)
				.timer()
				.count()).isEqualTo(1);
			// Prometheus wants one set of tag keys per meter name.
			Map<String, Set<Set<String>>> keySets = meters.getMeters()
				.stream()
				.filter((meter) -> meter.getId().getName().startsWith("servicetitan."))
				.collect(Collectors.groupingBy((meter) -> meter.getId().getName(),
						Collectors.mapping(ServiceTitanObservationAutoConfigurationTests::tagKeys, Collectors.toSet())));
			assertThat(keySets).containsKeys("servicetitan.client.operation", "servicetitan.client.requests",
					"servicetitan.client.retries", "servicetitan.client.rate-limit.wait", "servicetitan.client.records",
					"servicetitan.client.token.requests");
			assertThat(keySets.values()).allSatisfy((sets) -> assertThat(sets).hasSize(1));
			// Every tag a meter carries is one the documentation enums (and so the README) name.
			keySets.forEach((name, sets) -> assertThat(sets.iterator().next()).as("tag keys of " + name)
				.containsExactlyInAnyOrderElementsOf(documentedTagKeys(name)));
			// The application's own RestClient keeps Boot's convention and meter name.
			assertThat(meters.get("http.client.requests").timer().getId().getTag("uri")).isEqualTo("/other/{id}");
			assertThat(meters.get("http.client.requests").timer().getId().getTag("folder")).isNull();
			assertThat(meters.find("http.client.requests").timers()).hasSize(1);
		});
	}

	@Test
	void whenTheUserDefinesAListenerThenItAndTheMetersBothHearTheClient() {
		wireMock.server.stubFor(get(urlPathEqualTo(wireMock.tenantPath("jpm") + "/jobs/1")).willReturn(okJson("{}")));
		List<String> heard = new CopyOnWriteArrayList<>();
		ServiceTitanClientListener userListener = new ServiceTitanClientListener() {

			@Override
			public void onTokenRequest(Duration duration, String outcome) {
				heard.add("token " + outcome);
			}

		};

		pointedAtWireMock().withUserConfiguration(Metrics.class)
			.withBean(ServiceTitanClientListener.class, () -> userListener)
			.run((context) -> {
				context.getBean(EndpointFactory.class).endpoint("jpm", "jobs").getOne("1");

				assertThat(heard).containsExactly("token success");
				assertThat(context.getBean(MeterRegistry.class).get("servicetitan.client.token.requests").timer().count())
					.isEqualTo(1);
			});
	}

	@Test
	void whenTheUserBuildsTheirOwnEndpointFactoryWithTheCustomizersThenItsCallsAreStillMetered() {
		wireMock.server.stubFor(get(urlPathEqualTo(wireMock.tenantPath("jpm") + "/jobs/1")).willReturn(okJson("{}")));

		pointedAtWireMock().withUserConfiguration(Metrics.class, UserEndpointFactory.class).run((context) -> {
			assertThat(context).doesNotHaveBean("serviceTitanClient");
			context.getBean(EndpointFactory.class).endpoint("jpm", "jobs").getOne("1");

			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.get("servicetitan.client.token.requests").timer().count()).isEqualTo(1);
			assertThat(meters.get("servicetitan.client.operation").tags("operation", "get_one", "outcome", "success")
				.timer()
				.count()).isEqualTo(1);
			assertThat(meters.get("servicetitan.client.requests").tags("operation", "get_one", "status", "200")
				.timer()
				.count()).isEqualTo(1);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserEndpointFactory {

		// The application's own factory, declared as the interface: it applies the starter's customizers itself.
		@Bean
		EndpointFactory userEndpointFactory(ObjectProvider<ServiceTitanTenantCustomizer> customizers) {
			RestClient.Builder restClient = RestClient.builder();
			ServiceTitanClient.Builder builder = wireMock.clientBuilder().restClientBuilder(restClient);
			customizers.orderedStream()
				.forEach((customizer) -> customizer.customize(ServiceTitanWireMock.TENANT, builder, restClient));
			return builder.build()::endpoint;
		}

	}

	@Test
	void whenTenantTagIsOffThenMetersTagNone() {
		wireMock.server.stubFor(get(urlPathEqualTo(wireMock.tenantPath("jpm") + "/jobs/1")).willReturn(okJson("{}")));

		pointedAtWireMock().withUserConfiguration(Metrics.class)
			.withPropertyValues("servicetitan.observations.tenant-tag=false")
			.run((context) -> {
				context.getBean(EndpointFactory.class).endpoint("jpm", "jobs").getOne("1");

				MeterRegistry meters = context.getBean(MeterRegistry.class);
				assertThat(meters.getMeters()).filteredOn((meter) -> meter.getId().getName().startsWith("servicetitan."))
					.isNotEmpty()
					.allSatisfy((meter) -> assertThat(meter.getId().getTag("tenant")).isEqualTo("none"));
			});
	}

	@Test
	void whenTheUserDefinesAConventionThenItIsUsed() {
		this.contextRunner.withUserConfiguration(Metrics.class, CustomConvention.class).run((context) -> {
			assertThat(context).getBean(ServiceTitanObservationConvention.class)
				.isSameAs(context.getBean(CustomConvention.class).convention);
		});
	}

	@Test
	void whenNoObservationRegistryThenNoObservationCustomizers() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(ServiceTitanAutoConfiguration.class, ServiceTitanObservationAutoConfiguration.class))
			.withPropertyValues("servicetitan.client-id=id", "servicetitan.client-secret=secret", "servicetitan.app-key=key",
					"servicetitan.tenant-id=1")
			.run((context) -> {
				assertThat(context).hasSingleBean(ServiceTitanClient.class);
				assertThat(context).doesNotHaveBean(ServiceTitanObservationConvention.class);
				assertThat(context).doesNotHaveBean(ServiceTitanClientBuilderCustomizer.class);
			});
	}

	@Test
	void whenMicrometerAndActuatorAreMissingThenTheStarterStillWorks() {
		wireMock.server.stubFor(get(urlPathEqualTo(wireMock.tenantPath("jpm") + "/jobs/1"))
			.willReturn(okJson("{\"id\":1}")));

		new ApplicationContextRunner()
			.withClassLoader(new FilteredClassLoader("io.micrometer.core", "org.springframework.boot.actuate",
					"org.springframework.boot.health", "org.springframework.boot.micrometer"))
			.withUserConfiguration(TestClock.class)
			.withPropertyValues("servicetitan.client-id=" + ServiceTitanWireMock.CLIENT_ID,
					"servicetitan.client-secret=" + ServiceTitanWireMock.CLIENT_SECRET,
					"servicetitan.app-key=" + ServiceTitanWireMock.APP_KEY,
					"servicetitan.tenant-id=" + ServiceTitanWireMock.TENANT, "servicetitan.api-url=" + wireMock.url(),
					"servicetitan.auth-url=" + wireMock.url())
			.withConfiguration(AutoConfigurations.of(ServiceTitanAutoConfiguration.class,
					ServiceTitanObservationAutoConfiguration.class,
					ServiceTitanHealthContributorAutoConfiguration.class, ServiceTitanSanitizingAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(EndpointFactory.class).endpoint("jpm", "jobs").getOne("1").path("id").asInt())
					.isEqualTo(1);
				assertThat(context).doesNotHaveBean("servicetitanHealthIndicator");
				assertThat(context).doesNotHaveBean("serviceTitanSanitizingFunction");
			});
	}

	private static Set<String> documentedTagKeys(String meterName) {
		for (ServiceTitanObservationDocumentation observation : ServiceTitanObservationDocumentation.values()) {
			if (meterName.equals(observation.getName())) {
				return keys(observation.getLowCardinalityKeyNames(), ServiceTitanObservationDocumentation.TimerKeys.values());
			}
			if (meterName.equals(observation.getName() + ".active")) {
				return keys(observation.getLowCardinalityKeyNames());
			}
		}
		for (ServiceTitanMeterDocumentation meter : ServiceTitanMeterDocumentation.values()) {
			if (meterName.equals(meter.getName())) {
				return keys(meter.getKeyNames());
			}
		}
		throw new AssertionError("undocumented meter " + meterName);
	}

	private static Set<String> keys(KeyName[]... keyNames) {
		return Arrays.stream(keyNames).flatMap(Arrays::stream).map(KeyName::asString).collect(Collectors.toSet());
	}

	private static Set<String> tagKeys(Meter meter) {
		return meter.getId().getTags().stream().map(Tag::getKey).collect(Collectors.toSet());
	}

	@Configuration(proxyBeanMethods = false)
	static class TestClock {

		@Bean
		ServiceTitanClientBuilderCustomizer testClockCustomizer() {
			return (builder) -> builder.clock(wireMock.clock)
				.sleeper(wireMock.sleeper)
				.jitter(() -> 0.0)
				.rateLimit(0, 1, Duration.ZERO);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Metrics {

		@Bean
		SimpleMeterRegistry simpleMeterRegistry() {
			return new SimpleMeterRegistry();
		}

		@Bean
		DefaultMeterObservationHandler defaultMeterObservationHandler(MeterRegistry meterRegistry) {
			return new DefaultMeterObservationHandler(meterRegistry);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomConvention {

		final ServiceTitanObservationConvention convention = new DefaultServiceTitanObservationConvention(false);

		@Bean
		ServiceTitanObservationConvention customServiceTitanObservationConvention() {
			return this.convention;
		}

	}

}
