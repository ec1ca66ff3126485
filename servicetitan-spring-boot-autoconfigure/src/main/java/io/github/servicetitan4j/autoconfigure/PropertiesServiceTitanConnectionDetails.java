package io.github.servicetitan4j.autoconfigure;

import java.net.URI;
import java.util.Objects;

import io.github.servicetitan4j.ServiceTitanEnvironment;

/**
 * {@link ServiceTitanConnectionDetails} read from {@link ServiceTitanProperties}, which it validates (connection and
 * settings, once per startup: the client bean validates the settings only when connection details come from elsewhere).
 */
final class PropertiesServiceTitanConnectionDetails implements ServiceTitanConnectionDetails {

	private final ServiceTitanProperties properties;

	private final ServiceTitanEnvironment environment;

	PropertiesServiceTitanConnectionDetails(ServiceTitanProperties properties) {
		ServiceTitanPropertiesValidator.validate(properties, true);
		this.properties = properties;
		this.environment = properties.getEnvironment();
	}

	@Override
	public URI apiUrl() {
		URI url = this.properties.getApiUrl();
		return (url != null) ? url : this.environment.apiUrl();
	}

	@Override
	public URI authUrl() {
		URI url = this.properties.getAuthUrl();
		return (url != null) ? url : this.environment.authUrl();
	}

	@Override
	public String tenantId() {
		return Objects.requireNonNull(this.properties.getTenantId()).trim();
	}

	@Override
	public String appKey() {
		return Objects.requireNonNull(this.properties.getAppKey());
	}

	@Override
	public String clientId() {
		return Objects.requireNonNull(this.properties.getClientId());
	}

	@Override
	public String clientSecret() {
		return Objects.requireNonNull(this.properties.getClientSecret());
	}

	/** The environment the properties name (before api-url/auth-url overrides). */
	ServiceTitanEnvironment environment() {
		return this.environment;
	}

	@Override
	public String toString() {
		return "ServiceTitanConnectionDetails[apiUrl=" + apiUrl() + ", tenantId=" + tenantId() + ", clientId="
				+ clientId() + "]";
	}

}
