package io.github.servicetitan4j.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.servicetitan4j.EndpointFactory;
import io.github.servicetitan4j.ExportOptions;
import io.github.servicetitan4j.ExportStream;
import io.github.servicetitan4j.ServiceTitanClient;
import io.github.servicetitan4j.ServiceTitanTenants;
import io.github.servicetitan4j.ServiceTitanWireMock;
import io.github.servicetitan4j.errors.ServiceTitanApiException;
import io.github.servicetitan4j.errors.ServiceTitanAuthenticationException;
import io.github.servicetitan4j.export.ExportCheckpointStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Several tenants over the wire: each with its own credentials, token, path, rate limiter and failures, configured in
 * {@code servicetitan.tenants} or supplied at runtime by a {@link ServiceTitanTenantSource}.
 */
class ManyTenantsWireTests {

	@RegisterExtension
	static final ServiceTitanWireMock wireMock = new ServiceTitanWireMock();

	static final String ACME_ID = "1111";

	static final String GLOBEX_ID = "2222";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ServiceTitanAutoConfiguration.class))
		.withUserConfiguration(NoRealWaiting.class)
		.withPropertyValues("servicetitan.app-key=" + ServiceTitanWireMock.APP_KEY,
				"servicetitan.api-url=" + wireMock.url(), "servicetitan.auth-url=" + wireMock.url());

	ApplicationContextRunner twoTenants() {
		return this.contextRunner.withPropertyValues("servicetitan.tenants.acme.tenant-id=" + ACME_ID,
				"servicetitan.tenants.acme.client-id=acme-client", "servicetitan.tenants.acme.client-secret=acme-secret",
				"servicetitan.tenants.globex.tenant-id=" + GLOBEX_ID,
				"servicetitan.tenants.globex.client-id=globex-client",
				"servicetitan.tenants.globex.client-secret=globex-secret");
	}

	static void stubTokenFor(String clientId, String token) {
		wireMock.server.stubFor(post(urlPathEqualTo("/connect/token"))
			.withRequestBody(containing("client_id=" + clientId))
			.willReturn(okJson("{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":900}")));
	}

	static void stubJob(String tenantId) {
		wireMock.server.stubFor(get(urlPathEqualTo("/jpm/v2/tenant/" + tenantId + "/jobs/1"))
			.willReturn(okJson("{\"id\":1,\"tenant\":" + tenantId + "}")));
	}

	@Test
	void eachTenantsTokenRequestCarriesItsOwnCredentialsAndEachCallItsOwnPathAndToken() {
		stubTokenFor("acme-client", "token-acme");
		stubTokenFor("globex-client", "token-globex");
		stubJob(ACME_ID);
		stubJob(GLOBEX_ID);

		twoTenants().run((context) -> {
			ServiceTitanTenants tenants = context.getBean(ServiceTitanTenants.class);
			assertThat(tenants.names()).containsExactly("acme", "globex");
			assertThat(tenants.tenant("acme").endpoint("jpm", "jobs").getOne("1").path("tenant").asString())
				.isEqualTo(ACME_ID);
			assertThat(tenants.tenant("globex").endpoint("jpm", "jobs").getOne("1").path("tenant").asString())
				.isEqualTo(GLOBEX_ID);
		});

		wireMock.server.verify(1, postRequestedFor(urlPathEqualTo("/connect/token"))
			.withRequestBody(containing("client_id=acme-client"))
			.withRequestBody(containing("client_secret=acme-secret")));
		wireMock.server.verify(1, postRequestedFor(urlPathEqualTo("/connect/token"))
			.withRequestBody(containing("client_id=globex-client"))
			.withRequestBody(containing("client_secret=globex-secret")));
		wireMock.server.verify(getRequestedFor(urlPathEqualTo("/jpm/v2/tenant/" + ACME_ID + "/jobs/1"))
			.withHeader("Authorization", ServiceTitanWireMock.bearer("token-acme"))
			.withHeader("ST-App-Key", equalTo(ServiceTitanWireMock.APP_KEY)));
		wireMock.server.verify(getRequestedFor(urlPathEqualTo("/jpm/v2/tenant/" + GLOBEX_ID + "/jobs/1"))
			.withHeader("Authorization", ServiceTitanWireMock.bearer("token-globex"))
			.withHeader("ST-App-Key", equalTo(ServiceTitanWireMock.APP_KEY)));
	}

	@Test
	void aTenantThrottledByTheServerDoesNotSlowAnother() {
		wireMock.server.stubFor(get(urlPathEqualTo("/jpm/v2/tenant/" + ACME_ID + "/jobs/1"))
			.willReturn(aResponse().withStatus(429).withHeader("Retry-After", "20")));
		stubJob(GLOBEX_ID);

		twoTenants().withPropertyValues("servicetitan.retry.max-attempts=1").run((context) -> {
			ServiceTitanTenants tenants = context.getBean(ServiceTitanTenants.class);
			assertThatExceptionOfType(ServiceTitanApiException.TooManyRequests.class)
				.isThrownBy(() -> tenants.tenant("acme").endpoint("jpm", "jobs").getOne("1"));
			// acme's limiter now holds acme's callers for 20 s; globex's callers go straight through.
			for (int i = 0; i < 3; i++) {
				tenants.tenant("globex").endpoint("jpm", "jobs").getOne("1");
			}
			assertThat(wireMock.sleeps).isEmpty();

			stubJob(ACME_ID);
			tenants.tenant("acme").endpoint("jpm", "jobs").getOne("1");
			assertThat(wireMock.sleeps).hasSize(1);
			assertThat(wireMock.sleeps.get(0)).isGreaterThanOrEqualTo(Duration.ofSeconds(19));
		});
		wireMock.server.verify(3, getRequestedFor(urlPathEqualTo("/jpm/v2/tenant/" + GLOBEX_ID + "/jobs/1")));
	}

	@Test
	void oneTenantsRefusedCredentialsNeverFailAnothersCalls() {
		wireMock.server.stubFor(post(urlPathEqualTo("/connect/token")).withRequestBody(containing("client_id=acme-client"))
			.willReturn(aResponse().withStatus(401)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"error\":\"invalid_client\"}")));
		stubTokenFor("globex-client", "token-globex");
		stubJob(GLOBEX_ID);

		twoTenants().run((context) -> {
			ServiceTitanTenants tenants = context.getBean(ServiceTitanTenants.class);
			assertThatExceptionOfType(ServiceTitanAuthenticationException.class)
				.isThrownBy(() -> tenants.tenant("acme").endpoint("jpm", "jobs").getOne("1"))
				.withMessageNotContaining("acme-secret");
			assertThat(tenants.tenant("globex").endpoint("jpm", "jobs").getOne("1").path("id").asInt()).isEqualTo(1);
		});
		wireMock.server.verify(0, getRequestedFor(urlPathEqualTo("/jpm/v2/tenant/" + ACME_ID + "/jobs/1")));
	}

	@Test
	void eachTenantsExportCheckpointIsKeptUnderItsOwnTenantIdInTheOneStore() {
		for (String tenantId : List.of(ACME_ID, GLOBEX_ID)) {
			String path = "/jpm/v2/tenant/" + tenantId + "/export/jobs";
			wireMock.server.stubFor(get(urlPathEqualTo(path)).withQueryParam("from", absent())
				.willReturn(okJson("{\"hasMore\":false,\"continueFrom\":\"from-" + tenantId
						+ "\",\"data\":[{\"id\":" + tenantId + "}]}")));
			wireMock.server.stubFor(get(urlPathEqualTo(path)).withQueryParam("from", equalTo("from-" + tenantId))
				.willReturn(okJson("{\"hasMore\":false,\"continueFrom\":\"from-" + tenantId + "\",\"data\":[]}")));
		}

		twoTenants().run((context) -> {
				ServiceTitanTenants tenants = context.getBean(ServiceTitanTenants.class);
				ExportCheckpointStore store = context.getBean(ExportCheckpointStore.class);
				for (int run = 0; run < 2; run++) {
					for (String name : List.of("acme", "globex")) {
						try (ExportStream<JsonNode> feed = tenants.tenant(name)
							.endpoint("jpm", "jobs")
							.streamExport("jobs", ExportOptions.checkpointed(store))) {
							feed.stream().forEach((job) -> {
							});
						}
					}
				}
				assertThat(store.load(new ExportCheckpointStore.Key(ACME_ID, "jpm", "jobs")))
					.isEqualTo("from-" + ACME_ID);
				assertThat(store.load(new ExportCheckpointStore.Key(GLOBEX_ID, "jpm", "jobs")))
					.isEqualTo("from-" + GLOBEX_ID);
			});
		for (String tenantId : List.of(ACME_ID, GLOBEX_ID)) {
			wireMock.server.verify(1, getRequestedFor(urlPathEqualTo("/jpm/v2/tenant/" + tenantId + "/export/jobs"))
				.withQueryParam("from", equalTo("from-" + tenantId)));
		}
	}

	@Test
	void aTenantOnboardedWhileRunningIsUsableWithoutRestartAndEvictionPicksUpRotatedCredentials() {
		Map<String, ServiceTitanTenantSource.Connection> directory = new ConcurrentHashMap<>();
		stubTokenFor("initech-client", "token-initech");
		stubJob("3333");

		this.contextRunner.withBean(ServiceTitanTenantSource.class, () -> directory::get).run((context) -> {
			ServiceTitanTenants tenants = context.getBean(ServiceTitanTenants.class);
			assertThat(context.getBeanProvider(EndpointFactory.class).getIfAvailable()).isNull();
			assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> tenants.tenant("initech"))
				.withMessageContaining("'initech'")
				.withMessageContaining("ServiceTitanTenantSource");

			directory.put("initech",
					ServiceTitanTenantSource.Connection.of("3333", "initech-client", "initech-secret"));
			tenants.tenant("initech").endpoint("jpm", "jobs").getOne("1");
			assertThat(tenants.tenant("initech")).isSameAs(tenants.tenant("initech"));

			directory.put("initech",
					ServiceTitanTenantSource.Connection.of("3333", "initech-client", "rotated-secret"));
			ServiceTitanClient before = (ServiceTitanClient) tenants.tenant("initech");
			assertThat(tenants.evict("initech")).isTrue();
			assertThat(before.isClosed()).isTrue();
			tenants.tenant("initech").endpoint("jpm", "jobs").getOne("1");
			assertThat(tenants.evict("unknown")).isFalse();
		});

		wireMock.server.verify(1, postRequestedFor(urlPathEqualTo("/connect/token"))
			.withRequestBody(containing("client_secret=initech-secret")));
		wireMock.server.verify(1, postRequestedFor(urlPathEqualTo("/connect/token"))
			.withRequestBody(containing("client_secret=rotated-secret")));
		wireMock.server.verify(2, getRequestedFor(urlPathEqualTo("/jpm/v2/tenant/3333/jobs/1"))
			.withHeader("Authorization", ServiceTitanWireMock.bearer("token-initech")));
	}

	@Test
	void aThousandRuntimeTenantsKeepAtMostMaxClientsAndEveryEvictedClientIsClosed() {
		Map<String, ServiceTitanTenantSource.Connection> directory = new ConcurrentHashMap<>();
		for (int i = 0; i < 1000; i++) {
			directory.put("t" + i,
					ServiceTitanTenantSource.Connection.of(Integer.toString(100000 + i), "client-" + i, "s-" + i));
		}
		wireMock.server.stubFor(get(urlPathMatching("/jpm/v2/tenant/1\\d{5}/jobs/1")).willReturn(okJson("{\"id\":1}")));

		this.contextRunner.withPropertyValues("servicetitan.runtime-tenants.max-clients=50")
			.withBean(ServiceTitanTenantSource.class, () -> directory::get)
			.run((context) -> {
				DefaultServiceTitanTenants tenants = context.getBean(DefaultServiceTitanTenants.class);
				List<ServiceTitanClient> clients = new ArrayList<>();
				for (int i = 0; i < 1000; i++) {
					ServiceTitanClient client = (ServiceTitanClient) tenants.tenant("t" + i);
					if (i % 10 == 9) {
						// Every tenth calls (each with its own token), to show the cached clients are whole clients.
						client.endpoint("jpm", "jobs").getOne("1");
					}
					clients.add(client);
					assertThat(tenants.runtimeClients()).isLessThanOrEqualTo(50);
				}
				assertThat(tenants.runtimeClients()).isEqualTo(50);
				assertThat(tenants.runtimeClientsClosed()).isEqualTo(950);
				assertThat(clients.subList(0, 950)).allMatch(ServiceTitanClient::isClosed);
				assertThat(clients.subList(950, 1000)).noneMatch(ServiceTitanClient::isClosed);
				context.close();
				assertThat(clients).allMatch(ServiceTitanClient::isClosed);
			});

		assertThat(wireMock.tokenRequests()).isEqualTo(100);
		wireMock.server.verify(getRequestedFor(urlPathEqualTo("/jpm/v2/tenant/100999/jobs/1")));
		wireMock.server.verify(postRequestedFor(urlPathEqualTo("/connect/token"))
			.withRequestBody(containing("client_id=client-999")));
	}

	@Configuration(proxyBeanMethods = false)
	static class NoRealWaiting {

		@Bean
		ServiceTitanClientBuilderCustomizer noRealWaitingCustomizer() {
			return (builder) -> builder.clock(wireMock.clock).sleeper(wireMock.sleeper).jitter(() -> 0.0);
		}

	}

}
