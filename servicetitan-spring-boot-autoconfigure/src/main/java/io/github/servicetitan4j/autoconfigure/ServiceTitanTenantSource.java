package io.github.servicetitan4j.autoconfigure;

import java.net.URI;

import io.github.servicetitan4j.ServiceTitanClient;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Supplies tenants while the application runs, for example from the application's own table of onboarded
 * contractors, so that a tenant onboarded after startup is usable without a restart. Define one as a bean;
 * {@code ServiceTitanTenants.tenant(name)} asks it for names that are not configured in {@code servicetitan.tenants}.
 * <p>
 * It is asked on a tenant's first use and again after its client was evicted (by
 * {@code ServiceTitanTenants.evict(name)}, or because more than {@code servicetitan.runtime-tenants.max-clients}
 * tenants are in use), so it may read a database; it is not asked on every call.
 */
@FunctionalInterface
public interface ServiceTitanTenantSource {

	/**
	 * Looks a tenant up.
	 * @param name the name the application asked for
	 * @return the tenant's connection, or null if there is no such tenant
	 */
	@Nullable Connection find(String name);

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
	record Connection(String tenantId, String clientId, String clientSecret,
			ServiceTitanClient.@Nullable Environment environment, @Nullable URI apiUrl, @Nullable URI authUrl) {

		/**
		 * Checks the connection when a tenant source supplies it, before a client is built from it.
		 * @param tenantId the tenant id, a number
		 * @param clientId the OAuth client id the tenant granted the application
		 * @param clientSecret the OAuth client secret; never shown by {@link #toString()}
		 * @param environment the tenant's environment, or null for {@code servicetitan.environment}
		 * @param apiUrl the tenant's API root, or null for its environment's (or {@code servicetitan.api-url})
		 * @param authUrl the tenant's auth root, or null for its environment's (or {@code servicetitan.auth-url})
		 * @throws IllegalArgumentException if {@code tenantId} is no number, or {@code clientId} or
		 *         {@code clientSecret} is empty, an unresolved placeholder or holds a control character inside
		 * (surrounding whitespace is removed)
		 */
		public Connection {
			Assert.isTrue(ServiceTitanClient.isValidTenantId(tenantId), "tenantId must be a number");
			tenantId = tenantId.trim();
			// The same rule as for configured credentials: a directory's trailing newline goes, a line break inside
			// fails.
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
		public static Connection of(String tenantId, String clientId, String clientSecret) {
			return new Connection(tenantId, clientId, clientSecret, null, null, null);
		}

		/**
		 * This connection in another environment (its roots follow it unless set).
		 * @param environment the environment
		 * @return a new connection
		 */
		public Connection withEnvironment(ServiceTitanClient.Environment environment) {
			return new Connection(this.tenantId, this.clientId, this.clientSecret, environment,
					this.apiUrl, this.authUrl);
		}

		/**
		 * This connection with its own roots.
		 * @param apiUrl the API root
		 * @param authUrl the auth root
		 * @return a new connection
		 */
		public Connection withUrls(URI apiUrl, URI authUrl) {
			return new Connection(this.tenantId, this.clientId, this.clientSecret, this.environment,
					apiUrl, authUrl);
		}

		@Override
		public String toString() {
			return "Connection[tenantId=" + this.tenantId + ", clientId=" + this.clientId
					+ ", environment=" + this.environment + ", apiUrl=" + this.apiUrl + "]";
		}

	}

}
