package io.github.servicetitan4j.autoconfigure;

import java.net.URI;
import java.util.Map;

import io.github.servicetitan4j.Endpoint;
import io.github.servicetitan4j.EndpointFactory;
import io.github.servicetitan4j.ServiceTitanClient;
import io.github.servicetitan4j.ServiceTitanTenants;
import io.github.servicetitan4j.ServiceTitanWireMock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.ConfigurationPropertiesBindException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link ServiceTitanAutoConfiguration}: configured, not configured, partly configured, overridden, and beside the
 * application's own OAuth2 client.
 */
class ServiceTitanAutoConfigurationTests {

	@RegisterExtension
	static final ServiceTitanWireMock wireMock = new ServiceTitanWireMock();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ServiceTitanAutoConfiguration.class, RestClientAutoConfiguration.class,
				HttpClientAutoConfiguration.class, JacksonAutoConfiguration.class));

	private String[] wireMockProperties() {
		return new String[] { "servicetitan.client-id=" + ServiceTitanWireMock.CLIENT_ID,
				"servicetitan.client-secret=" + ServiceTitanWireMock.CLIENT_SECRET,
				"servicetitan.app-key=" + ServiceTitanWireMock.APP_KEY,
				"servicetitan.tenant-id=" + ServiceTitanWireMock.TENANT, "servicetitan.api-url=" + wireMock.url(),
				"servicetitan.auth-url=" + wireMock.url(), "servicetitan.rate-limit.requests-per-second=0" };
	}

	@Test
	void whenNothingIsConfiguredThenNoClientIsCreatedAndTheAppStarts() {
		// The beans are defined whatever is configured (AOT fixes the definitions at build time), and absent: a
		// null bean, which injection and lookups by type treat as missing.
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBeanProvider(EndpointFactory.class).getIfAvailable()).isNull();
			assertThat(context.getBeanProvider(ServiceTitanTenants.class).getIfAvailable()).isNull();
			assertThat(context.getBeansOfType(EndpointFactory.class)).isEmpty();
			assertThat(context.getBeansOfType(TenantClientFactory.class)).isEmpty();
			assertThatExceptionOfType(NoSuchBeanDefinitionException.class)
				.isThrownBy(() -> context.getBean(EndpointFactory.class));
		});
	}

	@Test
	void whenConfiguredThenAnEndpointFactoryCallsServiceTitan() {
		wireMock.server.stubFor(get(urlPathEqualTo(wireMock.tenantPath("jpm") + "/jobs/1")).willReturn(okJson("{\"id\":1}")));
		this.contextRunner.withPropertyValues(wireMockProperties()).run((context) -> {
			assertThat(context).hasSingleBean(EndpointFactory.class);
			Endpoint jobs = context.getBean(EndpointFactory.class).endpoint("jpm", "jobs");
			assertThat(jobs.getOne("1").path("id").asInt()).isEqualTo(1);
		});
		wireMock.server.verify(getRequestedFor(urlPathEqualTo(wireMock.tenantPath("jpm") + "/jobs/1"))
			.withHeader("ST-App-Key", equalTo(ServiceTitanWireMock.APP_KEY)));
	}

	@Test
	void whenConfiguredThenNoOAuth2ClientMapperOrRestClientBeansLeakIntoTheApp() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ServiceTitanAutoConfiguration.class, RestClientAutoConfiguration.class))
			.withPropertyValues(wireMockProperties())
			.run((context) -> {
				assertThat(context).hasSingleBean(EndpointFactory.class);
				assertThat(context).doesNotHaveBean(ClientRegistrationRepository.class);
				assertThat(context).doesNotHaveBean(OAuth2AuthorizedClientManager.class);
				assertThat(context).doesNotHaveBean(RestClient.class);
				assertThat(context).doesNotHaveBean(tools.jackson.databind.ObjectMapper.class);
			});
	}

	@Test
	void whenTheEnvironmentIsIntegrationThenBothRootsFollowIt() {
		this.contextRunner
			.withPropertyValues("servicetitan.client-id=id", "servicetitan.client-secret=secret", "servicetitan.app-key=key",
					"servicetitan.tenant-id=42", "servicetitan.environment=integration")
			.run((context) -> {
				ServiceTitanConnectionDetails details = context.getBean(ServiceTitanConnectionDetails.class);
				assertThat(details.apiUrl()).isEqualTo(URI.create("https://api-integration.servicetitan.io"));
				assertThat(details.authUrl()).isEqualTo(URI.create("https://auth-integration.servicetitan.io"));
				assertThat(context.getBean(ServiceTitanClient.class).apiUrl())
					.isEqualTo(URI.create("https://api-integration.servicetitan.io"));
			});
	}

	@Test
	void whenEnvironmentVariablesAreSetThenTheyBindRelaxedly() {
		Map<String, Object> variables = Map.of("SERVICETITAN_CLIENT_ID", "env-id", "SERVICETITAN_CLIENT_SECRET", "env-secret",
				"SERVICETITAN_APP_KEY", "env-key", "SERVICETITAN_TENANT_ID", "777", "SERVICETITAN_PAGE_SIZE", "250");
		this.contextRunner
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new SystemEnvironmentPropertySource("test-env", variables)))
			.run((context) -> {
				ServiceTitanConnectionDetails details = context.getBean(ServiceTitanConnectionDetails.class);
				assertThat(details.clientId()).isEqualTo("env-id");
				assertThat(details.tenantId()).isEqualTo("777");
				assertThat(context.getBean(ServiceTitanClient.class).pageSize()).isEqualTo(250);
			});
	}

	@Test
	void whenPartlyConfiguredThenStartupFailsNamingEveryMissingPropertyButNeverTheSecret() {
		this.contextRunner.withPropertyValues("servicetitan.client-secret=s3cr3t-value").run((context) -> {
			assertThat(context).hasFailed();
			Throwable failure = context.getStartupFailure();
			assertThat(failure).rootCause()
				.isInstanceOf(InvalidServiceTitanPropertiesException.class)
				.hasMessageContaining("servicetitan.client-id is required")
				.hasMessageContaining("servicetitan.app-key is required")
				.hasMessageContaining("servicetitan.tenant-id is required")
				.hasMessageNotContaining("s3cr3t-value");
			FailureAnalysis analysis = new InvalidServiceTitanPropertiesFailureAnalyzer().analyze(failure);
			assertThat(analysis.getDescription()).contains("servicetitan.client-id", "servicetitan.app-key",
					"servicetitan.tenant-id");
			assertThat(analysis.getDescription()).doesNotContain("s3cr3t-value");
			assertThat(analysis.getAction()).contains("SERVICETITAN_CLIENT_ID");
		});
	}

	@Test
	void whenValuesAreInvalidThenOneMessageNamesEachOfThem() {
		this.contextRunner
			.withPropertyValues("servicetitan.client-id=id", "servicetitan.client-secret=secret", "servicetitan.app-key=key",
					"servicetitan.tenant-id=acme", "servicetitan.page-size=5001", "servicetitan.retry.max-attempts=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidServiceTitanPropertiesException.class)
				.hasMessageContaining("servicetitan.tenant-id must be a number, not 'acme'")
				.hasMessageContaining("servicetitan.page-size must be between 1 and 5000, not 5001")
				.hasMessageContaining("servicetitan.retry.max-attempts must be at least 1"));
	}

	@Test
	void whenTheEnvironmentIsUnknownThenBindingFailsNamingTheProperty() {
		// An enum bound by Boot: its failure analysis lists the valid values.
		this.contextRunner
			.withPropertyValues("servicetitan.client-id=id", "servicetitan.client-secret=secret", "servicetitan.app-key=key",
					"servicetitan.tenant-id=42", "servicetitan.environment=staging")
			.run((context) -> assertThat(context).getFailure()
				.hasCauseInstanceOf(ConfigurationPropertiesBindException.class)
				.hasMessageContaining("prefix=servicetitan")
				.rootCause()
				.hasMessageContaining("staging"));
	}

	@Test
	void whenTheEnvironmentIsWrittenInAnyCaseThenItBinds() {
		this.contextRunner
			.withPropertyValues("servicetitan.client-id=id", "servicetitan.client-secret=secret", "servicetitan.app-key=key",
					"servicetitan.tenant-id=42", "servicetitan.environment=Integration")
			.run((context) -> assertThat(context.getBean(ServiceTitanClient.class).apiUrl())
				.isEqualTo(URI.create("https://api-integration.servicetitan.io")));
	}

	@Test
	void whenNothingIsConfiguredAndTheAppNeedsAnEndpointFactoryThenTheFailureExplainsWhatToSet() {
		this.contextRunner.withUserConfiguration(NeedsEndpointFactory.class).run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new MissingServiceTitanConfigurationFailureAnalyzer()
				.analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains(EndpointFactory.class.getName(), "servicetitan.client-id");
			assertThat(analysis.getAction()).contains("servicetitan:", "tenant-id", "SERVICETITAN_APP_KEY");
		});
	}

	@Test
	void whenNothingIsConfiguredAndTheAppNeedsServiceTitanTenantsThenTheFailureExplainsWhatToSet() {
		this.contextRunner.withBean(NeedsTenants.class).run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new MissingServiceTitanConfigurationFailureAnalyzer()
				.analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains(ServiceTitanTenants.class.getName(), "servicetitan.client-id");
			assertThat(analysis.getAction()).contains("servicetitan:", "tenant-id", "SERVICETITAN_APP_KEY");
		});
	}

	static class NeedsTenants {

		NeedsTenants(ServiceTitanTenants tenants) {
		}

	}

	@Test
	void whenTheUserDefinesAnEndpointFactoryThenTheStarterBacksOff() {
		this.contextRunner.withPropertyValues(wireMockProperties())
			.withUserConfiguration(UserEndpointFactory.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(EndpointFactory.class);
				assertThat(context.getBean(EndpointFactory.class)).isSameAs(UserEndpointFactory.FACTORY);
			});
	}

	@Test
	void whenTheUserDefinesConnectionDetailsThenTheyReplaceTheProperties() {
		wireMock.server.stubFor(get(urlPathEqualTo(wireMock.tenantPath("crm") + "/customers/3")).willReturn(okJson("{}")));
		this.contextRunner.withPropertyValues("servicetitan.rate-limit.requests-per-second=0")
			.withBean(ServiceTitanConnectionDetails.class, () -> new TestConnectionDetails(wireMock.url()))
			.run((context) -> {
				assertThat(context).hasSingleBean(EndpointFactory.class);
				context.getBean(EndpointFactory.class).endpoint("crm", "customers").getOne("3");
			});
		wireMock.server.verify(getRequestedFor(urlPathEqualTo(wireMock.tenantPath("crm") + "/customers/3")));
	}

	@Test
	void theApplicationsRestClientCustomizersAndOurOwnCustomizerApply() {
		wireMock.server.stubFor(get(urlPathEqualTo(wireMock.tenantPath("jpm") + "/jobs/1")).willReturn(okJson("{}")));
		this.contextRunner.withPropertyValues(wireMockProperties())
			.withBean(RestClientCustomizer.class, () -> (builder) -> builder.defaultHeader("X-App-Wide", "yes"))
			.withBean(ServiceTitanRestClientCustomizer.class,
					() -> (builder) -> builder.defaultHeader("X-ServiceTitan-Only", "yes"))
			.run((context) -> context.getBean(EndpointFactory.class).endpoint("jpm", "jobs").getOne("1"));
		wireMock.server.verify(getRequestedFor(urlPathEqualTo(wireMock.tenantPath("jpm") + "/jobs/1"))
			.withHeader("X-App-Wide", equalTo("yes"))
			.withHeader("X-ServiceTitan-Only", equalTo("yes")));
	}

	@Test
	void theApplicationsOwnOAuth2ClientRegistrationIsLeftUntouched() {
		wireMock.server.stubFor(get(urlPathEqualTo(wireMock.tenantPath("jpm") + "/jobs/1")).willReturn(okJson("{}")));
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ServiceTitanAutoConfiguration.class, RestClientAutoConfiguration.class,
					OAuth2ClientAutoConfiguration.class))
			.withPropertyValues(wireMockProperties())
			.withPropertyValues("spring.security.oauth2.client.registration.github.client-id=gh-id",
					"spring.security.oauth2.client.registration.github.client-secret=gh-secret",
					"spring.security.oauth2.client.registration.github.provider=github")
			.run((context) -> {
				ClientRegistrationRepository registrations = context.getBean(ClientRegistrationRepository.class);
				assertThat(registrations.findByRegistrationId("github")).isNotNull();
				assertThat(registrations.findByRegistrationId("servicetitan")).isNull();
				context.getBean(EndpointFactory.class).endpoint("jpm", "jobs").getOne("1");
			});
		wireMock.server.verify(getRequestedFor(urlPathEqualTo(wireMock.tenantPath("jpm") + "/jobs/1")));
	}

	@Configuration(proxyBeanMethods = false)
	static class NeedsEndpointFactory {

		@Bean
		String usesServiceTitan(EndpointFactory factory) {
			return factory.toString();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserEndpointFactory {

		static final EndpointFactory FACTORY = (folder, endpoint) -> {
			throw new UnsupportedOperationException();
		};

		@Bean
		EndpointFactory myEndpointFactory() {
			return FACTORY;
		}

	}

	record TestConnectionDetails(URI url) implements ServiceTitanConnectionDetails {

		@Override
		public URI apiUrl() {
			return this.url;
		}

		@Override
		public URI authUrl() {
			return this.url;
		}

		@Override
		public String tenantId() {
			return ServiceTitanWireMock.TENANT;
		}

		@Override
		public String appKey() {
			return ServiceTitanWireMock.APP_KEY;
		}

		@Override
		public String clientId() {
			return ServiceTitanWireMock.CLIENT_ID;
		}

		@Override
		public String clientSecret() {
			return ServiceTitanWireMock.CLIENT_SECRET;
		}

	}

}
