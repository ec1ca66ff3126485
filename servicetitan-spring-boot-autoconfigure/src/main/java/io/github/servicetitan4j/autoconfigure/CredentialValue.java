package io.github.servicetitan4j.autoconfigure;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * A credential property (client id, client secret, app key, tenant id) as bound, checked and cleaned by one rule for
 * all of them: surrounding whitespace (the trailing newline of a mounted secret file) is removed, and a value that is
 * missing, still an unresolved {@code ${...}} placeholder, or holds a control character inside is a problem. Neither
 * the problem nor anything else here quotes the value, so a secret cannot leak through it.
 *
 * @param property the property's name, such as {@code servicetitan.client-secret}
 * @param value the value to use, without surrounding whitespace; null when there is a problem
 * @param problem what is wrong, naming the property; null when nothing is
 * @param trimmed whether surrounding whitespace was removed (worth a warning naming the property)
 */
record CredentialValue(String property, @Nullable String value, @Nullable String problem, boolean trimmed) {

	private static final Log logger = LogFactory.getLog(CredentialValue.class);

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}:]*)(:[^}]*)?}");

	/**
	 * Checks and cleans one credential property.
	 * @param property the property's name
	 * @param raw the bound value
	 * @return the outcome
	 */
	static CredentialValue of(String property, @Nullable String raw) {
		if (raw == null) {
			return problem(property, property + " is required");
		}
		if (raw.isBlank()) {
			return problem(property, property + " is empty");
		}
		Matcher placeholder = PLACEHOLDER.matcher(raw);
		if (placeholder.find()) {
			return problem(property, unresolved(property, placeholder.group(1).trim()));
		}
		String value = raw.strip();
		for (int i = 0; i < value.length(); i++) {
			if (Character.isISOControl(value.charAt(i))) {
				return problem(property,
						property + " contains a control character (such as a line break or a tab) inside the value");
			}
		}
		return new CredentialValue(property, value, null, !value.equals(raw));
	}

	/**
	 * The value to use of a credential property that has passed validation, without surrounding whitespace; a WARN
	 * names the property (never the value) when whitespace was removed.
	 * @param property the property's name
	 * @param raw the bound value
	 * @return the cleaned value
	 * @throws IllegalStateException if the property has a problem (validate first)
	 */
	static String clean(String property, @Nullable String raw) {
		CredentialValue credential = of(property, raw);
		if (credential.value() == null) {
			throw new IllegalStateException(credential.problem());
		}
		if (credential.trimmed()) {
			logger.warn(property + " had whitespace around its value (a trailing newline from a secret file?): it was "
					+ "removed. Remove it at the source to silence this warning.");
		}
		return credential.value();
	}

	/** Names the property and its state, never the value: it may be a secret. */
	@Override
	public String toString() {
		return "CredentialValue[property=" + this.property + ", value=" + ((this.value != null) ? "******" : null)
				+ ", problem=" + this.problem + ", trimmed=" + this.trimmed + "]";
	}

	private static CredentialValue problem(String property, String problem) {
		return new CredentialValue(property, null, problem, false);
	}

	private static String unresolved(String property, String name) {
		String found = property + " is the unresolved placeholder ${" + name + "}";
		if (name.matches("[A-Z][A-Z0-9_]*")) {
			return found + ": set the environment variable " + name;
		}
		String variable = name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
		return found + ": set the property " + name + " (or the environment variable " + variable + ")";
	}

}
