package io.github.servicetitan4j.autoconfigure;

import java.net.URI;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Where and as whom the client connects to ServiceTitan. Backed by {@code servicetitan.*} properties unless the
 * application (or a test, pointing the client at a simulator) defines a bean of this type.
 */
public interface ServiceTitanConnectionDetails extends ConnectionDetails {

	/**
	 * API root, such as {@code https://api.servicetitan.io}.
	 * @return API root
	 */
	URI apiUrl();

	/**
	 * Auth root; the token endpoint is {@code {authUrl}/connect/token}.
	 * @return auth root
	 */
	URI authUrl();

	/**
	 * Tenant id, a number.
	 * @return tenant id
	 */
	String tenantId();

	/**
	 * Application key, sent as {@code ST-App-Key}.
	 * @return application key
	 */
	String appKey();

	/**
	 * OAuth client id.
	 * @return client id
	 */
	String clientId();

	/**
	 * OAuth client secret.
	 * @return client secret; never log it
	 */
	String clientSecret();

}
