package io.github.servicetitan4j;

import java.net.URI;

/**
 * The ServiceTitan environment a tenant's credentials belong to. Picks both the API root and the auth root.
 */
public enum ServiceTitanEnvironment {

	/** Live tenants. */
	PRODUCTION("https://api.servicetitan.io", "https://auth.servicetitan.io"),

	/** The integration (sandbox) environment. */
	INTEGRATION("https://api-integration.servicetitan.io", "https://auth-integration.servicetitan.io");

	private final URI apiUrl;

	private final URI authUrl;

	ServiceTitanEnvironment(String apiUrl, String authUrl) {
		this.apiUrl = URI.create(apiUrl);
		this.authUrl = URI.create(authUrl);
	}

	/**
	 * API root of this environment.
	 * @return API root, such as {@code https://api.servicetitan.io}
	 */
	public URI apiUrl() {
		return this.apiUrl;
	}

	/**
	 * Auth root of this environment; the token endpoint is {@code {auth-url}/connect/token}.
	 * @return auth root, such as {@code https://auth.servicetitan.io}
	 */
	public URI authUrl() {
		return this.authUrl;
	}

}
