package io.github.servicetitan4j.test.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Reads and writes JSON as plain Java values: objects are {@link LinkedHashMap}s, arrays {@link List}s, numbers
 * {@link Long} when integral and {@link BigDecimal} otherwise, plus {@link String}, {@link Boolean} and null.
 * The engine has its own because it must load inside the WireMock container with nothing but the JDK and WireMock's
 * API, and WireMock's own Jackson is shaded and not part of that API.
 */
public final class Json {

	private final String text;

	private int pos;

	private Json(String text) {
		this.text = text;
	}

	/**
	 * Parses one JSON value.
	 * @throws IllegalArgumentException when the text is not a single well-formed JSON value
	 */
	public static @Nullable Object parse(String text) {
		Json reader = new Json(text);
		reader.skipWhitespace();
		Object value = reader.readValue();
		reader.skipWhitespace();
		if (reader.pos != text.length()) {
			throw reader.error("unexpected text after the value");
		}
		return value;
	}

	/** Parses a JSON object, failing when the text holds anything else. */
	@SuppressWarnings("unchecked")
	public static Map<String, @Nullable Object> parseObject(String text) {
		Object value = parse(text);
		if (!(value instanceof Map)) {
			throw new IllegalArgumentException("Expected a JSON object");
		}
		return (Map<String, @Nullable Object>) value;
	}

	/** Writes a value made of maps, iterables, strings, numbers, booleans and nulls. */
	public static String write(@Nullable Object value) {
		StringBuilder out = new StringBuilder();
		write(value, out);
		return out.toString();
	}

	private static void write(@Nullable Object value, StringBuilder out) {
		if (value == null) {
			out.append("null");
		}
		else if (value instanceof String) {
			writeString((String) value, out);
		}
		else if (value instanceof BigDecimal) {
			out.append(((BigDecimal) value).toPlainString());
		}
		else if (value instanceof Double || value instanceof Float) {
			double number = ((Number) value).doubleValue();
			if (Double.isNaN(number) || Double.isInfinite(number)) {
				throw new IllegalArgumentException("JSON has no " + number);
			}
			out.append(BigDecimal.valueOf(number).toPlainString());
		}
		else if (value instanceof Number || value instanceof Boolean) {
			out.append(value);
		}
		else if (value instanceof Map) {
			out.append('{');
			boolean first = true;
			for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
				if (!first) {
					out.append(',');
				}
				first = false;
				writeString(String.valueOf(entry.getKey()), out);
				out.append(':');
				write(entry.getValue(), out);
			}
			out.append('}');
		}
		else if (value instanceof Iterable) {
			out.append('[');
			boolean first = true;
			for (Object item : (Iterable<?>) value) {
				if (!first) {
					out.append(',');
				}
				first = false;
				write(item, out);
			}
			out.append(']');
		}
		else {
			throw new IllegalArgumentException("Cannot write " + value.getClass().getName() + " as JSON");
		}
	}

	private static void writeString(String value, StringBuilder out) {
		out.append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '"':
					out.append("\\\"");
					break;
				case '\\':
					out.append("\\\\");
					break;
				case '\n':
					out.append("\\n");
					break;
				case '\r':
					out.append("\\r");
					break;
				case '\t':
					out.append("\\t");
					break;
				default:
					if (c < 0x20) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
			}
		}
		out.append('"');
	}

	private @Nullable Object readValue() {
		if (this.pos >= this.text.length()) {
			throw error("unexpected end of text");
		}
		char c = this.text.charAt(this.pos);
		if (c == '{') {
			return readObject();
		}
		if (c == '[') {
			return readArray();
		}
		if (c == '"') {
			return readString();
		}
		if (c == '-' || (c >= '0' && c <= '9')) {
			return readNumber();
		}
		if (this.text.startsWith("true", this.pos)) {
			this.pos += 4;
			return Boolean.TRUE;
		}
		if (this.text.startsWith("false", this.pos)) {
			this.pos += 5;
			return Boolean.FALSE;
		}
		if (this.text.startsWith("null", this.pos)) {
			this.pos += 4;
			return null;
		}
		throw error("unexpected character '" + c + "'");
	}

	private Map<String, @Nullable Object> readObject() {
		Map<String, @Nullable Object> object = new LinkedHashMap<>();
		this.pos++;
		skipWhitespace();
		if (peek() == '}') {
			this.pos++;
			return object;
		}
		while (true) {
			skipWhitespace();
			if (peek() != '"') {
				throw error("expected a property name");
			}
			String name = readString();
			skipWhitespace();
			expect(':');
			skipWhitespace();
			object.put(name, readValue());
			skipWhitespace();
			if (peek() == ',') {
				this.pos++;
				continue;
			}
			expect('}');
			return object;
		}
	}

	private List<@Nullable Object> readArray() {
		List<@Nullable Object> array = new ArrayList<>();
		this.pos++;
		skipWhitespace();
		if (peek() == ']') {
			this.pos++;
			return array;
		}
		while (true) {
			skipWhitespace();
			array.add(readValue());
			skipWhitespace();
			if (peek() == ',') {
				this.pos++;
				continue;
			}
			expect(']');
			return array;
		}
	}

	private String readString() {
		this.pos++;
		StringBuilder value = new StringBuilder();
		while (true) {
			if (this.pos >= this.text.length()) {
				throw error("unterminated string");
			}
			char c = this.text.charAt(this.pos++);
			if (c == '"') {
				return value.toString();
			}
			if (c < 0x20) {
				throw error("control character in string");
			}
			if (c != '\\') {
				value.append(c);
				continue;
			}
			if (this.pos >= this.text.length()) {
				throw error("unterminated escape");
			}
			char escaped = this.text.charAt(this.pos++);
			switch (escaped) {
				case '"':
				case '\\':
				case '/':
					value.append(escaped);
					break;
				case 'b':
					value.append('\b');
					break;
				case 'f':
					value.append('\f');
					break;
				case 'n':
					value.append('\n');
					break;
				case 'r':
					value.append('\r');
					break;
				case 't':
					value.append('\t');
					break;
				case 'u':
					if (this.pos + 4 > this.text.length()) {
						throw error("short unicode escape");
					}
					try {
						value.append((char) Integer.parseInt(this.text.substring(this.pos, this.pos + 4), 16));
					}
					catch (NumberFormatException ex) {
						throw error("bad unicode escape");
					}
					this.pos += 4;
					break;
				default:
					throw error("bad escape '\\" + escaped + "'");
			}
		}
	}

	private Number readNumber() {
		int start = this.pos;
		if (peek() == '-') {
			this.pos++;
		}
		int digits = skipDigits();
		if (digits == 0) {
			throw error("expected a digit");
		}
		if (digits > 1 && this.text.charAt(this.pos - digits) == '0') {
			throw error("leading zero");
		}
		boolean integral = true;
		if (peek() == '.') {
			integral = false;
			this.pos++;
			if (skipDigits() == 0) {
				throw error("expected a digit after '.'");
			}
		}
		if (peek() == 'e' || peek() == 'E') {
			integral = false;
			this.pos++;
			if (peek() == '+' || peek() == '-') {
				this.pos++;
			}
			if (skipDigits() == 0) {
				throw error("expected an exponent");
			}
		}
		String number = this.text.substring(start, this.pos);
		if (integral) {
			try {
				return Long.parseLong(number);
			}
			catch (NumberFormatException ex) {
				// Too large for a long: keep it exact.
			}
		}
		return new BigDecimal(number);
	}

	private int skipDigits() {
		int start = this.pos;
		while (this.pos < this.text.length() && this.text.charAt(this.pos) >= '0' && this.text.charAt(this.pos) <= '9') {
			this.pos++;
		}
		return this.pos - start;
	}

	private void skipWhitespace() {
		while (this.pos < this.text.length()) {
			char c = this.text.charAt(this.pos);
			if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
				return;
			}
			this.pos++;
		}
	}

	private char peek() {
		return (this.pos < this.text.length()) ? this.text.charAt(this.pos) : '\0';
	}

	private void expect(char c) {
		if (peek() != c) {
			throw error("expected '" + c + "'");
		}
		this.pos++;
	}

	private IllegalArgumentException error(String message) {
		return new IllegalArgumentException("Malformed JSON at offset " + this.pos + ": " + message);
	}

}
