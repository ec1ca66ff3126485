package io.github.servicetitan4j;

/**
 * Hands out {@link Endpoint}s of one ServiceTitan tenant. The Spring Boot starter exposes one as a bean; outside Spring,
 * build a {@link ServiceTitanClient}.
 */
@FunctionalInterface
public interface EndpointFactory {

	/**
	 * Returns the endpoint at {@code {api-url}/{folder}/v2/tenant/{tenant}/{endpoint}}.
	 * @param folder the API group, such as {@code jpm}, {@code crm} or {@code accounting}
	 * @param endpoint the resource, such as {@code jobs}; may contain a slash ({@code jobs/attachment})
	 * @return the endpoint; cheap to create, thread-safe and reusable
	 * @throws IllegalArgumentException if folder or endpoint is null or blank
	 */
	Endpoint endpoint(String folder, String endpoint);

	/**
	 * Returns the tenant's Reporting API: report categories, descriptions and runs, paced by a per-report limiter.
	 * @return the reports; thread-safe and reusable
	 * @throws UnsupportedOperationException if this factory is not a {@link ServiceTitanClient} and does not say
	 * how to run reports
	 */
	default Reports reports() {
		throw new UnsupportedOperationException(getClass().getName() + " does not run reports; use a ServiceTitanClient");
	}

	/**
	 * Returns the tenant's client of a typed HTTP interface: an interface whose {@code @HttpExchange} paths hold
	 * {@code {tenant}} (such as {@code /jpm/v2/tenant/{tenant}/jobs/{id}}), filled in with this tenant's id. Its calls
	 * go through the same pipeline as an {@link Endpoint}'s. Return types: a record type ({@code Job},
	 * {@code List<Job>}, {@code JsonNode}), {@link Page}, {@link java.util.stream.Stream} (a lazy walk like
	 * {@link Endpoint#streamAll}), {@link ExportPage}, {@link ExportStream} (like {@link Endpoint#streamExport}, with an
	 * {@link ExportOptions} argument), {@code byte[]} or {@code Resource} (a download bounded like
	 * {@link Endpoint#download(String, String)}), {@code void} and {@code ResponseEntity}.
	 * @param api the interface
	 * @param <T> the interface
	 * @return the typed client, made once per interface; thread-safe
	 * @throws UnsupportedOperationException if this factory is not a {@link ServiceTitanClient} and does not say how
	 * to make typed clients
	 */
	default <T> T client(Class<T> api) {
		throw new UnsupportedOperationException(
				getClass().getName() + " does not make typed clients; use a ServiceTitanClient");
	}

}
