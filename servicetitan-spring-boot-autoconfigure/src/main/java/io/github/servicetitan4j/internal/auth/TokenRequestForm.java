package io.github.servicetitan4j.internal.auth;

import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import org.springframework.util.LinkedMultiValueMap;

/**
 * The form of a token request, whose {@link #toString()} masks the client secret: Spring's RestClient logs the body it
 * writes at DEBUG level, and this body carries the secret.
 */
final class TokenRequestForm extends LinkedMultiValueMap<String, String> {

	private static final long serialVersionUID = 1L;

	private static final String CLIENT_SECRET = "client_secret";

	TokenRequestForm() {
	}

	@Override
	public String toString() {
		StringJoiner joined = new StringJoiner(", ", "{", "}");
		for (Map.Entry<String, List<String>> entry : entrySet()) {
			joined.add(entry.getKey() + "=" + (CLIENT_SECRET.equals(entry.getKey()) ? "[******]" : entry.getValue()));
		}
		return joined.toString();
	}

}
