package io.github.servicetitan4j.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.LogManager;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.servicetitan4j.Endpoint;
import io.github.servicetitan4j.EndpointFactory;
import io.github.servicetitan4j.ServiceTitanTenants;
import io.github.servicetitan4j.ServiceTitanWireMock;
import io.github.servicetitan4j.autoconfigure.actuate.ServiceTitanSanitizingAutoConfiguration;
import io.github.servicetitan4j.autoconfigure.health.ServiceTitanHealthContributorAutoConfiguration;
import io.github.servicetitan4j.autoconfigure.observation.ServiceTitanObservationAutoConfiguration;
import io.github.servicetitan4j.errors.ServiceTitanAuthenticationException;
import io.github.servicetitan4j.health.ServiceTitanHealthIndicator;
import io.github.servicetitan4j.typed.JobCreateRequest;
import io.github.servicetitan4j.typed.JobStatus;
import io.github.servicetitan4j.typed.JobsApi;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.http.client.autoconfigure.service.HttpServiceClientPropertiesAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientObservationAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.service.HttpServiceClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.service.registry.ImportHttpServices;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
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
 * Every log line of a full scenario (token fetch, CRUD, paging, a retry, a 401 renewal, refused credentials, health
 * checks; and for many tenants, configured and runtime, with one refused and one evicted), captured at TRACE level for every logger of the application side, holds neither the client secret, nor
 * the app key, nor any access token. WireMock's own loggers are left out: they are the simulated server, not the
 * application.
 */
class SecretLeakLogTests {

	static final String SECOND_TOKEN = "eyJ.TOKEN-value-2";

	ServiceTitanWireMock wireMock;

	final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	Level rootLevel;

	@BeforeEach
	void captureEverything() {
		this.wireMock = new ServiceTitanWireMock();
		LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
		Logger root = logging.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		this.rootLevel = root.getLevel();
		root.setLevel(Level.TRACE);
		logging.getLogger("wiremock").setLevel(Level.OFF);
		logging.getLogger("com.github.tomakehurst").setLevel(Level.OFF);
		this.appender.setContext(logging);
		this.appender.start();
		root.addAppender(this.appender);
		// java.util.logging (the JDK HttpClient's System.Logger) into the same capture.
		SLF4JBridgeHandler.removeHandlersForRootLogger();
		SLF4JBridgeHandler.install();
		LogManager.getLogManager().getLogger("").setLevel(java.util.logging.Level.ALL);
	}

	@AfterEach
	void restore() {
		LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
		Logger root = logging.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		root.detachAppender(this.appender);
		root.setLevel(this.rootLevel);
		SLF4JBridgeHandler.uninstall();
		LogManager.getLogManager().getLogger("").setLevel(java.util.logging.Level.INFO);
		this.wireMock.close();
	}

	@Test
	void whenAFullScenarioRunsAtTraceLevelThenNoSecretAppKeyOrTokenIsLogged() {
		ServiceTitanWireMock server = this.wireMock;
		String jobs = server.tenantPath("jpm") + "/jobs";
		server.server.stubFor(get(urlPathEqualTo(jobs + "/1")).willReturn(okJson("{\"id\":1}")));
		server.server.stubFor(post(urlPathEqualTo(jobs)).willReturn(okJson("{\"id\":2}")));
		server.server.stubFor(put(urlPathEqualTo(jobs + "/2")).willReturn(okJson("{\"id\":2}")));
		server.server.stubFor(delete(urlPathEqualTo(jobs + "/2")).willReturn(okJson("{}")));
		server.server.stubFor(get(urlPathEqualTo(jobs)).withQueryParam("page", equalTo("1"))
			.willReturn(okJson("{\"page\":1,\"pageSize\":1,\"hasMore\":true,\"data\":[{\"id\":1}]}")));
		server.server.stubFor(get(urlPathEqualTo(jobs)).withQueryParam("page", equalTo("2"))
			.willReturn(okJson("{\"page\":2,\"pageSize\":1,\"hasMore\":false,\"data\":[{\"id\":2}]}")));
		server.server.stubFor(get(urlPathEqualTo(jobs + "/3")).inScenario("flaky")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503))
			.willSetStateTo("recovered"));
		server.server.stubFor(get(urlPathEqualTo(jobs + "/3")).inScenario("flaky")
			.whenScenarioStateIs("recovered")
			.willReturn(okJson("{\"id\":3}")));
		server.server.stubFor(get(urlPathEqualTo(jobs + "/4"))
			.withHeader("Authorization", ServiceTitanWireMock.bearer(ServiceTitanWireMock.TOKEN))
			.willReturn(aResponse().withStatus(401)));
		server.server.stubFor(get(urlPathEqualTo(jobs + "/4")).withHeader("Authorization", ServiceTitanWireMock.bearer(SECOND_TOKEN))
			.willReturn(okJson("{\"id\":4}")));
		List<String> thrown = new ArrayList<>();

		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class, RestClientAutoConfiguration.class,
					RestClientObservationAutoConfiguration.class, ServiceTitanAutoConfiguration.class,
					ServiceTitanObservationAutoConfiguration.class, ServiceTitanHealthContributorAutoConfiguration.class,
					ServiceTitanSanitizingAutoConfiguration.class, HttpServiceClientPropertiesAutoConfiguration.class,
					HttpServiceClientAutoConfiguration.class, ServiceTitanHttpServiceAutoConfiguration.class))
			.withUserConfiguration(Observed.class, TypedJobs.class)
			.withBean(ServiceTitanClientBuilderCustomizer.class, () -> (builder) -> builder.clock(server.clock)
				.sleeper(server.sleeper)
				.jitter(() -> 0.0)
				.rateLimit(0, 1, Duration.ZERO))
			.withPropertyValues("servicetitan.client-id=" + ServiceTitanWireMock.CLIENT_ID,
					"servicetitan.client-secret=" + ServiceTitanWireMock.CLIENT_SECRET,
					"servicetitan.app-key=" + ServiceTitanWireMock.APP_KEY,
					"servicetitan.tenant-id=" + ServiceTitanWireMock.TENANT, "servicetitan.api-url=" + server.url(),
					"servicetitan.auth-url=" + server.url(), "servicetitan.health.min-interval=0s")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				Endpoint endpoint = context.getBean(EndpointFactory.class).endpoint("jpm", "jobs");
				ServiceTitanHealthIndicator health = context.getBean(ServiceTitanHealthIndicator.class);
				endpoint.getOne("1");
				endpoint.create(Map.of("summary", "new"));
				endpoint.update("2", Map.of("summary", "changed"));
				endpoint.delete("2");
				assertThat(endpoint.getAll(Map.of("pageSize", 1))).hasSize(2);
				endpoint.getOne("3");
				JobsApi typed = context.getBean(JobsApi.class);
				assertThat(typed.jobsGet(1L, null).getId()).isEqualTo(1L);
				assertThat(typed.jobsCreate(new JobCreateRequest("new", JobStatus.COMPLETED)).getId()).isEqualTo(2L);
				thrown.add(typed.toString());
				thrown.add(context.getBean(EndpointFactory.class).client(JobsApi.class).toString());
				assertThat(health.health().getStatus()).isEqualTo(Status.UP);
				server.stubToken(SECOND_TOKEN, 900);
				endpoint.getOne("4");
				server.server.stubFor(post(urlPathEqualTo("/connect/token")).willReturn(aResponse().withStatus(400)
					.withHeader("Content-Type", "application/json")
					.withBody("{\"error\":\"invalid_client\",\"error_description\":\"bad client\"}")));
				server.server.stubFor(get(urlPathEqualTo(jobs + "/5")).willReturn(aResponse().withStatus(401)));
				assertThatExceptionOfType(ServiceTitanAuthenticationException.class).isThrownBy(() -> endpoint.getOne("5"))
					.satisfies((ex) -> thrown.add(ThrowableProxyUtil.asString(new ThrowableProxy(ex))));
				assertThat(health.health().getDetails()).containsEntry("reason", "invalid_client")
					.satisfies((details) -> thrown.add(details.toString()));
				thrown.add(context.getBean(MeterRegistry.class).getMeters().toString());
			});

		List<String> lines = new ArrayList<>(thrown);
		for (ILoggingEvent event : events()) {
			lines.add(event.getLoggerName() + " " + event.getLevel() + " " + event.getFormattedMessage() + " "
					+ event.getMDCPropertyMap() + " "
					+ ((event.getThrowableProxy() != null) ? ThrowableProxyUtil.asString(event.getThrowableProxy()) : ""));
		}
		assertThat(lines).as("the scenario was logged at DEBUG and below")
			.anyMatch((line) -> line.contains("GET /{folder}/v2/tenant/{tenant}/{endpoint}/{id} -> 200"))
			.anyMatch((line) -> line.contains("WARN") && line.contains("Retrying GET"))
			.anyMatch((line) -> line.contains("client_secret=[******]"))
			.anyMatch((line) -> line.contains("answered 401; renewing the token once"));
		assertThat(server.tokenRequests()).isGreaterThanOrEqualTo(3);
		for (String secret : List.of(ServiceTitanWireMock.CLIENT_SECRET, ServiceTitanWireMock.APP_KEY,
				ServiceTitanWireMock.TOKEN, SECOND_TOKEN)) {
			assertThat(lines).as("log lines holding " + secret).noneMatch((line) -> line.contains(secret));
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ImportHttpServices(group = ServiceTitanHttpServiceAutoConfiguration.GROUP, types = JobsApi.class)
	static class TypedJobs {

	}

	@Test
	void whenManyTenantsRunAtTraceLevelThenNoTenantsSecretAppKeyOrTokenIsLogged() {
		ServiceTitanWireMock server = this.wireMock;
		server.server.stubFor(get(urlPathMatching("/jpm/v2/tenant/\\d+/jobs/1")).willReturn(okJson("{\"id\":1}")));
		server.server.stubFor(post(urlPathEqualTo("/connect/token")).withRequestBody(containing("client_id=globex-client"))
			.willReturn(aResponse().withStatus(400)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"error\":\"invalid_client\"}")));
		List<String> secrets = List.of("acme-s3cr3t", "globex-s3cr3t", "runtime-s3cr3t", ServiceTitanWireMock.APP_KEY,
				ServiceTitanWireMock.TOKEN);
		List<String> thrown = new ArrayList<>();

		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class, RestClientAutoConfiguration.class,
					RestClientObservationAutoConfiguration.class, ServiceTitanAutoConfiguration.class,
					ServiceTitanObservationAutoConfiguration.class, ServiceTitanHealthContributorAutoConfiguration.class,
					ServiceTitanSanitizingAutoConfiguration.class))
			.withUserConfiguration(Observed.class)
			.withBean(ServiceTitanClientBuilderCustomizer.class, () -> (builder) -> builder.clock(server.clock)
				.sleeper(server.sleeper)
				.jitter(() -> 0.0))
			.withBean(ServiceTitanTenantSource.class,
					() -> (name) -> ServiceTitanTenantSource.Connection.of("3333", "runtime-client", "runtime-s3cr3t"))
			.withPropertyValues("servicetitan.app-key=" + ServiceTitanWireMock.APP_KEY,
					"servicetitan.api-url=" + server.url(), "servicetitan.auth-url=" + server.url(),
					"servicetitan.tenants.acme.tenant-id=1111", "servicetitan.tenants.acme.client-id=acme-client",
					"servicetitan.tenants.acme.client-secret=acme-s3cr3t", "servicetitan.tenants.globex.tenant-id=2222",
					"servicetitan.tenants.globex.client-id=globex-client",
					"servicetitan.tenants.globex.client-secret=globex-s3cr3t")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ServiceTitanTenants tenants = context.getBean(ServiceTitanTenants.class);
				tenants.tenant("acme").endpoint("jpm", "jobs").getOne("1");
				tenants.tenant("initech").endpoint("jpm", "jobs").getOne("1");
				assertThatExceptionOfType(ServiceTitanAuthenticationException.class)
					.isThrownBy(() -> tenants.tenant("globex").endpoint("jpm", "jobs").getOne("1"))
					.satisfies((ex) -> thrown.add(ThrowableProxyUtil.asString(new ThrowableProxy(ex))));
				CompositeHealthContributor health = context.getBean("servicetitanHealthContributor",
						CompositeHealthContributor.class);
				health.stream()
					.forEach((entry) -> thrown.add(((HealthIndicator) entry.contributor()).health().toString()));
				tenants.evict("initech");
				thrown.add(tenants.toString() + tenants.tenant("acme") + tenants.tenant("initech"));
				thrown.add(context.getBean(MeterRegistry.class).getMeters().toString());
			});
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ServiceTitanAutoConfiguration.class))
			.withPropertyValues("servicetitan.app-key=" + ServiceTitanWireMock.APP_KEY,
					"servicetitan.tenants.acme.client-secret=acme-s3cr3t", "servicetitan.tenants.acme.tenant-id=x")
			.run((context) -> thrown.add(ThrowableProxyUtil.asString(new ThrowableProxy(context.getStartupFailure()))));

		List<String> lines = new ArrayList<>(thrown);
		for (ILoggingEvent event : events()) {
			lines.add(event.getLoggerName() + " " + event.getLevel() + " " + event.getFormattedMessage() + " "
					+ event.getMDCPropertyMap() + " "
					+ ((event.getThrowableProxy() != null) ? ThrowableProxyUtil.asString(event.getThrowableProxy()) : ""));
		}
		assertThat(lines).anyMatch((line) -> line.contains("servicetitan.tenants.acme.client-id is required"))
			.anyMatch((line) -> line.contains("invalid_client"))
			.anyMatch((line) -> line.contains("client_secret=[******]"));
		assertThat(server.tokenRequests()).isGreaterThanOrEqualTo(3);
		for (String secret : secrets) {
			assertThat(lines).as("log lines holding " + secret).noneMatch((line) -> line.contains(secret));
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class Observed {

		@Bean
		SimpleMeterRegistry simpleMeterRegistry() {
			return new SimpleMeterRegistry();
		}

		@Bean
		DefaultMeterObservationHandler defaultMeterObservationHandler(MeterRegistry meterRegistry) {
			return new DefaultMeterObservationHandler(meterRegistry);
		}

	}

	/** The events logged so far, copied under the appender's lock: the HTTP client's own threads may still log. */
	private List<ILoggingEvent> events() {
		synchronized (this.appender) {
			return new ArrayList<>(this.appender.list);
		}
	}

}
