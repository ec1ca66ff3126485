package io.github.servicetitan4j.autoconfigure.actuate;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

import io.github.servicetitan4j.autoconfigure.ServiceTitanConnectionDetails;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

/**
 * Keeps the ServiceTitan client secret and app key masked in {@code /actuator/configprops} and {@code /actuator/env},
 * even when the application shows values there: under their own keys, and wherever a configured value occurs inside
 * another one. Applies whenever the actuator is present, configured client or not, since a half-finished
 * configuration holds secrets too.
 */
@AutoConfiguration
@ConditionalOnClass(SanitizingFunction.class)
public final class ServiceTitanSanitizingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "serviceTitanSanitizingFunction")
	SanitizingFunction serviceTitanSanitizingFunction(ConfigurableEnvironment environment,
			ObjectProvider<ServiceTitanConnectionDetails> connectionDetails) {
		return new ServiceTitanSanitizingFunction(() -> configuredSecrets(environment, connectionDetails));
	}

	/**
	 * The values of every secret key in the environment (raw and with placeholders resolved), and those of the connection details bean (a vault, a test
	 * simulator), with and without surrounding whitespace.
	 */
	private static Collection<String> configuredSecrets(ConfigurableEnvironment environment,
			ObjectProvider<ServiceTitanConnectionDetails> connectionDetails) {
		Set<String> secrets = new LinkedHashSet<>();
		for (PropertySource<?> source : environment.getPropertySources()) {
			if (source instanceof EnumerablePropertySource<?> enumerable) {
				for (String name : enumerable.getPropertyNames()) {
					if (ServiceTitanSanitizingFunction.isSecret(name)
							&& enumerable.getProperty(name) instanceof CharSequence value) {
						add(secrets, value.toString());
						add(secrets, resolved(environment, value.toString()));
					}
				}
			}
		}
		try {
			connectionDetails.ifAvailable((details) -> {
				add(secrets, details.clientSecret());
				add(secrets, details.appKey());
			});
		}
		catch (BeansException ex) {
			// an invalid configuration: its values are in the environment, collected above
		}
		return secrets;
	}

	/**
	 * The value a raw {@code ${ACME_CLIENT_SECRET}} stands for: that is the secret, and it shows under its own key
	 * (an environment variable's name is no secret key), so it must be masked wherever it occurs. An unresolvable
	 * placeholder stays as it is; a circular one yields nothing.
	 */
	private static String resolved(ConfigurableEnvironment environment, String raw) {
		try {
			return environment.resolvePlaceholders(raw);
		}
		catch (IllegalArgumentException ex) {
			return "";
		}
	}

	private static void add(Set<String> secrets, String value) {
		if (!value.isBlank()) {
			secrets.add(value);
			secrets.add(value.strip());
		}
	}

}
