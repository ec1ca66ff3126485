package io.github.servicetitan4j.autoconfigure;

import java.net.URI;

import io.github.servicetitan4j.ServiceTitanClient;
import io.github.servicetitan4j.ServiceTitanEnvironment;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Where and as whom the client of one runtime tenant connects, as a {@link ServiceTitanTenantSource} reads it. The
 * application key is shared ({@code servicetitan.app-key}); environment and roots fall back to the shared ones when
 * null.
 *
 * @param tenantId the tenant id, a number
 * @param clientId the OAuth client id the tenant granted the application
 * @param clientSecret the OAuth client secret; never shown by {@link #toString()}
 * @param environment the tenant's environment, or null for {@code servicetitan.environment}
 * @param apiUrl the tenant's API root, or null for its environment's (or {@code servicetitan.api-url})
 * @param authUrl the tenant's auth root, or null for its environment's (or {@code servicetitan.auth-url})
 */
public record ServiceTitanTenantConnection(String tenantId, String clientId, String clientSecret,
		@Nullable ServiceTitanEnvironment environment, @Nullable URI apiUrl, @Nullable URI authUrl) {

	/**
	 * Checks the connection when a tenant source supplies it, before a client is built from it.
	 * @param tenantId the tenant id, a number
	 * @param clientId the OAuth client id the tenant granted the application
	 * @param clientSecret the OAuth client secret; never shown by {@link #toString()}
	 * @param environment the tenant's environment, or null for {@code servicetitan.environment}
	 * @param apiUrl the tenant's API root, or null for its environment's (or {@code servicetitan.api-url})
	 * @param authUrl the tenant's auth root, or null for its environment's (or {@code servicetitan.auth-url})
	 * @throws IllegalArgumentException if {@code tenantId} is no number, or {@code clientId} or {@code clientSecret} is
	 *         empty, an unresolved placeholder or holds a control character inside (surrounding whitespace is removed)
	 */
	public ServiceTitanTenantConnection {
		Assert.isTrue(ServiceTitanClient.isValidTenantId(tenantId), "tenantId must be a number");
		tenantId = tenantId.trim();
		// The same rule as for configured credentials: a directory's trailing newline goes, a line break inside fails.
		clientId = checked("clientId", clientId);
		clientSecret = checked("clientSecret", clientSecret);
	}

	private static String checked(String name, String raw) {
		CredentialValue credential = CredentialValue.of(name, raw);
		String value = credential.value();
		if (value == null) {
			throw new IllegalArgumentException(credential.problem());
		}
		return value;
	}

	/**
	 * A tenant on the shared environment and roots.
	 * @param tenantId the tenant id, a number
	 * @param clientId the OAuth client id
	 * @param clientSecret the OAuth client secret
	 * @return the connection
	 */
	public static ServiceTitanTenantConnection of(String tenantId, String clientId, String clientSecret) {
		return new ServiceTitanTenantConnection(tenantId, clientId, clientSecret, null, null, null);
	}

	/**
	 * This connection in another environment (its roots follow it unless set).
	 * @param environment the environment
	 * @return a new connection
	 */
	public ServiceTitanTenantConnection withEnvironment(ServiceTitanEnvironment environment) {
		return new ServiceTitanTenantConnection(this.tenantId, this.clientId, this.clientSecret, environment,
				this.apiUrl, this.authUrl);
	}

	/**
	 * This connection with its own roots.
	 * @param apiUrl the API root
	 * @param authUrl the auth root
	 * @return a new connection
	 */
	public ServiceTitanTenantConnection withUrls(URI apiUrl, URI authUrl) {
		return new ServiceTitanTenantConnection(this.tenantId, this.clientId, this.clientSecret, this.environment,
				apiUrl, authUrl);
	}

	@Override
	public String toString() {
		return "ServiceTitanTenantConnection[tenantId=" + this.tenantId + ", clientId=" + this.clientId
				+ ", environment=" + this.environment + ", apiUrl=" + this.apiUrl + "]";
	}

}
