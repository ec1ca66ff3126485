package io.github.servicetitan4j.test;

import java.util.List;
import java.util.Map;

import io.github.servicetitan4j.autoconfigure.ServiceTitanConnectionDetails;
import io.github.servicetitan4j.autoconfigure.ServiceTitanProperties;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Runs your own application against a simulator in the same JVM when it has no ServiceTitan credentials of its own,
 * for {@code ./mvnw spring-boot:test-run} (or your IDE). Add one class to {@code src/test/java}:
 * <pre>
 * public class TestMyApplication {
 *     public static void main(String[] args) {
 *         SpringApplication.from(MyApplication::main).with(ServiceTitanSimulatorTestConfiguration.class).run(args);
 *     }
 * }
 * </pre>
 * It defines the {@code serviceTitanSimulator} bean (started with the default seed data, stopped with the context)
 * and a {@link ServiceTitanConnectionDetails} bean pointing the starter at it, and it clears the starter's checkpoint
 * store on each {@link ServiceTitanSimulator#reset()}.
 * <p>
 * For an application that serves several tenants, name them in {@code servicetitan.simulator.tenants}
 * ({@code acme,globex}; a system property, an argument or a configuration file): the simulator then serves those
 * tenants (see {@link ServiceTitanSimulator.Builder#tenant(String)}), and instead of the connection details bean the
 * environment gets {@code servicetitan.api-url}, {@code auth-url}, {@code app-key} and, per name,
 * {@code servicetitan.tenants.<name>.tenant-id}, {@code client-id} and {@code client-secret}, as the application's
 * own configuration would give them.
 * <p>
 * When {@code servicetitan.client-id} or a {@code servicetitan.tenants.<name>.client-id} is set (for example by
 * {@code SERVICETITAN_CLIENT_ID}), it defines nothing and the application talks to ServiceTitan itself; a client id
 * that is still an unresolved placeholder ({@code ${SERVICETITAN_CLIENT_ID}} in application.yml, the variable unset)
 * counts as not set.
 */
@TestConfiguration(proxyBeanMethods = false)
@Conditional(ServiceTitanSimulatorTestConfiguration.NoClientId.class)
@Import(SimulatorTenantsSelector.class)
public class ServiceTitanSimulatorTestConfiguration {

	/** The default tenant alone, through a connection details bean. */
	@Configuration(proxyBeanMethods = false)
	@Conditional(NoNamedTenants.class)
	static class DefaultTenantConfiguration {

		@Bean(destroyMethod = "close")
		ServiceTitanSimulator serviceTitanSimulator(ConfigurableApplicationContext context) {
			ServiceTitanSimulator simulator = ServiceTitanSimulator.start();
			SimulatorCheckpointReset.register(simulator, context);
			return simulator;
		}

		@Bean
		ServiceTitanConnectionDetails serviceTitanConnectionDetails(ServiceTitanSimulator serviceTitanSimulator) {
			return new SimulatorConnectionDetails(serviceTitanSimulator);
		}

	}

	/**
	 * Matches when neither {@code servicetitan.client-id} nor any {@code servicetitan.tenants.<name>.client-id} is set
	 * (missing, blank or an unresolved {@code ${...}} placeholder). The simulator's own properties do not count.
	 */
	static class NoClientId extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			ConfigurableEnvironment environment = (ConfigurableEnvironment) context.getEnvironment();
			List<PropertySource<?>> sources = environment.getPropertySources()
				.stream()
				.filter((source) -> !SimulatorTenantsSelector.PROPERTY_SOURCE_NAME.equals(source.getName()))
				.toList();
			Binder binder = new Binder(ConfigurationPropertySources.from(sources),
					new PropertySourcesPlaceholdersResolver(sources));
			if (isSet(binder.bind("servicetitan.client-id", String.class).orElse(""))) {
				return ConditionOutcome.noMatch("servicetitan.client-id is set: the application talks to ServiceTitan");
			}
			Map<String, ServiceTitanProperties.Tenant> tenants = binder
				.bind("servicetitan.tenants", Bindable.mapOf(String.class, ServiceTitanProperties.Tenant.class))
				.orElse(Map.of());
			for (Map.Entry<String, ServiceTitanProperties.Tenant> tenant : tenants.entrySet()) {
				String clientId = tenant.getValue().getClientId();
				if (clientId != null && isSet(clientId)) {
					return ConditionOutcome.noMatch("servicetitan.tenants." + tenant.getKey()
							+ ".client-id is set: the application talks to ServiceTitan");
				}
			}
			return ConditionOutcome.match("no ServiceTitan client id is set");
		}

		private static boolean isSet(String clientId) {
			return !clientId.isBlank() && !clientId.contains("${");
		}

	}

	/** Matches when {@code servicetitan.simulator.tenants} names no tenant. */
	static class NoNamedTenants extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			List<String> tenants = SimulatorTenantsSelector.tenants(context.getEnvironment());
			return tenants.isEmpty() ? ConditionOutcome.match("servicetitan.simulator.tenants is not set")
					: ConditionOutcome.noMatch("servicetitan.simulator.tenants names " + tenants);
		}

	}

}
