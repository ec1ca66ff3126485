package io.github.servicetitan4j.autoconfigure;

import java.net.URI;
import java.util.Objects;

import io.github.servicetitan4j.ServiceTitanEnvironment;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * {@link ServiceTitanConnectionDetails} read from validated {@link ServiceTitanProperties}.
 */
final class PropertiesServiceTitanConnectionDetails implements ServiceTitanConnectionDetails {

	private static final Log logger = LogFactory.getLog(PropertiesServiceTitanConnectionDetails.class);

	private final ServiceTitanProperties properties;

	private final ServiceTitanEnvironment environment;

	private final String clientId;

	private final String clientSecret;

	private final String appKey;

	private final String tenantId;

	PropertiesServiceTitanConnectionDetails(ServiceTitanProperties properties) {
		ServiceTitanPropertiesValidator.validate(properties, true);
		this.properties = properties;
		this.environment = ServiceTitanPropertiesValidator.environment(properties.getEnvironment());
		this.clientId = credential("servicetitan.client-id", properties.getClientId());
		this.clientSecret = credential("servicetitan.client-secret", properties.getClientSecret());
		this.appKey = credential("servicetitan.app-key", properties.getAppKey());
		this.tenantId = credential("servicetitan.tenant-id", properties.getTenantId());
	}

	/** The validated value of a credential property, without surrounding whitespace, which is worth a warning. */
	private static String credential(String property, @Nullable String raw) {
		CredentialValue credential = CredentialValue.of(property, raw);
		if (credential.trimmed()) {
			logger.warn(property + " had whitespace around its value (a trailing newline from a secret file?): it was "
					+ "removed. Remove it at the source to silence this warning.");
		}
		return Objects.requireNonNull(credential.value());
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
	ServiceTitanEnvironment environment() {
		return this.environment;
	}

	@Override
	public String toString() {
		return "ServiceTitanConnectionDetails[apiUrl=" + apiUrl() + ", tenantId=" + tenantId() + ", clientId="
				+ clientId() + "]";
	}

}
