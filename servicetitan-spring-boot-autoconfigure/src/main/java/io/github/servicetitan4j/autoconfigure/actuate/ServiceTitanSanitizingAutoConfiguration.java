package io.github.servicetitan4j.autoconfigure.actuate;

import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Keeps the ServiceTitan client secret and app key masked in {@code /actuator/configprops} and {@code /actuator/env},
 * even when the application shows values there. Applies whenever the actuator is present, configured client or not,
 * since a half-finished configuration holds secrets too.
 */
@AutoConfiguration
@ConditionalOnClass(SanitizingFunction.class)
public final class ServiceTitanSanitizingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "serviceTitanSanitizingFunction")
	SanitizingFunction serviceTitanSanitizingFunction() {
		return new ServiceTitanSanitizingFunction();
	}

}
