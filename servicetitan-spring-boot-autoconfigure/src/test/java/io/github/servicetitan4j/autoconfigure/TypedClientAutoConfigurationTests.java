package io.github.servicetitan4j.autoconfigure;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.servicetitan4j.EndpointFactory;
import io.github.servicetitan4j.ServiceTitanTenants;
import io.github.servicetitan4j.ServiceTitanWireMock;
import io.github.servicetitan4j.typed.JobsApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.service.registry.ImportHttpServices;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.github.servicetitan4j.ServiceTitanWireMock.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Typed interfaces in an application: beans of the HTTP service group {@value ServiceTitanHttpServiceAutoConfiguration#GROUP}
 * that call through the {@link EndpointFactory} bean, and per-tenant clients from {@link ServiceTitanTenants}.
 */
class TypedClientAutoConfigurationTests {

	@RegisterExtension
	static final ServiceTitanWireMock wireMock = new ServiceTitanWireMock();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ServiceTitanAutoConfiguration.class,
				ServiceTitanHttpServiceAutoConfiguration.class))
		.withUserConfiguration(TypedInterfaces.class)
		.withPropertyValues("servicetitan.app-key=" + ServiceTitanWireMock.APP_KEY,
				"servicetitan.api-url=" + wireMock.url(), "servicetitan.auth-url=" + wireMock.url(),
				"servicetitan.rate-limit.requests-per-second=0");

	ApplicationContextRunner oneTenant() {
		return this.contextRunner.withPropertyValues("servicetitan.client-id=" + ServiceTitanWireMock.CLIENT_ID,
				"servicetitan.client-secret=" + ServiceTitanWireMock.CLIENT_SECRET,
				"servicetitan.tenant-id=" + ServiceTitanWireMock.TENANT);
	}

	static void stubJob(String tenantId) {
		wireMock.server.stubFor(get(urlPathEqualTo("/jpm/v2/tenant/" + tenantId + "/jobs/1"))
			.willReturn(okJson("{\"id\":1,\"summary\":\"tenant " + tenantId + "\"}")));
	}

	static void stubTokenFor(String clientId, String token) {
		wireMock.server.stubFor(post(urlPathEqualTo("/connect/token"))
			.withRequestBody(containing("client_id=" + clientId))
			.willReturn(okJson("{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":900}")));
	}

	@Test
	void whenAnInterfaceIsImportedIntoTheServiceTitanGroupThenItIsInjectedAndCallsTheTenantThroughTheClient() {
		stubJob(ServiceTitanWireMock.TENANT);

		oneTenant().run((context) -> {
			assertThat(context).hasSingleBean(JobsApi.class);
			JobsApi jobs = context.getBean(JobsApi.class);
			assertThat(jobs.jobsGet(1L, null).getSummary()).isEqualTo("tenant " + ServiceTitanWireMock.TENANT);
			context.getBean(EndpointFactory.class).endpoint("jpm", "jobs").getOne("1");
			assertThat(jobs.toString()).doesNotContain(ServiceTitanWireMock.CLIENT_SECRET, ServiceTitanWireMock.APP_KEY,
					ServiceTitanWireMock.TOKEN);
		});

		wireMock.server.verify(2, getRequestedFor(urlPathEqualTo(wireMock.tenantPath("jpm") + "/jobs/1"))
			.withHeader("Authorization", bearer(ServiceTitanWireMock.TOKEN))
			.withHeader("ST-App-Key", equalTo(ServiceTitanWireMock.APP_KEY)));
		assertThat(wireMock.tokenRequests()).isEqualTo(1);
	}

	@Test
	void whenNoCredentialsAreSetThenTheInterfaceBeanStillExistsAndACallSaysWhatIsMissing() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ServiceTitanAutoConfiguration.class,
					ServiceTitanHttpServiceAutoConfiguration.class))
			.withUserConfiguration(TypedInterfaces.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(JobsApi.class);
				// The bean is defined whatever credentials are set (AOT), and absent (null) without them.
				assertThat(context.getBeansOfType(EndpointFactory.class)).isEmpty();
				assertThatExceptionOfType(IllegalStateException.class)
					.isThrownBy(() -> context.getBean(JobsApi.class).jobsGet(1L, null))
					.withMessageContaining(JobsApi.class.getName())
					.withMessageContaining("EndpointFactory")
					.withMessageContaining("ServiceTitanTenants.tenant(name).client(JobsApi.class)");
			});
		wireMock.server.verify(0, getRequestedFor(urlPathMatching(".*")));
	}

	@Test
	void whenSeveralTenantsAreConfiguredThenEachTenantsTypedClientCallsItsOwnPathWithItsOwnToken() {
		stubTokenFor("acme-client", "token-acme");
		stubTokenFor("globex-client", "token-globex");
		stubJob("1111");
		stubJob("2222");

		this.contextRunner
			.withPropertyValues("servicetitan.tenants.acme.tenant-id=1111",
					"servicetitan.tenants.acme.client-id=acme-client", "servicetitan.tenants.acme.client-secret=a-secret",
					"servicetitan.tenants.globex.tenant-id=2222", "servicetitan.tenants.globex.client-id=globex-client",
					"servicetitan.tenants.globex.client-secret=g-secret")
			.run((context) -> {
				ServiceTitanTenants tenants = context.getBean(ServiceTitanTenants.class);
				JobsApi acme = tenants.tenant("acme").client(JobsApi.class);
				assertThat(acme.jobsGet(1L, null).getSummary()).isEqualTo("tenant 1111");
				assertThat(tenants.tenant("globex").client(JobsApi.class).jobsGet(1L, null).getSummary())
					.isEqualTo("tenant 2222");
				assertThat(tenants.tenant("acme").client(JobsApi.class)).isSameAs(acme);
			});

		wireMock.server.verify(1, getRequestedFor(urlPathEqualTo("/jpm/v2/tenant/1111/jobs/1"))
			.withHeader("Authorization", bearer("token-acme")));
		wireMock.server.verify(1, getRequestedFor(urlPathEqualTo("/jpm/v2/tenant/2222/jobs/1"))
			.withHeader("Authorization", bearer("token-globex")));
	}

	@Test
	void whenATenantIsSuppliedAtRuntimeThenItsTypedClientCallsItsPathAndIsCachedUntilEvicted() {
		Map<String, ServiceTitanTenantSource.Connection> directory = new ConcurrentHashMap<>();
		directory.put("initech", ServiceTitanTenantSource.Connection.of("3333", "initech-client", "i-secret"));
		stubTokenFor("initech-client", "token-initech");
		stubJob("3333");

		this.contextRunner.withBean(ServiceTitanTenantSource.class, () -> directory::get).run((context) -> {
			ServiceTitanTenants tenants = context.getBean(ServiceTitanTenants.class);
			JobsApi initech = tenants.tenant("initech").client(JobsApi.class);
			assertThat(initech.jobsGet(1L, null).getSummary()).isEqualTo("tenant 3333");
			assertThat(tenants.tenant("initech").client(JobsApi.class)).isSameAs(initech);
			tenants.evict("initech");
			assertThat(tenants.tenant("initech").client(JobsApi.class)).isNotSameAs(initech);
		});

		wireMock.server.verify(1, getRequestedFor(urlPathEqualTo("/jpm/v2/tenant/3333/jobs/1"))
			.withHeader("Authorization", bearer("token-initech")));
	}

	@Configuration(proxyBeanMethods = false)
	@ImportHttpServices(group = ServiceTitanHttpServiceAutoConfiguration.GROUP, types = JobsApi.class)
	static class TypedInterfaces {

		@Bean
		ServiceTitanClientBuilderCustomizer noRealWaitingCustomizer() {
			return (builder) -> builder.clock(wireMock.clock).sleeper(wireMock.sleeper).jitter(() -> 0.0);
		}

	}

}
