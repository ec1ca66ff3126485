package io.github.servicetitan4j.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.servicetitan4j.EndpointFactory;
import io.github.servicetitan4j.ServiceTitanClient;
import io.github.servicetitan4j.ServiceTitanTenants;
import io.github.servicetitan4j.ServiceTitanWireMock;
import io.github.servicetitan4j.autoconfigure.observation.ServiceTitanObservationAutoConfiguration;
import io.github.servicetitan4j.ratelimit.RateLimiter;
import io.github.servicetitan4j.ratelimit.RateLimiterFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;
import org.springframework.mock.env.MockEnvironment;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code servicetitan.tenants}: which beans exist for one, several and a default tenant, how the single-tenant
 * properties fit in, what a misconfigured tenant is told, and the tenant tag of each tenant's meters.
 */
class ManyTenantsConfigurationTests {

	@RegisterExtension
	static final ServiceTitanWireMock wireMock = new ServiceTitanWireMock();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ServiceTitanAutoConfiguration.class))
		.withUserConfiguration(ManyTenantsWireTests.NoRealWaiting.class)
		.withPropertyValues("servicetitan.app-key=" + ServiceTitanWireMock.APP_KEY,
				"servicetitan.api-url=" + wireMock.url(), "servicetitan.auth-url=" + wireMock.url());

	private static final String[] ACME = { "servicetitan.tenants.acme.tenant-id=1111",
			"servicetitan.tenants.acme.client-id=acme-client", "servicetitan.tenants.acme.client-secret=acme-secret" };

	private static final String[] GLOBEX = { "servicetitan.tenants.globex.tenant-id=2222",
			"servicetitan.tenants.globex.client-id=globex-client",
			"servicetitan.tenants.globex.client-secret=globex-secret" };

	@Test
	void whenOneTenantIsConfiguredThenItIsTheEndpointFactory() {
		this.contextRunner.withPropertyValues(ACME).run((context) -> {
			assertThat(context).hasSingleBean(EndpointFactory.class).hasSingleBean(ServiceTitanTenants.class);
			assertThat(context.getBean(EndpointFactory.class))
				.isSameAs(context.getBean(ServiceTitanTenants.class).tenant("acme"));
			assertThat(((ServiceTitanClient) context.getBean(EndpointFactory.class)).tenantId()).isEqualTo("1111");
		});
	}

	@Test
	void whenSeveralTenantsAndADefaultTenantThenTheDefaultIsTheEndpointFactory() {
		this.contextRunner.withPropertyValues(ACME)
			.withPropertyValues(GLOBEX)
			.withPropertyValues("servicetitan.default-tenant=globex")
			.run((context) -> assertThat(context.getBean(EndpointFactory.class))
				.isSameAs(context.getBean(ServiceTitanTenants.class).tenant("globex")));
	}

	@Test
	void whenSeveralTenantsAndNoDefaultThenInjectingAnEndpointFactoryFailsPointingToServiceTitanTenants() {
		this.contextRunner.withPropertyValues(ACME).withPropertyValues(GLOBEX).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBeanProvider(EndpointFactory.class).getIfAvailable()).isNull();
			assertThat(context.getBean(ServiceTitanTenants.class).names()).containsExactly("acme", "globex");
		});
		this.contextRunner.withPropertyValues(ACME)
			.withPropertyValues(GLOBEX)
			.withUserConfiguration(NeedsEndpointFactory.class)
			.run((context) -> {
				assertThat(context).hasFailed();
				MockEnvironment environment = new MockEnvironment();
				List.of(ACME).forEach((pair) -> environment.setProperty(pair.split("=")[0], pair.split("=")[1]));
				List.of(GLOBEX).forEach((pair) -> environment.setProperty(pair.split("=")[0], pair.split("=")[1]));
				FailureAnalysis analysis = bootsAnalyzer(environment).analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).contains("several ServiceTitan tenants", "acme, globex");
				assertThat(analysis.getAction()).contains("io.github.servicetitan4j.ServiceTitanTenants",
						"tenant(name)", "servicetitan.default-tenant");
				assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain("acme-secret");
			});
	}

	/** The analyzer as Boot builds it from spring.factories, with the application's environment. */
	private static FailureAnalyzer bootsAnalyzer(Environment environment) {
		return SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, ArgumentResolver.of(Environment.class, environment),
					FailureHandler.handleMessage((message, failure) -> {
						// Boot's own analyzers want a bean factory; only ours matters here.
					}))
			.stream()
			.filter(MissingServiceTitanConfigurationFailureAnalyzer.class::isInstance)
			.findFirst()
			.orElseThrow();
	}

	@Test
	void theSingleTenantPropertiesAreTheTenantNamedDefault() {
		this.contextRunner
			.withPropertyValues("servicetitan.tenant-id=" + ServiceTitanWireMock.TENANT, "servicetitan.client-id=id",
					"servicetitan.client-secret=secret")
			.run((context) -> {
				ServiceTitanTenants tenants = context.getBean(ServiceTitanTenants.class);
				assertThat(tenants.names()).containsExactly("default");
				assertThat(tenants.tenant("default")).isSameAs(context.getBean(EndpointFactory.class));
				assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> tenants.tenant("acme"))
					.withMessage("No ServiceTitan tenant named 'acme'; configured tenants: [default]");
			});
	}

	@Test
	void whenATenantsEnvironmentIsUnknownThenStartupFailsNamingTheTenantsProperty() {
		// Bound by Boot as the enum, as the shared servicetitan.environment is: the failure names the property.
		this.contextRunner.withPropertyValues(GLOBEX)
			.withPropertyValues("servicetitan.tenants.globex.environment=staging")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("staging")
				.hasMessageContaining("ServiceTitanClient.Environment"));
	}

	@Test
	void whenATenantsEnvironmentIsWrittenInAnyCaseThenItPicksThatEnvironmentsRoots() {
		this.contextRunner.withPropertyValues(GLOBEX)
			.withPropertyValues("servicetitan.tenants.globex.environment=Integration")
			.run((context) -> assertThat(
					((ServiceTitanClient) context.getBean(ServiceTitanTenants.class).tenant("globex")).apiUrl())
				.isEqualTo(URI.create("https://api-integration.servicetitan.io")));
	}

	@Test
	void whenATenantsSecretIsEmptyThenStartupFailsNamingTheTenantAndPropertyButNoValue() {
		this.contextRunner.withPropertyValues(GLOBEX)
			.withPropertyValues("servicetitan.tenants.acme.tenant-id=12x", "servicetitan.tenants.acme.client-secret= ")
			.run((context) -> {
				assertThat(context).getFailure()
					.rootCause()
					.isInstanceOf(InvalidServiceTitanPropertiesException.class)
					.hasMessageContaining("servicetitan.tenants.acme.client-secret is empty")
					.hasMessageContaining("servicetitan.tenants.acme.client-id is required")
					.hasMessageContaining("servicetitan.tenants.acme.tenant-id must be a number, not '12x'")
					.hasMessageNotContaining("globex")
					.hasMessageNotContaining(ServiceTitanWireMock.APP_KEY);
				FailureAnalysis analysis = new InvalidServiceTitanPropertiesFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("servicetitan.tenants.acme.client-secret is empty")
					.doesNotContain("globex-secret");
			});
	}

	@Test
	void whenTheSharedAppKeyIsMissingOrTheDefaultTenantUnknownThenStartupFailsSayingSo() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ServiceTitanAutoConfiguration.class))
			.withPropertyValues(ACME)
			.withPropertyValues("servicetitan.default-tenant=initech", "servicetitan.runtime-tenants.max-clients=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidServiceTitanPropertiesException.class)
				.hasMessageContaining("servicetitan.app-key is required")
				.hasMessageContaining("servicetitan.default-tenant names 'initech', which is not a tenant of "
						+ "servicetitan.tenants [acme]")
				.hasMessageContaining("servicetitan.runtime-tenants.max-clients must be at least 1"));
	}

	@Test
	void withOneTenantADefaultTenantOrNoRoomForRuntimeClientsFailsStartup() {
		this.contextRunner
			.withPropertyValues("servicetitan.tenant-id=42", "servicetitan.client-id=id",
					"servicetitan.client-secret=secret", "servicetitan.default-tenant=acme",
					"servicetitan.runtime-tenants.max-clients=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidServiceTitanPropertiesException.class)
				.hasMessageContaining("servicetitan.default-tenant names 'acme', but servicetitan.tenants is empty")
				.hasMessageContaining("servicetitan.runtime-tenants.max-clients must be at least 1, not 0"));
	}

	@Test
	void whenTheSingleTenantPropertiesAndTenantsAreMixedThenStartupFailsSayingWhereToMoveThem() {
		this.contextRunner.withPropertyValues(ACME)
			.withPropertyValues("servicetitan.tenant-id=42", "servicetitan.client-id=id",
					"servicetitan.client-secret=flat-s3cr3t")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidServiceTitanPropertiesException.class)
				.hasMessageContaining("servicetitan.tenants cannot be combined with servicetitan.tenant-id")
				.hasMessageNotContaining("flat-s3cr3t")
				.hasMessageNotContaining("acme-secret"));
	}

	@Test
	void aTenantsOwnEnvironmentOverridesTheSharedRootsAndOthersKeepThem() {
		this.contextRunner.withPropertyValues(ACME)
			.withPropertyValues(GLOBEX)
			.withPropertyValues("servicetitan.tenants.globex.environment=integration",
					"servicetitan.tenants.acme.api-url=http://127.0.0.2:9")
			.run((context) -> {
				ServiceTitanTenants tenants = context.getBean(ServiceTitanTenants.class);
				assertThat(((ServiceTitanClient) tenants.tenant("globex")).apiUrl())
					.isEqualTo(URI.create("https://api-integration.servicetitan.io"));
				assertThat(((ServiceTitanClient) tenants.tenant("acme")).apiUrl())
					.isEqualTo(URI.create("http://127.0.0.2:9"));
			});
	}

	@Test
	void aRateLimiterFactoryBeanSuppliesEachTenantsOwnLimiterByTenantId() {
		wireMock.server.stubFor(get(urlPathMatching("/jpm/v2/tenant/\\d+/jobs/1")).willReturn(okJson("{\"id\":1}")));
		Map<String, AtomicInteger> acquired = new ConcurrentHashMap<>();
		RateLimiterFactory factory = (tenantId, appKey) -> new RateLimiter() {

			@Override
			public Duration acquire() {
				acquired.computeIfAbsent(tenantId, (id) -> new AtomicInteger()).incrementAndGet();
				return Duration.ZERO;
			}

			@Override
			public void onThrottled(@Nullable Duration retryAfter) {
			}

		};
		this.contextRunner.withPropertyValues(ACME)
			.withPropertyValues(GLOBEX)
			.withBean(RateLimiterFactory.class, () -> factory)
			.withBean(ServiceTitanTenantSource.class,
					() -> (name) -> ServiceTitanTenantSource.Connection.of("4444", "initech-client", "initech-secret"))
			.run((context) -> {
				ServiceTitanTenants tenants = context.getBean(ServiceTitanTenants.class);
				tenants.tenant("acme").endpoint("jpm", "jobs").getOne("1");
				tenants.tenant("globex").endpoint("jpm", "jobs").getOne("1");
				tenants.tenant("globex").endpoint("jpm", "jobs").getOne("1");
				tenants.tenant("initech").endpoint("jpm", "jobs").getOne("1");
			});
		assertThat(acquired).containsOnlyKeys("1111", "2222", "4444");
		assertThat(acquired.get("2222")).hasValue(2);
		assertThat(acquired.get("1111")).hasValue(1);
	}

	@Test
	void eachTenantsMetersAreTaggedWithItsNameAndRuntimeTenantsWithTheirId() {
		wireMock.server.stubFor(get(urlPathMatching("/jpm/v2/tenant/\\d+/jobs/1")).willReturn(okJson("{\"id\":1}")));
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class,
					ServiceTitanObservationAutoConfiguration.class))
			.withUserConfiguration(Meters.class)
			.withPropertyValues(ACME)
			.withPropertyValues(GLOBEX)
			.withBean(ServiceTitanTenantSource.class,
					() -> (name) -> ServiceTitanTenantSource.Connection.of("4444", "initech-client", "initech-secret"))
			.run((context) -> {
				ServiceTitanTenants tenants = context.getBean(ServiceTitanTenants.class);
				for (String name : List.of("acme", "globex", "initech")) {
					tenants.tenant(name).endpoint("jpm", "jobs").getOne("1");
				}
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				for (String tag : List.of("acme", "globex", "4444")) {
					assertThat(meters.get("servicetitan.client.token.requests").tag("tenant", tag).timer().count())
						.as(tag)
						.isEqualTo(1);
					assertThat(meters.get("servicetitan.client.operation").tag("tenant", tag).timer().count())
						.as(tag)
						.isEqualTo(1);
				}
			});
	}

	@Test
	void whenTheTenantTagIsOffThenNoTenantsNameIsTagged() {
		wireMock.server.stubFor(get(urlPathMatching("/jpm/v2/tenant/\\d+/jobs/1")).willReturn(okJson("{\"id\":1}")));
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class,
					ServiceTitanObservationAutoConfiguration.class))
			.withUserConfiguration(Meters.class)
			.withPropertyValues(ACME)
			.withPropertyValues(GLOBEX)
			.withPropertyValues("servicetitan.observations.tenant-tag=false")
			.run((context) -> {
				ServiceTitanTenants tenants = context.getBean(ServiceTitanTenants.class);
				tenants.tenant("acme").endpoint("jpm", "jobs").getOne("1");
				tenants.tenant("globex").endpoint("jpm", "jobs").getOne("1");
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				assertThat(meters.get("servicetitan.client.token.requests").timers())
					.allMatch((timer) -> "none".equals(timer.getId().getTag("tenant")));
				assertThat(meters.get("servicetitan.client.token.requests").tag("tenant", "none").timer().count())
					.isEqualTo(2);
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class NeedsEndpointFactory {

		@Bean
		String usesServiceTitan(EndpointFactory factory) {
			return factory.toString();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Meters {

		@Bean
		SimpleMeterRegistry simpleMeterRegistry() {
			return new SimpleMeterRegistry();
		}

		@Bean
		io.micrometer.core.instrument.observation.DefaultMeterObservationHandler meterObservationHandler(
				MeterRegistry registry) {
			return new io.micrometer.core.instrument.observation.DefaultMeterObservationHandler(registry);
		}

	}

}
