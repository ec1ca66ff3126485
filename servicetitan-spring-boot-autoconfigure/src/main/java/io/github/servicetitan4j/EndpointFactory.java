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

}
