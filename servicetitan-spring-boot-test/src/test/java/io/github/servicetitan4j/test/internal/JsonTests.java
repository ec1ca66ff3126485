package io.github.servicetitan4j.test.internal;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class JsonTests {

	@Test
	void whenParsingAnObjectThenMapsListsLongsDecimalsBooleansAndNulls() {
		Object value = Json.parse(" {\"id\": 12, \"total\": -3.50, \"big\": 1e3, \"ok\": true, \"no\": false,"
				+ " \"none\": null, \"tags\": [\"a\", {\"b\": []}], \"empty\": {}} ");

		Map<String, @Nullable Object> expected = new LinkedHashMap<>();
		expected.put("id", 12L);
		expected.put("total", new BigDecimal("-3.50"));
		expected.put("big", new BigDecimal("1e3"));
		expected.put("ok", true);
		expected.put("no", false);
		expected.put("none", null);
		expected.put("tags", List.of("a", Map.of("b", List.of())));
		expected.put("empty", Map.of());
		assertThat(value).isEqualTo(expected);
	}

	@Test
	void whenStringsHaveEscapesThenTheyAreDecoded() {
		assertThat(Json.parse("\"a\\\"b\\\\c\\/d\\n\\t\\u00e9\\ud83d\\ude00\"")).isEqualTo("a\"b\\c/d\n\té\uD83D\uDE00");
	}

	@Test
	void whenWritingThenTheTextParsesBackToTheSameValue() {
		Map<String, @Nullable Object> value = new LinkedHashMap<>();
		value.put("text", "quote \" backslash \\ newline \n control \u0001 unicode é");
		value.put("long", Long.MAX_VALUE);
		value.put("decimal", new BigDecimal("12.30"));
		value.put("list", Arrays.asList(1L, null, true));
		value.put("nested", Map.of("k", "v"));

		String text = Json.write(value);

		assertThat(Json.parse(text)).isEqualTo(value);
		assertThat(text).contains("\\u0001").contains("12.30");
	}

	@Test
	void whenWritingDoublesThenPlainDecimals() {
		assertThat(Json.write(List.of(0.1, 2.0, 1e-7))).isEqualTo("[0.1,2.0,0.00000010]");
	}

	@Test
	void whenTextIsMalformedThenIllegalArgument() {
		for (String malformed : List.of("", "{", "{\"a\" 1}", "[1,]", "01", "1.", "tru", "\"open", "{} x", "-",
				"\"bad \\x escape\"", "{\"a\":1,}", "\"tab\tinside\"")) {
			assertThatIllegalArgumentException().as(malformed).isThrownBy(() -> Json.parse(malformed));
		}
	}

	@Test
	void whenAnObjectIsExpectedButAnArrayComesThenIllegalArgument() {
		assertThatIllegalArgumentException().isThrownBy(() -> Json.parseObject("[1]"));
	}

	@Test
	void whenNumbersExceedALongThenTheyStayExact() {
		assertThat(Json.parse("123456789012345678901234567890")).isEqualTo(new BigDecimal("123456789012345678901234567890"));
	}

}
