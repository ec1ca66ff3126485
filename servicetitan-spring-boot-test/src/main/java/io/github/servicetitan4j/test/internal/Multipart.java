package io.github.servicetitan4j.test.internal;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Finds one part of a {@code multipart/form-data} body: enough to receive an uploaded file.
 */
public final class Multipart {

	private final String fileName;

	private final String contentType;

	private final byte[] content;

	private Multipart(String fileName, String contentType, byte[] content) {
		this.fileName = fileName;
		this.contentType = contentType;
		this.content = content;
	}

	/** The part with this form field name, or null when the body is not multipart or has no such part. */
	public static @Nullable Multipart find(SimRequest request, String name) {
		String contentType = request.header("Content-Type");
		String boundary = (contentType != null) ? boundary(contentType) : null;
		if (boundary == null) {
			return null;
		}
		byte[] body = request.body();
		byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
		int start = indexOf(body, delimiter, 0);
		while (start >= 0) {
			int headersStart = start + delimiter.length;
			if (headersStart + 1 < body.length && body[headersStart] == '-' && body[headersStart + 1] == '-') {
				return null;
			}
			headersStart += 2;
			int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headersStart);
			if (headersEnd < 0) {
				return null;
			}
			int next = indexOf(body, ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1), headersEnd + 4);
			if (next < 0) {
				return null;
			}
			String headers = new String(body, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8);
			if (name.equals(parameter(headers, "name"))) {
				byte[] content = new byte[next - headersEnd - 4];
				System.arraycopy(body, headersEnd + 4, content, 0, content.length);
				String fileName = parameter(headers, "filename");
				String partType = header(headers, "content-type");
				return new Multipart((fileName != null) ? fileName : name,
						(partType != null) ? partType : "application/octet-stream", content);
			}
			start = next + 2;
		}
		return null;
	}

	public String fileName() {
		return this.fileName;
	}

	public String contentType() {
		return this.contentType;
	}

	public byte[] content() {
		return this.content.clone();
	}

	private static @Nullable String boundary(String contentType) {
		if (!contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
			return null;
		}
		for (String parameter : contentType.split(";")) {
			String trimmed = parameter.trim();
			if (trimmed.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
				String value = trimmed.substring("boundary=".length());
				return (value.length() > 1 && value.startsWith("\"") && value.endsWith("\""))
						? value.substring(1, value.length() - 1) : value;
			}
		}
		return null;
	}

	private static @Nullable String header(String headers, String name) {
		for (String line : headers.split("\r\n")) {
			int colon = line.indexOf(':');
			if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
				return line.substring(colon + 1).trim();
			}
		}
		return null;
	}

	private static @Nullable String parameter(String headers, String name) {
		String disposition = header(headers, "content-disposition");
		if (disposition == null) {
			return null;
		}
		for (String parameter : disposition.split(";")) {
			String trimmed = parameter.trim();
			int equals = trimmed.indexOf('=');
			if (equals > 0 && trimmed.substring(0, equals).trim().equalsIgnoreCase(name)) {
				String value = trimmed.substring(equals + 1).trim();
				return (value.length() > 1 && value.startsWith("\"") && value.endsWith("\""))
						? value.substring(1, value.length() - 1) : value;
			}
		}
		return null;
	}

	private static int indexOf(byte[] data, byte[] pattern, int from) {
		outer: for (int i = Math.max(0, from); i <= data.length - pattern.length; i++) {
			for (int j = 0; j < pattern.length; j++) {
				if (data[i + j] != pattern[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

}
