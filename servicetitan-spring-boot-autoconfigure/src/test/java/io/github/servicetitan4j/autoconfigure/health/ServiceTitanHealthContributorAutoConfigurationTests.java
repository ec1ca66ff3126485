package io.github.servicetitan4j.autoconfigure.health;

import io.github.servicetitan4j.EndpointFactory;
import io.github.servicetitan4j.ServiceTitanClient;
import io.github.servicetitan4j.ServiceTitanWireMock;
import io.github.servicetitan4j.auth.AccessTokenProvider;
import io.github.servicetitan4j.autoconfigure.ServiceTitanAutoConfiguration;
import io.github.servicetitan4j.autoconfigure.ServiceTitanClientBuilderCustomizer;
import io.github.servicetitan4j.autoconfigure.ServiceTitanRestClientCustomizer;
import io.github.servicetitan4j.health.ServiceTitanHealthIndicator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code servicetitan} health contributor in an application context.
 */
class ServiceTitanHealthContributorAutoConfigurationTests {

	@RegisterExtension
	static final ServiceTitanWireMock wireMock = new ServiceTitanWireMock();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ServiceTitanAutoConfiguration.class,
				ServiceTitanHealthContributorAutoConfiguration.class))
		.withUserConfiguration(NoRealWaiting.class);

	ApplicationContextRunner configured() {
		return this.contextRunner.withPropertyValues("servicetitan.client-id=" + ServiceTitanWireMock.CLIENT_ID,
				"servicetitan.client-secret=" + ServiceTitanWireMock.CLIENT_SECRET,
				"servicetitan.app-key=" + ServiceTitanWireMock.APP_KEY,
				"servicetitan.tenant-id=" + ServiceTitanWireMock.TENANT, "servicetitan.api-url=" + wireMock.url(),
				"servicetitan.auth-url=" + wireMock.url());
	}

	@Test
	void whenTheClientIsConfiguredThenServicetitanHealthIsUp() {
		configured().run((context) -> {
			assertThat(context).hasSingleBean(ServiceTitanHealthIndicator.class).hasBean("servicetitanHealthIndicator");
			assertThat(context.getBean("servicetitanHealthIndicator", HealthIndicator.class).health().getStatus())
				.isEqualTo(Status.UP);
			assertThat(wireMock.tokenRequests()).isEqualTo(1);
		});
	}

	@Test
	void whenTheStartersClientHoldsATokenThenHealthIsUpWithoutAnotherTokenRequest() {
		wireMock.server.stubFor(get(urlPathEqualTo(wireMock.tenantPath("jpm") + "/jobs/1")).willReturn(okJson("{}")));

		configured().run((context) -> {
			context.getBean(EndpointFactory.class).endpoint("jpm", "jobs").getOne("1");
			Health health = context.getBean(ServiceTitanHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsKey("tokenExpiresAt");
			assertThat(wireMock.tokenRequests()).isEqualTo(1);
		});
		wireMock.server.verify(1, getRequestedFor(urlPathEqualTo(wireMock.tenantPath("jpm") + "/jobs/1"))
			.withHeader("Authorization", equalTo("Bearer " + ServiceTitanWireMock.TOKEN)));
	}

	@Test
	void whenTheApplicationDefinesAnAccessTokenProviderThenItStaysTheOnlyOneInjectedByType() {
		AccessTokenProvider own = wireMock.clientBuilder().buildTokenProvider();
		configured().withBean("ownTokens", AccessTokenProvider.class, () -> own).run((context) -> {
			assertThat(context.getBean(AccessTokenProvider.class)).isSameAs(own);
			assertThat(context.getBean(ServiceTitanHealthIndicator.class).health().getStatus()).isEqualTo(Status.UP);
			assertThat(wireMock.tokenRequests()).isEqualTo(1);
		});
	}

	@Test
	void whenCredentialsAreRefusedThenHealthIsDownWithReason() {
		wireMock.server.stubFor(post(urlPathEqualTo("/connect/token")).willReturn(aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":\"invalid_client\"}")));

		configured().run((context) -> {
			Health health = context.getBean(ServiceTitanHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("reason", "invalid_client");
		});
	}

	@Test
	void whenDisabledByPropertyThenNoIndicator() {
		configured().withPropertyValues("management.health.servicetitan.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ServiceTitanHealthIndicator.class));
	}

	@Test
	void whenAllDefaultIndicatorsAreOffThenNoIndicator() {
		configured().withPropertyValues("management.health.defaults.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ServiceTitanHealthIndicator.class));
	}

	@Test
	void whenActuatorHealthIsMissingThenNoIndicatorAndTheClientStillStarts() {
		configured().withClassLoader(new FilteredClassLoader("org.springframework.boot.health")).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasBean("serviceTitanClient");
			assertThat(context).doesNotHaveBean("servicetitanHealthIndicator");
		});
	}

	@Test
	void whenTheClientIsNotConfiguredThenNoIndicator() {
		this.contextRunner.run((context) -> assertThat(context.getBeansOfType(HealthContributor.class)).isEmpty());
	}

	@Test
	void whenTheUserDefinesTheIndicatorThenTheirsIsKept() {
		configured().withBean("servicetitanHealthIndicator", HealthIndicator.class,
				() -> () -> Health.unknown().build())
			.run((context) -> assertThat(context).doesNotHaveBean(ServiceTitanHealthIndicator.class)
				.hasBean("servicetitanHealthIndicator"));
	}

	@Test
	void whenTheUserDefinesTheirOwnEndpointFactoryThenTheIndicatorStaysAndChecksTheConfiguredCredentials() {
		configured().withUserConfiguration(UserEndpointFactory.class).run((context) -> {
			assertThat(context).doesNotHaveBean("serviceTitanClient").hasSingleBean(ServiceTitanHealthIndicator.class);
			Health health = context.getBean(ServiceTitanHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("tenantId", ServiceTitanWireMock.TENANT);
			assertThat(wireMock.tokenRequests()).isEqualTo(1);
		});
	}

	@Test
	void whenTheUserDefinesTheirOwnEndpointFactoryThenTheIndicatorsTokenRequestsGoThroughTheStartersCustomizers() {
		configured().withUserConfiguration(UserEndpointFactory.class)
			.withBean(ServiceTitanRestClientCustomizer.class,
					() -> (builder) -> builder.defaultHeader("X-Corporate-Proxy", "granted"))
			.run((context) -> {
				assertThat(context.getBean(ServiceTitanHealthIndicator.class).health().getStatus())
					.isEqualTo(Status.UP);
			});

		wireMock.server.verify(1, postRequestedFor(urlPathEqualTo("/connect/token"))
			.withHeader("X-Corporate-Proxy", equalTo("granted")));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserEndpointFactory {

		// Declared as the interface, as an application wrapping or replacing the client would.
		@Bean
		EndpointFactory userEndpointFactory() {
			ServiceTitanClient client = wireMock.client();
			return client::endpoint;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class NoRealWaiting {

		@Bean
		ServiceTitanClientBuilderCustomizer noRealWaitingCustomizer() {
			return (builder) -> builder.clock(wireMock.clock).sleeper(wireMock.sleeper).jitter(() -> 0.0);
		}

	}

}
