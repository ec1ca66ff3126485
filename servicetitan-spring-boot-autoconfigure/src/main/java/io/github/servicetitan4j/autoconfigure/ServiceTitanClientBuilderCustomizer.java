package io.github.servicetitan4j.autoconfigure;

import io.github.servicetitan4j.ServiceTitanClient;

/**
 * Customizes the {@link ServiceTitanClient.Builder} before the auto-configured client is built: to set a clock, a rate
 * limiter, a listener, and so on. Applied in order, after the properties.
 */
@FunctionalInterface
public interface ServiceTitanClientBuilderCustomizer {

	/**
	 * Customizes the builder.
	 * @param builder the client builder
	 */
	void customize(ServiceTitanClient.Builder builder);

}
