package io.github.servicetitan4j.autoconfigure.actuate;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.function.Supplier;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/**
 * Masks the ServiceTitan client secrets (per-tenant ones included) and app key in {@code /actuator/configprops} and
 * {@code /actuator/env}: the whole value under their own keys, under any spelling ({@code servicetitan.client-secret},
 * {@code servicetitan.clientSecret}, {@code SERVICETITAN_CLIENT_SECRET}, ...), and every occurrence of a configured
 * secret inside any other value, such as the JVM's {@code sun.java.command} when the secret was passed as
 * {@code --servicetitan.client-secret=...}. Sanitizing functions apply even with {@code show-values=always}, which is
 * why this exists: that setting alone would show the credentials.
 */
final class ServiceTitanSanitizingFunction implements SanitizingFunction {

	static final String MASK = "******";

	private static final String[] SECRET_SUFFIXES = { "clientsecret", "appkey" };

	private final Supplier<Collection<String>> secrets;

	/**
	 * Creates the function.
	 * @param secrets the configured secret values, asked for each time a value is sanitized, so that a changed
	 * configuration is followed
	 */
	ServiceTitanSanitizingFunction(Supplier<Collection<String>> secrets) {
		this.secrets = secrets;
	}

	@Override
	public SanitizableData apply(SanitizableData data) {
		if (isSecret(data.getKey())) {
			return data.withSanitizedValue();
		}
		if (data.getValue() instanceof CharSequence text) {
			String value = text.toString();
			String masked = mask(value);
			return (masked.equals(value)) ? data : data.withValue(masked);
		}
		return data;
	}

	private String mask(String value) {
		String masked = value;
		// longest first, so that a secret holding another one is masked whole
		for (String secret : this.secrets.get().stream().sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
			if (!secret.isBlank() && masked.contains(secret)) {
				masked = masked.replace(secret, MASK);
			}
		}
		return masked;
	}

	/**
	 * Whether a property key names a ServiceTitan secret, under any spelling: a key of the {@code servicetitan}
	 * namespace ending in client-secret or app-key (per tenant ones included).
	 * @param key the key
	 * @return whether its value is a secret
	 */
	static boolean isSecret(String key) {
		String normalized = normalize(key);
		if (!normalized.startsWith("servicetitan")) {
			return false;
		}
		if (normalized.startsWith("servicetitanwebhookssecrets")) {
			return true;
		}
		for (String suffix : SECRET_SUFFIXES) {
			if (normalized.endsWith(suffix)) {
				return true;
			}
		}
		return false;
	}

	private static String normalize(String key) {
		StringBuilder normalized = new StringBuilder(key.length());
		for (int i = 0; i < key.length(); i++) {
			char c = Character.toLowerCase(key.charAt(i));
			if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
				normalized.append(c);
			}
		}
		return normalized.toString().toLowerCase(Locale.ROOT);
	}

}
