package io.github.servicetitan4j.test;

import java.util.Map;

import io.github.servicetitan4j.EndpointFactory;
import io.github.servicetitan4j.ServiceTitanTenants;
import io.github.servicetitan4j.autoconfigure.ServiceTitanConnectionDetails;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user's application run against the simulator with the one line the simulator's README shows for
 * {@code spring-boot:test-run}.
 */
class ServiceTitanSimulatorTestConfigurationTests {

	@Test
	void whenTheAppHasNoCredentialsThenItRunsAgainstASimulatorInTheSameJvm() {
		try (ConfigurableApplicationContext context = SpringApplication.from(UsersApplication::main)
			.with(ServiceTitanSimulatorTestConfiguration.class)
			.run()
			.getApplicationContext()) {
			ServiceTitanSimulator simulator = context.getBean(ServiceTitanSimulator.class);
			assertThat(context.getBean(ServiceTitanConnectionDetails.class).apiUrl()).isEqualTo(simulator.apiUrl());

			assertThat(context.getBean(EndpointFactory.class).endpoint("crm", "customers").getAll(Map.of("active", "Any")))
				.hasSize(simulator.tenant().customers().size());

			assertThat(simulator.requests().count("GET", "/crm/v2/tenant/\\d+/customers")).isPositive();
			assertThat(simulator.requests().find("GET", ".*/customers").get(0).header("ST-App-Key"))
				.isEqualTo(ServiceTitanSimulator.DEFAULT_APP_KEY);
		}
	}

	@Test
	void whenTheCredentialsAreUnresolvedPlaceholdersThenTheAppStillRunsAgainstTheSimulator() {
		try (ConfigurableApplicationContext context = SpringApplication.from(UsersApplication::main)
			.with(ServiceTitanSimulatorTestConfiguration.class)
			.run("--servicetitan.client-id=${SERVICETITAN_CLIENT_ID_NOT_SET_HERE}",
					"--servicetitan.client-secret=${SERVICETITAN_CLIENT_SECRET_NOT_SET_HERE}",
					"--servicetitan.app-key=${SERVICETITAN_APP_KEY_NOT_SET_HERE}", "--servicetitan.tenant-id=1234567")
			.getApplicationContext()) {
			ServiceTitanSimulator simulator = context.getBean(ServiceTitanSimulator.class);

			assertThat(context.getBean(EndpointFactory.class).endpoint("crm", "customers").getOne("1000001").path("id")
				.asLong()).isEqualTo(1000001L);
			assertThat(simulator.tokenRequests()).isEqualTo(1);
		}
	}

	@Test
	void whenTheAppHasCredentialsThenNoSimulatorIsStarted() {
		try (ConfigurableApplicationContext context = SpringApplication.from(UsersApplication::main)
			.with(ServiceTitanSimulatorTestConfiguration.class)
			.run("--servicetitan.client-id=real-id", "--servicetitan.client-secret=real-secret",
					"--servicetitan.app-key=real-key", "--servicetitan.tenant-id=42")
			.getApplicationContext()) {
			assertThat(context.getBeanNamesForType(ServiceTitanSimulator.class)).isEmpty();
			assertThat(context.getBean(ServiceTitanConnectionDetails.class).tenantId()).isEqualTo("42");
		}
	}

	@Test
	void whenTenantsAreNamedThenEachRunsAgainstItsOwnTenantOfTheSimulator() {
		try (ConfigurableApplicationContext context = SpringApplication.from(UsersApplication::main)
			.with(ServiceTitanSimulatorTestConfiguration.class)
			.run("--servicetitan.simulator.tenants=acme,globex")
			.getApplicationContext()) {
			ServiceTitanSimulator simulator = context.getBean(ServiceTitanSimulator.class);
			ServiceTitanTenants tenants = context.getBean(ServiceTitanTenants.class);

			assertThat(tenants.names()).containsExactly("acme", "globex");
			assertThat(context.getBeansOfType(ServiceTitanConnectionDetails.class)).isEmpty();
			for (String tenant : tenants.names()) {
				assertThat(tenants.tenant(tenant).endpoint("crm", "customers").getAll(Map.of("active", "Any")))
					.hasSize(simulator.tenant(tenant).customers().size());
				assertThat(simulator.requests().count("GET", "/crm/v2/tenant/" + simulator.tenantId(tenant) + "/customers"))
					.isPositive();
				assertThat(simulator.tokenRequests(tenant)).isEqualTo(1);
			}
		}
	}

	@Test
	void whenANamedTenantHasItsOwnClientIdThenNoSimulatorIsStarted() {
		try (ConfigurableApplicationContext context = SpringApplication.from(UsersApplication::main)
			.with(ServiceTitanSimulatorTestConfiguration.class)
			.run("--servicetitan.simulator.tenants=acme", "--servicetitan.app-key=real-key",
					"--servicetitan.tenants.acme.tenant-id=42", "--servicetitan.tenants.acme.client-id=real-id",
					"--servicetitan.tenants.acme.client-secret=real-secret")
			.getApplicationContext()) {
			assertThat(context.getBeanNamesForType(ServiceTitanSimulator.class)).isEmpty();
			assertThat(context.getBean(ServiceTitanTenants.class).names()).containsExactly("acme");
		}
	}

	/** Stands for the user's own application class. */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class UsersApplication {

		public static void main(String[] args) {
			SpringApplication application = new SpringApplication(UsersApplication.class);
			application.setWebApplicationType(WebApplicationType.NONE);
			application.run(args);
		}

	}

}
