package io.github.servicetitan4j.autoconfigure;

import java.net.URI;

import io.github.servicetitan4j.ServiceTitanClient;

/**
 * {@link ServiceTitanConnectionDetails} read from {@link ServiceTitanProperties}, which it validates (connection and
 * settings, once per startup: the client bean validates the settings only when connection details come from elsewhere).
 */
final class PropertiesServiceTitanConnectionDetails implements ServiceTitanConnectionDetails {

	private final ServiceTitanProperties properties;

	private final ServiceTitanClient.Environment environment;

	private final String clientId;

	private final String clientSecret;

	private final String appKey;

	private final String tenantId;

	PropertiesServiceTitanConnectionDetails(ServiceTitanProperties properties) {
		ServiceTitanPropertiesValidator.validate(properties, true);
		this.properties = properties;
		this.environment = properties.getEnvironment();
		this.clientId = CredentialValue.clean("servicetitan.client-id", properties.getClientId());
		this.clientSecret = CredentialValue.clean("servicetitan.client-secret", properties.getClientSecret());
		this.appKey = CredentialValue.clean("servicetitan.app-key", properties.getAppKey());
		this.tenantId = CredentialValue.clean("servicetitan.tenant-id", properties.getTenantId());
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
		return this.tenantId;
	}

	@Override
	public String appKey() {
		return this.appKey;
	}

	@Override
	public String clientId() {
		return this.clientId;
	}

	@Override
	public String clientSecret() {
		return this.clientSecret;
	}

	/** The environment the properties name (before api-url/auth-url overrides). */
	ServiceTitanClient.Environment environment() {
		return this.environment;
	}

	@Override
	public String toString() {
		return "ServiceTitanConnectionDetails[apiUrl=" + apiUrl() + ", tenantId=" + tenantId() + ", clientId="
				+ clientId() + "]";
	}

}
