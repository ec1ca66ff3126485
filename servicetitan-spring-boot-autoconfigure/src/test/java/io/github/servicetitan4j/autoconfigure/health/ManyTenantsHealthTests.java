package io.github.servicetitan4j.autoconfigure.health;

import io.github.servicetitan4j.ServiceTitanTenants;
import io.github.servicetitan4j.ServiceTitanWireMock;
import io.github.servicetitan4j.autoconfigure.ServiceTitanAutoConfiguration;
import io.github.servicetitan4j.autoconfigure.ServiceTitanTenantSource;
import io.github.servicetitan4j.health.ServiceTitanHealthIndicator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code servicetitan.tenants}, {@code /actuator/health/servicetitan} is a composite of one indicator per
 * configured tenant; runtime tenants are not polled.
 */
class ManyTenantsHealthTests {

	@RegisterExtension
	static final ServiceTitanWireMock wireMock = new ServiceTitanWireMock();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ServiceTitanAutoConfiguration.class,
				ServiceTitanHealthContributorAutoConfiguration.class))
		.withUserConfiguration(ServiceTitanHealthContributorAutoConfigurationTests.NoRealWaiting.class)
		.withPropertyValues("servicetitan.app-key=" + ServiceTitanWireMock.APP_KEY,
				"servicetitan.api-url=" + wireMock.url(), "servicetitan.auth-url=" + wireMock.url(),
				"servicetitan.tenants.acme.tenant-id=1111", "servicetitan.tenants.acme.client-id=acme-client",
				"servicetitan.tenants.acme.client-secret=acme-secret", "servicetitan.tenants.globex.tenant-id=2222",
				"servicetitan.tenants.globex.client-id=globex-client",
				"servicetitan.tenants.globex.client-secret=globex-secret");

	@Test
	void whenOneTenantsCredentialsAreRefusedThenItIsDownAndTheOtherUp() {
		wireMock.server.stubFor(post(urlPathEqualTo("/connect/token")).withRequestBody(containing("client_id=acme-client"))
			.willReturn(aResponse().withStatus(400)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"error\":\"invalid_client\"}")));

		this.contextRunner.withBean(ServiceTitanTenantSource.class,
				() -> (name) -> ServiceTitanTenantSource.Connection.of("4444", "runtime-client", "runtime-secret"))
			.run((context) -> {
				assertThat(context.getBeansOfType(ServiceTitanHealthIndicator.class)).isEmpty();
				CompositeHealthContributor servicetitan = context.getBean("servicetitanHealthContributor",
						CompositeHealthContributor.class);
				assertThat(servicetitan.stream().map((entry) -> entry.name())).containsExactly("acme", "globex");
				Health acme = ((HealthIndicator) servicetitan.getContributor("acme")).health();
				Health globex = ((HealthIndicator) servicetitan.getContributor("globex")).health();
				assertThat(acme.getStatus()).isEqualTo(Status.DOWN);
				assertThat(acme.getDetails()).containsEntry("reason", "invalid_client").containsEntry("tenantId", "1111");
				assertThat(globex.getStatus()).isEqualTo(Status.UP);
				assertThat(globex.getDetails()).containsEntry("tenantId", "2222");
				assertThat(acme.toString() + globex).doesNotContain("acme-secret", "globex-secret",
						ServiceTitanWireMock.TOKEN);
			});
		wireMock.server.verify(0, postRequestedFor(urlPathEqualTo("/connect/token"))
			.withRequestBody(containing("client_id=runtime-client")));
	}

	@Test
	void whenATenantsClientHoldsATokenThenItsHealthIsUpWithoutAnotherTokenRequest() {
		wireMock.server.stubFor(get(urlPathEqualTo("/jpm/v2/tenant/2222/jobs/1")).willReturn(okJson("{}")));

		this.contextRunner.run((context) -> {
			context.getBean(ServiceTitanTenants.class).tenant("globex").endpoint("jpm", "jobs").getOne("1");
			CompositeHealthContributor servicetitan = context.getBean("servicetitanHealthContributor",
					CompositeHealthContributor.class);
			assertThat(((HealthIndicator) servicetitan.getContributor("globex")).health().getStatus())
				.isEqualTo(Status.UP);
		});
		wireMock.server.verify(1, postRequestedFor(urlPathEqualTo("/connect/token")));
		wireMock.server.verify(1, postRequestedFor(urlPathEqualTo("/connect/token"))
			.withRequestBody(containing("client_id=globex-client")));
	}

	@Test
	void whenDisabledByPropertyThenNoCompositeEither() {
		this.contextRunner.withPropertyValues("management.health.servicetitan.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("servicetitanHealthContributor"));
	}

}
