package io.github.servicetitan4j.test.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits a request target into its decoded path segments and query parameters, and form bodies into fields.
 */
public final class UrlCodec {

	private UrlCodec() {
	}

	/** The path part of a request target such as {@code /a/b?c=d}, still encoded. */
	public static String rawPath(String target) {
		int query = target.indexOf('?');
		return (query >= 0) ? target.substring(0, query) : target;
	}

	/** The query parameters of a request target, decoded, in order, with repeated names kept. */
	public static Map<String, List<String>> query(String target) {
		int query = target.indexOf('?');
		return (query >= 0) ? form(target.substring(query + 1)) : Collections.emptyMap();
	}

	/** Fields of an {@code application/x-www-form-urlencoded} text. */
	public static Map<String, List<String>> form(String encoded) {
		Map<String, List<String>> fields = new LinkedHashMap<>();
		for (String pair : encoded.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String name = decode((equals >= 0) ? pair.substring(0, equals) : pair);
			String value = (equals >= 0) ? decode(pair.substring(equals + 1)) : "";
			fields.computeIfAbsent(name, (key) -> new ArrayList<>()).add(value);
		}
		return fields;
	}

	/** Decoded path segments: {@code /jpm/v2/tenant/1/jobs/a%2Fb} gives jpm, v2, tenant, 1, jobs, a/b. */
	public static List<String> segments(String rawPath) {
		List<String> segments = new ArrayList<>();
		for (String segment : rawPath.split("/")) {
			if (!segment.isEmpty()) {
				segments.add(decodePathSegment(segment));
			}
		}
		return segments;
	}

	/** Encodes a query or form value. */
	public static String encode(String value) {
		StringBuilder out = new StringBuilder();
		for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
			int c = b & 0xff;
			if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
					|| c == '_' || c == '~') {
				out.append((char) c);
			}
			else {
				out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
					.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
			}
		}
		return out.toString();
	}

	private static String decode(String value) {
		try {
			return URLDecoder.decode(value, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return value;
		}
	}

	private static String decodePathSegment(String segment) {
		// In a path '+' is a plus sign, not a space.
		return decode(segment.replace("+", "%2B"));
	}

}
