package io.github.servicetitan4j.autoconfigure.actuate;

import java.util.Locale;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/**
 * Masks {@code servicetitan.client-secret}, {@code servicetitan.tenants.<name>.client-secret} and
 * {@code servicetitan.app-key} in {@code /actuator/configprops} and
 * {@code /actuator/env}, under any spelling of the key ({@code servicetitan.clientSecret},
 * {@code SERVICETITAN_CLIENT_SECRET}, ...). Sanitizing functions apply even with {@code show-values=always}, which is
 * why this exists: that setting alone would show the credentials.
 */
final class ServiceTitanSanitizingFunction implements SanitizingFunction {

	private static final String[] SECRETS = { "clientsecret", "appkey" };

	@Override
	public SanitizableData apply(SanitizableData data) {
		return isSecret(data.getKey()) ? data.withSanitizedValue() : data;
	}

	static boolean isSecret(String key) {
		String normalized = key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
		// Under servicetitan, at any depth: servicetitan.tenants.<name>.client-secret is as secret as the single one.
		if (!normalized.startsWith("servicetitan")) {
			return false;
		}
		for (String secret : SECRETS) {
			if (normalized.endsWith(secret)) {
				return true;
			}
		}
		return false;
	}

}
