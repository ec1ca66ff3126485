package io.github.servicetitan4j.autoconfigure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.servicetitan4j.EndpointFactory;
import io.github.servicetitan4j.ServiceTitanTenants;
import io.github.servicetitan4j.ServiceTitanWireMock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ByteArrayResource;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The credential properties as a user's files and environment deliver them: with a trailing newline from a mounted
 * secret file, with a control character inside, or still holding the README's unresolved {@code ${...}} placeholders.
 */
@ExtendWith(OutputCaptureExtension.class)
class CredentialPropertiesTests {

	@RegisterExtension
	static final ServiceTitanWireMock wireMock = new ServiceTitanWireMock();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ServiceTitanAutoConfiguration.class, RestClientAutoConfiguration.class,
				HttpClientAutoConfiguration.class, JacksonAutoConfiguration.class));

	/** Values exactly as given (withPropertyValues would trim them), ahead of every other source. */
	private ApplicationContextRunner withRawValues(Map<String, Object> values) {
		return this.contextRunner.withInitializer((context) -> {
			context.getEnvironment().getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
			context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("raw", values));
		});
	}

	@Test
	void whenCredentialsHaveWhitespaceAroundThemThenTheWireGetsThemCleanAndAWarningNamesEachProperty(
			CapturedOutput output) {
		wireMock.server.stubFor(get(urlPathEqualTo(wireMock.tenantPath("jpm") + "/jobs/1")).willReturn(okJson("{}")));
		Map<String, Object> values = new HashMap<>();
		values.put("servicetitan.client-id", " " + ServiceTitanWireMock.CLIENT_ID + "\t");
		values.put("servicetitan.client-secret", ServiceTitanWireMock.CLIENT_SECRET + "\n");
		values.put("servicetitan.app-key", ServiceTitanWireMock.APP_KEY + "\r\n");
		values.put("servicetitan.tenant-id", ServiceTitanWireMock.TENANT + "\n");
		values.put("servicetitan.api-url", wireMock.url().toString());
		values.put("servicetitan.auth-url", wireMock.url().toString());
		values.put("servicetitan.rate-limit.requests-per-second", "0");

		withRawValues(values).run((context) -> {
			assertThat(context).hasNotFailed();
			context.getBean(EndpointFactory.class).endpoint("jpm", "jobs").getOne("1");
		});

		wireMock.server.verify(postRequestedFor(urlPathEqualTo("/connect/token"))
			.withRequestBody(equalTo("grant_type=client_credentials&client_id=" + ServiceTitanWireMock.CLIENT_ID
					+ "&client_secret=" + ServiceTitanWireMock.CLIENT_SECRET)));
		wireMock.server.verify(getRequestedFor(urlPathEqualTo(wireMock.tenantPath("jpm") + "/jobs/1"))
			.withHeader("ST-App-Key", equalTo(ServiceTitanWireMock.APP_KEY)));
		String warnings = output.getAll();
		assertThat(warnings).contains("servicetitan.client-id had whitespace around its value",
				"servicetitan.client-secret had whitespace around its value",
				"servicetitan.app-key had whitespace around its value",
				"servicetitan.tenant-id had whitespace around its value");
		assertThat(warnings).doesNotContain(ServiceTitanWireMock.CLIENT_SECRET, ServiceTitanWireMock.APP_KEY);
	}

	@Test
	void whenRuntimeTenantsHaveWhitespaceAroundTheirCredentialsThenTheWireGetsThemCleanAndTheAppKeyWarnsOnce(
			CapturedOutput output) {
		wireMock.server.stubFor(get(urlPathEqualTo("/jpm/v2/tenant/41/jobs/1")).willReturn(okJson("{}")));
		wireMock.server.stubFor(get(urlPathEqualTo("/jpm/v2/tenant/42/jobs/1")).willReturn(okJson("{}")));
		Map<String, Object> values = new HashMap<>();
		values.put("servicetitan.app-key", ServiceTitanWireMock.APP_KEY + "\n");
		values.put("servicetitan.api-url", wireMock.url().toString());
		values.put("servicetitan.auth-url", wireMock.url().toString());
		values.put("servicetitan.rate-limit.requests-per-second", "0");

		withRawValues(values)
			.withBean(ServiceTitanTenantSource.class,
					() -> (name) -> ServiceTitanTenantSource.Connection.of(name, " runtime-client\t", "runtime-s3cr3t\n"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ServiceTitanTenants tenants = context.getBean(ServiceTitanTenants.class);
				tenants.tenant("41").endpoint("jpm", "jobs").getOne("1");
				tenants.tenant("42").endpoint("jpm", "jobs").getOne("1");
			});

		wireMock.server.verify(2, postRequestedFor(urlPathEqualTo("/connect/token")).withRequestBody(
				equalTo("grant_type=client_credentials&client_id=runtime-client&client_secret=runtime-s3cr3t")));
		wireMock.server.verify(getRequestedFor(urlPathEqualTo("/jpm/v2/tenant/42/jobs/1"))
			.withHeader("ST-App-Key", equalTo(ServiceTitanWireMock.APP_KEY)));
		String all = output.getAll();
		assertThat(all.split("servicetitan.app-key had whitespace around its value", -1)).hasSize(2);
		assertThat(all).doesNotContain("runtime-s3cr3t", ServiceTitanWireMock.APP_KEY);
	}

	@Test
	void aRuntimeTenantsCredentialWithALineBreakInsideIsRefusedWithoutQuotingIt() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ServiceTitanTenantSource.Connection.of("42", "client", "runtime\ns3cr3t"))
			.withMessage("clientSecret contains a control character (such as a line break or a tab) inside the value");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ServiceTitanTenantSource.Connection.of("42", "${TENANT_CLIENT}", "secret"))
			.withMessageStartingWith("clientId is the unresolved placeholder ${TENANT_CLIENT}");
	}

	@Test
	void aCredentialValueNeverPrintsItsValue() {
		CredentialValue credential = CredentialValue.of("servicetitan.client-secret", ServiceTitanWireMock.CLIENT_SECRET + "\n");

		assertThat(credential.value()).isEqualTo(ServiceTitanWireMock.CLIENT_SECRET);
		assertThat(credential.toString()).contains("servicetitan.client-secret", "trimmed=true")
			.doesNotContain(ServiceTitanWireMock.CLIENT_SECRET);
	}

	@Test
	void whenACredentialHoldsAControlCharacterInsideThenStartupFailsNamingThePropertyButNotTheValue() {
		Map<String, Object> values = new HashMap<>();
		values.put("servicetitan.client-id", "cid");
		values.put("servicetitan.client-secret", "first-half\nsecond-half");
		values.put("servicetitan.app-key", "apz\u0000qky");
		values.put("servicetitan.tenant-id", "42");

		withRawValues(values).run((context) -> {
			assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidServiceTitanPropertiesException.class)
				.hasMessageContaining("servicetitan.client-secret contains a control character")
				.hasMessageContaining("servicetitan.app-key contains a control character")
				.hasMessageNotContaining("first-half")
				.hasMessageNotContaining("second-half")
				.hasMessageNotContaining("apz");
		});
	}

	@Test
	void whenTheReadmeYamlMeetsNoEnvironmentVariablesThenStartupFailsNamingEachVariableToSet() throws IOException {
		PropertySource<?> readmeYaml = gettingStartedYaml();

		this.contextRunner.withInitializer((context) -> {
			context.getEnvironment().getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
			context.getEnvironment().getPropertySources().addFirst(readmeYaml);
		}).run((context) -> {
			Throwable failure = context.getStartupFailure();
			assertThat(failure).rootCause()
				.isInstanceOf(InvalidServiceTitanPropertiesException.class)
				.hasMessageContaining("servicetitan.client-id is the unresolved placeholder ${SERVICETITAN_CLIENT_ID}: "
						+ "set the environment variable SERVICETITAN_CLIENT_ID")
				.hasMessageContaining("servicetitan.client-secret is the unresolved placeholder "
						+ "${SERVICETITAN_CLIENT_SECRET}: set the environment variable SERVICETITAN_CLIENT_SECRET")
				.hasMessageContaining("servicetitan.app-key is the unresolved placeholder ${SERVICETITAN_APP_KEY}: "
						+ "set the environment variable SERVICETITAN_APP_KEY");
			FailureAnalysis analysis = new InvalidServiceTitanPropertiesFailureAnalyzer().analyze(failure);
			assertThat(analysis.getDescription()).contains("set the environment variable SERVICETITAN_CLIENT_SECRET");
		});
	}

	@Test
	void whenAPlaceholderNamesAPropertyThenTheMessageSaysToSetThePropertyOrItsVariable() {
		Map<String, Object> values = new HashMap<>();
		values.put("servicetitan.client-id", "cid");
		values.put("servicetitan.client-secret", "${vault.servicetitan.secret}");
		values.put("servicetitan.app-key", "key");
		values.put("servicetitan.tenant-id", "42");

		withRawValues(values).run((context) -> assertThat(context).getFailure()
			.rootCause()
			.hasMessageContaining("servicetitan.client-secret is the unresolved placeholder ${vault.servicetitan.secret}: "
					+ "set the property vault.servicetitan.secret (or the environment variable VAULT_SERVICETITAN_SECRET)"));
	}

	/** The first yaml block of the README's Getting started section, as Boot would load it from application.yml. */
	private static PropertySource<?> gettingStartedYaml() throws IOException {
		String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
		String gettingStarted = readme.substring(readme.indexOf("## Getting started"));
		Matcher yaml = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(gettingStarted);
		assertThat(yaml.find()).as("a yaml block in Getting started").isTrue();
		return new YamlPropertySourceLoader()
			.load("README application.yml", new ByteArrayResource(yaml.group(1).getBytes(StandardCharsets.UTF_8)))
			.get(0);
	}

}
