package io.github.servicetitan4j;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationFeature;

/**
 * A cursor over JSON held in memory, for {@link RecordPlan} and {@link TreePlan}: it reads only strict JSON, and only
 * values it can read exactly as Jackson's parser would. Whatever else it meets (an escape it does not know, bytes that
 * are not well-formed UTF-8, a number too long for a {@code long}, a comment, a limit of the application's
 * {@link StreamReadConstraints} approached) makes it {@link #bail() bail}: the caller then reads that value with
 * Jackson, from the same bytes, so what Jackson accepts is still accepted and what it refuses is still refused with
 * Jackson's own error.
 */
final class JsonBytes {

	/** Thrown, without a stack trace, when the cursor leaves a value to Jackson. */
	static final class Bail extends RuntimeException {

		private static final long serialVersionUID = 1L;

		private Bail() {
			super("left to Jackson", null, false, false);
		}

	}

	private static final Bail BAIL = new Bail();

	/**
	 * A name of at most 15 bytes and its closing quote as two little-endian words and their masks (the second word
	 * empty for a name of at most 7 bytes): the name expected at a place is then checked with two reads.
	 */
	static final class Words {

		final int length;

		final long first;

		final long firstMask;

		final long second;

		final long secondMask;

		private Words(byte[] name) {
			this.length = name.length;
			byte[] quoted = Arrays.copyOf(name, name.length + 1);
			quoted[name.length] = '"';
			long[] words = new long[2];
			long[] masks = new long[2];
			for (int k = 0; k < quoted.length; k++) {
				words[k / Long.BYTES] |= (quoted[k] & 0xFFL) << (8 * (k % Long.BYTES));
				masks[k / Long.BYTES] |= 0xFFL << (8 * (k % Long.BYTES));
			}
			this.first = words[0];
			this.firstMask = masks[0];
			this.second = words[1];
			this.secondMask = masks[1];
		}

		/**
		 * The words of a name, if it is short enough.
		 * @param name the name as bytes, or null
		 * @return its words, or null for a name of more than 15 bytes (or none)
		 */
		static @Nullable Words of(byte @Nullable [] name) {
			return (name != null && name.length < 2 * Long.BYTES) ? new Words(name) : null;
		}

	}

	/** Reads eight bytes of an array as one {@code long}, at any offset. */
	private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

	private final byte[] bytes;

	private final int end;

	private final int maxNestingDepth;

	private final int maxStringLength;

	private final int maxNameLength;

	private final int maxNumberLength;

	/** Characters of a date, for {@link IsoDates}, which reads characters. */
	private final char[] chars = new char[40];

	int pos;

	JsonBytes(byte[] bytes, int pos, StreamReadConstraints limits) {
		this.bytes = bytes;
		this.pos = pos;
		this.end = bytes.length;
		this.maxNestingDepth = limits.getMaxNestingDepth();
		this.maxStringLength = limits.getMaxStringLength();
		this.maxNameLength = limits.getMaxNameLength();
		this.maxNumberLength = limits.getMaxNumberLength();
	}

	/**
	 * Whether a cursor can stand in for the client's parser at all under these settings: not where Jackson would
	 * detect repeated names, count a whole document's tokens or length, or unwrap a root name.
	 * @param factory the client's stream factory
	 * @param config the configuration values are read with
	 * @return whether plans may be made
	 */
	static boolean reads(TokenStreamFactory factory, DeserializationConfig config) {
		StreamReadConstraints limits = factory.streamReadConstraints();
		return !factory.isEnabled(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
				&& !config.isEnabled(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
				&& !config.isEnabled(DeserializationFeature.UNWRAP_ROOT_VALUE) && limits.getMaxDocumentLength() <= 0
				&& limits.getMaxTokenCount() <= 0;
	}

	/** Where a value starting at {@code start} must end, at the latest, to stay within a limit. */
	private int limit(int start, int max) {
		return (int) Math.min(this.end, (long) start + max);
	}

	/** Leaves the value to Jackson. */
	static Bail bail() {
		throw BAIL;
	}

	/**
	 * Skips whitespace.
	 * @return the byte that follows, not consumed; bails at the end of the bytes
	 */
	int peek() {
		int i = this.pos;
		if (i < this.end) {
			byte c = this.bytes[i];
			if (c > ' ') {
				// No whitespace, as in the compact JSON servers send.
				return c;
			}
		}
		int c = peekOrEnd();
		if (c == -1) {
			throw bail();
		}
		return c;
	}

	/**
	 * Skips whitespace.
	 * @return the byte that follows, not consumed, or -1 at the end of the bytes
	 */
	int peekOrEnd() {
		byte[] b = this.bytes;
		int i = this.pos;
		while (i < this.end) {
			byte c = b[i];
			if (RecordMapper.isWhitespace(c)) {
				i++;
			}
			else {
				this.pos = i;
				return c;
			}
		}
		this.pos = i;
		return -1;
	}

	/** Consumes the given byte after any whitespace, or bails. */
	void expect(char c) {
		if (peek() != c) {
			throw bail();
		}
		this.pos++;
	}

	/**
	 * Reads a string value, the cursor standing on its opening quote.
	 * @return the string
	 */
	String string() {
		return text(this.maxStringLength);
	}

	/** Reads a string, the cursor standing on its opening quote, of at most {@code max} characters. */
	private String text(int max) {
		int start = this.pos + 1;
		int close = plainEnd(start, max);
		if (close < 0) {
			return decode(start, max);
		}
		this.pos = close + 1;
		return new String(this.bytes, start, close - start, StandardCharsets.ISO_8859_1);
	}

	/**
	 * Where a string of plain ASCII starting at {@code start} closes: the index of its closing quote, or -1 if it holds an
	 * escape, a control character or a byte of a multi-byte character (to be decoded); bails if it runs past {@code max}
	 * characters or the bytes.
	 */
	private int plainEnd(int start, int max) {
		byte[] b = this.bytes;
		int limit = limit(start, max);
		int i = start;
		// Eight bytes at a time while none of them ends the string or needs decoding.
		while (i + Long.BYTES <= limit && plain((long) LONGS.get(b, i))) {
			i += Long.BYTES;
		}
		for (; i < limit; i++) {
			byte c = b[i];
			if (c == '"') {
				return i;
			}
			if (c < 0x20 || c == '\\') {
				// An escape, a control character or a byte of a multi-byte character (negative as a byte).
				return -1;
			}
		}
		throw bail();
	}

	/**
	 * Whether eight bytes of a string are all printable ASCII other than a quote or a backslash: no byte below 0x20,
	 * none from 0x80 (part of a multi-byte character), no quote and no backslash. A flag can be raised wrongly only
	 * above a byte rightly flagged, and the caller then reads those eight bytes one at a time.
	 */
	private static boolean plain(long word) {
		long quote = word ^ 0x2222222222222222L;
		long backslash = word ^ 0x5C5C5C5C5C5C5C5CL;
		long flags = ((word - 0x2020202020202020L) & ~word) | ((quote - 0x0101010101010101L) & ~quote)
				| ((backslash - 0x0101010101010101L) & ~backslash) | word;
		return (flags & 0x8080808080808080L) == 0;
	}

	/**
	 * Reads a property name, the cursor standing on its opening quote, as the index of the name it equals among the
	 * given ones, byte for byte; the expected one is checked first, as one or two words when it has them.
	 * @param names the names, as UTF-8 (null for a name that JSON can only write with escapes)
	 * @param words the name expected at {@code guess} as words, or null
	 * @param guess the index to try first
	 * @return the index, or -1 if the name is none of them (the cursor then stands on the name still), or -2 if the
	 * name is written with escapes or characters beyond ASCII (to be read with {@link #name()})
	 */
	int name(byte[][] names, @Nullable Words words, int guess) {
		int start = this.pos + 1;
		byte[] b = this.bytes;
		if (words != null && start + 2 * Long.BYTES <= this.end && words.length <= this.maxNameLength) {
			// The name and its closing quote, read as two words and compared under masks.
			if (((long) LONGS.get(b, start) & words.firstMask) == words.first
					&& ((long) LONGS.get(b, start + Long.BYTES) & words.secondMask) == words.second) {
				this.pos = start + words.length + 1;
				return guess;
			}
			return scanName(names, start);
		}
		byte[] expected = (guess >= 0 && guess < names.length) ? names[guess] : null;
		if (expected != null && expected.length <= this.maxNameLength) {
			// Records keep one order: the name expected here is checked first, without looking for its end.
			int close = start + expected.length;
			if (close < this.end && b[close] == '"' && matches(expected, start, expected.length)) {
				this.pos = close + 1;
				return guess;
			}
		}
		return scanName(names, start);
	}

	/** Reads a name, the cursor standing on its opening quote, as the index of the name it equals, or -1 or -2. */
	private int scanName(byte[][] names, int start) {
		byte[] b = this.bytes;
		int limit = limit(start, this.maxNameLength);
		int i = start;
		while (i < limit) {
			byte c = b[i];
			if (c == '"') {
				break;
			}
			if (c < 0x20 || c == '\\') {
				return -2;
			}
			i++;
		}
		if (i == limit) {
			throw bail();
		}
		int length = i - start;
		for (int n = 0; n < names.length; n++) {
			if (matches(names[n], start, length)) {
				this.pos = i + 1;
				return n;
			}
		}
		return -1;
	}

	private boolean matches(byte @Nullable [] name, int start, int length) {
		if (name == null || name.length != length) {
			return false;
		}
		byte[] b = this.bytes;
		int k = 0;
		// Eight bytes at a time: most names are compared in one or two steps.
		for (; k + Long.BYTES <= length; k += Long.BYTES) {
			if ((long) LONGS.get(b, start + k) != (long) LONGS.get(name, k)) {
				return false;
			}
		}
		for (; k < length; k++) {
			if (b[start + k] != name[k]) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Reads a property name, the cursor standing on its opening quote.
	 * @return the name
	 */
	String name() {
		return text(this.maxNameLength);
	}

	/**
	 * Reads a property name, the cursor standing on its opening quote, sharing the strings of names met before: a name
	 * in plain ASCII is looked up among those kept (one slot per hash, the last name of a slot kept).
	 * @param kept the names kept, a power of two of them
	 * @return the name
	 */
	String name(TreePlan.Name[] kept) {
		int start = this.pos + 1;
		byte[] b = this.bytes;
		int limit = limit(start, this.maxNameLength);
		int hash = 0;
		for (int i = start; i < limit; i++) {
			byte c = b[i];
			if (c == '"') {
				int length = i - start;
				int slot = hash & (kept.length - 1);
				TreePlan.Name known = kept[slot];
				this.pos = i + 1;
				if (known != null && matches(known.bytes, start, length)) {
					return known.text;
				}
				String text = new String(b, start, length, StandardCharsets.ISO_8859_1);
				kept[slot] = new TreePlan.Name(Arrays.copyOfRange(b, start, i), text);
				return text;
			}
			if (c < 0x20 || c == '\\') {
				return decode(start, this.maxNameLength);
			}
			hash = 31 * hash + c;
		}
		throw bail();
	}

	/**
	 * Decodes a string with escapes or characters beyond ASCII: only the escapes JSON defines, and only well-formed
	 * UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF); anything else is left to Jackson.
	 */
	private String decode(int start, int maxLength) {
		byte[] b = this.bytes;
		StringBuilder text = new StringBuilder(Math.min(64, this.end - start));
		int i = start;
		while (i < this.end) {
			if (text.length() > maxLength) {
				throw bail();
			}
			int c = b[i] & 0xFF;
			if (c == '"') {
				this.pos = i + 1;
				return text.toString();
			}
			if (c == '\\') {
				if (i + 1 >= this.end) {
					throw bail();
				}
				int e = b[i + 1];
				i += 2;
				switch (e) {
					case '"', '\\', '/' -> text.append((char) e);
					case 'b' -> text.append('\b');
					case 'f' -> text.append('\f');
					case 'n' -> text.append('\n');
					case 'r' -> text.append('\r');
					case 't' -> text.append('\t');
					case 'u' -> {
						if (i + 4 > this.end) {
							throw bail();
						}
						int value = 0;
						for (int k = 0; k < 4; k++) {
							int digit = Character.digit(b[i + k], 16);
							if (digit < 0) {
								throw bail();
							}
							value = (value << 4) | digit;
						}
						text.append((char) value);
						i += 4;
					}
					default -> throw bail();
				}
			}
			else if (c < 0x20) {
				throw bail();
			}
			else if (c < 0x80) {
				text.append((char) c);
				i++;
			}
			else {
				i = appendUtf8(text, i, c);
			}
		}
		throw bail();
	}

	private int appendUtf8(StringBuilder text, int i, int first) {
		int length;
		int min;
		int code;
		if (first >= 0xC2 && first <= 0xDF) {
			length = 2;
			min = 0x80;
			code = first & 0x1F;
		}
		else if (first >= 0xE0 && first <= 0xEF) {
			length = 3;
			min = 0x800;
			code = first & 0x0F;
		}
		else if (first >= 0xF0 && first <= 0xF4) {
			length = 4;
			min = 0x10000;
			code = first & 0x07;
		}
		else {
			throw bail();
		}
		if (i + length > this.end) {
			throw bail();
		}
		for (int k = 1; k < length; k++) {
			int next = this.bytes[i + k] & 0xFF;
			if ((next & 0xC0) != 0x80) {
				throw bail();
			}
			code = (code << 6) | (next & 0x3F);
		}
		if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
			throw bail();
		}
		text.appendCodePoint(code);
		return i + length;
	}

	/**
	 * Reads an integer that fits a {@code long} (at most 18 digits, no fraction, no exponent, no leading zero).
	 * @return the value
	 */
	long longValue() {
		byte[] b = this.bytes;
		int i = this.pos;
		boolean negative = false;
		if (i < this.end && b[i] == '-') {
			negative = true;
			i++;
		}
		int start = i;
		long value = 0;
		while (i < this.end) {
			int c = b[i];
			if (c < '0' || c > '9') {
				break;
			}
			value = value * 10 + (c - '0');
			i++;
		}
		int digits = i - start;
		if (digits == 0 || digits > 18 || (digits > 1 && b[start] == '0')) {
			throw bail();
		}
		if (i < this.end && (b[i] == '.' || b[i] == 'e' || b[i] == 'E')) {
			throw bail();
		}
		this.pos = i;
		return negative ? -value : value;
	}

	/**
	 * Reads an integer that fits an {@code int}.
	 * @return the value
	 */
	int intValue() {
		long value = longValue();
		if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
			throw bail();
		}
		return (int) value;
	}

	/**
	 * Reads a number as a {@code double}: an integer as Jackson converts one ({@code (double)} of its {@code long}), a
	 * number with a fraction or an exponent as {@link Double#parseDouble(String)} reads its text.
	 * @param integers whether an integer may be read (Jackson's coercion of integers to floating point allows it)
	 * @return the value
	 */
	double doubleValue(boolean integers) {
		int start = this.pos;
		return number() ? integerAt(start, integers) : parsedDouble(start);
	}

	/**
	 * Reads a number as a {@link BigDecimal}: an integer as Jackson converts one (its {@code long}, scale 0), a number
	 * with a fraction or an exponent from its text.
	 * @param integers whether an integer may be read (Jackson's coercion of integers to floating point allows it)
	 * @return the value
	 */
	BigDecimal decimalValue(boolean integers) {
		int start = this.pos;
		return number() ? BigDecimal.valueOf(integerAt(start, integers)) : new BigDecimal(numberText(start));
	}

	/** The integer a number just skipped from {@code start} is, read again, where integers may be read. */
	private long integerAt(int start, boolean integers) {
		if (!integers) {
			throw bail();
		}
		this.pos = start;
		return longValue();
	}

	/** The text of a number from {@code start} to the cursor. */
	private String numberText(int start) {
		return new String(this.bytes, start, this.pos - start, StandardCharsets.ISO_8859_1);
	}

	/**
	 * The {@code double} the text of a number stands for, as {@link Double#parseDouble(String)} reads it.
	 * @param start where the number starts; it ends where the cursor stands
	 * @return the value
	 */
	double parsedDouble(int start) {
		return Double.parseDouble(numberText(start));
	}

	/** Bails when a container would be nested deeper than the application's limit allows. */
	void checkDepth(int depth) {
		if (depth > this.maxNestingDepth) {
			throw bail();
		}
	}

	/**
	 * Reads {@code true} or {@code false}.
	 * @return the value
	 */
	boolean booleanValue() {
		if (literal("true")) {
			return true;
		}
		if (literal("false")) {
			return false;
		}
		throw bail();
	}

	/**
	 * Consumes {@code null} if it stands here.
	 * @return whether it did
	 */
	boolean nullValue() {
		return literal("null");
	}

	private boolean literal(String word) {
		int length = word.length();
		if (this.pos + length > this.end) {
			return false;
		}
		for (int k = 0; k < length; k++) {
			if (this.bytes[this.pos + k] != word.charAt(k)) {
				return false;
			}
		}
		this.pos += length;
		return true;
	}

	/**
	 * The characters of a string value in ASCII, the cursor standing on its opening quote, for {@link IsoDates}.
	 * @return how many characters {@link #chars()} holds
	 */
	int asciiChars() {
		int start = this.pos + 1;
		byte[] b = this.bytes;
		char[] c = this.chars;
		int limit = Math.min(this.end, start + c.length);
		for (int i = start; i < limit; i++) {
			byte value = b[i];
			if (value == '"') {
				this.pos = i + 1;
				return i - start;
			}
			if (value < 0x20 || value == '\\') {
				throw bail();
			}
			c[i - start] = (char) value;
		}
		throw bail();
	}

	char[] chars() {
		return this.chars;
	}

	/**
	 * Skips one value of any kind, checking that it is strict JSON.
	 * @param depth how deep the value is nested
	 */
	void skipValue(int depth) {
		int c = peek();
		switch (c) {
			case '"' -> skipString();
			case '{' -> skipObject(depth + 1);
			case '[' -> skipArray(depth + 1);
			case 't' -> booleanValue();
			case 'f' -> booleanValue();
			case 'n' -> {
				if (!nullValue()) {
					throw bail();
				}
			}
			default -> number();
		}
	}

	private void skipString() {
		int start = this.pos + 1;
		int close = plainEnd(start, this.maxStringLength);
		if (close < 0) {
			decode(start, this.maxStringLength);
		}
		else {
			this.pos = close + 1;
		}
	}

	private void skipObject(int depth) {
		checkDepth(depth);
		if (opens('{', '}')) {
			do {
				nameAhead();
				name();
				expect(':');
				skipValue(depth);
			}
			while (more('}'));
		}
	}

	private void skipArray(int depth) {
		checkDepth(depth);
		if (opens('[', ']')) {
			do {
				skipValue(depth);
			}
			while (more(']'));
		}
	}

	/**
	 * Consumes the opening byte of an object or array, and its closing byte too if it is empty.
	 * @param open the opening byte
	 * @param close the closing byte
	 * @return whether members or elements follow
	 */
	boolean opens(char open, char close) {
		expect(open);
		if (peek() == close) {
			this.pos++;
			return false;
		}
		return true;
	}

	/**
	 * Consumes what follows a member or an element: a comma, or the closing byte.
	 * @param close the closing byte
	 * @return whether another member or element follows
	 */
	boolean more(char close) {
		int c = peek();
		this.pos++;
		if (c == close) {
			return false;
		}
		if (c != ',') {
			throw bail();
		}
		return true;
	}

	/** Checks that a property name stands next (after any whitespace), and bails if not. */
	void nameAhead() {
		if (peek() != '"') {
			throw bail();
		}
	}

	/**
	 * Skips a number in JSON's grammar: {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}.
	 * @return whether it is an integer (no fraction, no exponent)
	 */
	boolean number() {
		byte[] b = this.bytes;
		int start = this.pos;
		int i = start;
		if (i < this.end && b[i] == '-') {
			i++;
		}
		int digits = digits(i);
		if (digits == 0 || (digits > 1 && b[i] == '0')) {
			throw bail();
		}
		i += digits;
		boolean integer = true;
		if (i < this.end && b[i] == '.') {
			integer = false;
			i++;
			int fraction = digits(i);
			if (fraction == 0) {
				throw bail();
			}
			i += fraction;
		}
		if (i < this.end && (b[i] == 'e' || b[i] == 'E')) {
			integer = false;
			i++;
			if (i < this.end && (b[i] == '+' || b[i] == '-')) {
				i++;
			}
			int exponent = digits(i);
			if (exponent == 0) {
				throw bail();
			}
			i += exponent;
		}
		if (i - start > this.maxNumberLength) {
			throw bail();
		}
		this.pos = i;
		return integer;
	}

	private int digits(int from) {
		int i = from;
		while (i < this.end && this.bytes[i] >= '0' && this.bytes[i] <= '9') {
			i++;
		}
		return i - from;
	}

}
