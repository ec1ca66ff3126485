package io.github.servicetitan4j.autoconfigure;

import org.springframework.web.client.RestClient;

/**
 * Customizes the {@link RestClient.Builder} of the ServiceTitan client only (API and token requests), after the
 * application's {@code RestClientCustomizer}s have been applied to it.
 */
@FunctionalInterface
public interface ServiceTitanRestClientCustomizer {

	/**
	 * Customizes the builder.
	 * @param builder the ServiceTitan client's own builder
	 */
	void customize(RestClient.Builder builder);

}
