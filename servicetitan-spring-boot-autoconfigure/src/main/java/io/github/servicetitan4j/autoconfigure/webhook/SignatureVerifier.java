package io.github.servicetitan4j.autoconfigure.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

import io.github.servicetitan4j.autoconfigure.webhook.ServiceTitanWebhookProperties.SignatureEncoding;

/**
 * Checks a delivery's signature: the HMAC of the raw body with each configured key, compared in constant time with the
 * signature header decoded as hex and/or base64. Holds the keys; never shows them.
 */
final class SignatureVerifier {

	private final List<SecretKeySpec> keys;

	private final String algorithm;

	private final SignatureEncoding encoding;

	SignatureVerifier(List<String> secrets, String algorithm, SignatureEncoding encoding) {
		List<SecretKeySpec> keys = new ArrayList<>();
		for (int i = 0; i < secrets.size(); i++) {
			String secret = secrets.get(i);
			if (secret == null || secret.isBlank()) {
				throw new IllegalStateException("servicetitan.webhooks.secrets[" + i + "] is blank");
			}
			if (secret.length() < 32 || secret.length() > 64) {
				throw new IllegalStateException("servicetitan.webhooks.secrets[" + i + "] has " + secret.length()
						+ " characters; ServiceTitan's HMAC keys have 32 to 64");
			}
			keys.add(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
		}
		this.keys = List.copyOf(keys);
		this.algorithm = algorithm;
		this.encoding = encoding;
		try {
			Mac.getInstance(algorithm);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("servicetitan.webhooks.algorithm " + algorithm + " is not an HMAC this JVM has",
					ex);
		}
	}

	/**
	 * Tells whether a signature header matches the body under one of the keys.
	 * @param header the header's value, possibly prefixed by an algorithm name and '=' (sha256=...)
	 * @param body the raw body
	 * @return whether it matches
	 */
	boolean verify(@Nullable String header, byte[] body) {
		if (header == null || header.isBlank() || this.keys.isEmpty()) {
			return false;
		}
		String value = header.strip();
		int equals = value.indexOf('=');
		if (equals > 0 && equals < 16 && value.substring(0, equals).chars().allMatch(Character::isLetterOrDigit)
				&& value.length() > equals + 1 && !value.substring(equals + 1).startsWith("=")) {
			String prefix = value.substring(0, equals).toLowerCase(Locale.ROOT);
			if (prefix.startsWith("sha") || prefix.startsWith("hmac")) {
				value = value.substring(equals + 1);
			}
		}
		List<byte[]> candidates = decode(value);
		boolean matched = false;
		for (SecretKeySpec key : this.keys) {
			byte[] expected = mac(key, body);
			for (byte[] candidate : candidates) {
				// every pair is compared: the time taken does not depend on which key matched
				matched |= MessageDigest.isEqual(expected, candidate);
			}
		}
		return matched;
	}

	private List<byte[]> decode(String value) {
		List<byte[]> decoded = new ArrayList<>(2);
		if (this.encoding != SignatureEncoding.BASE64) {
			try {
				decoded.add(HexFormat.of().parseHex(value.toLowerCase(Locale.ROOT)));
			}
			catch (IllegalArgumentException ex) {
				// not hex
			}
		}
		if (this.encoding != SignatureEncoding.HEX) {
			try {
				decoded.add(Base64.getDecoder().decode(value));
			}
			catch (IllegalArgumentException ex) {
				// not base64
			}
		}
		return decoded;
	}

	private byte[] mac(SecretKeySpec key, byte[] body) {
		try {
			Mac mac = Mac.getInstance(this.algorithm);
			mac.init(key);
			return mac.doFinal(body);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC " + this.algorithm + " failed", ex);
		}
	}

	@Override
	public String toString() {
		return "SignatureVerifier[" + this.algorithm + ", " + this.encoding + ", " + this.keys.size() + " keys]";
	}

}
