package io.github.servicetitan4j;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.github.servicetitan4j.ServiceTitanClientListener.CallDescriptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Records of plain types read from bytes held in memory are bound by a {@link RecordPlan}, and trees built by a
 * {@link TreePlan}, which must give exactly what Jackson gives: the same records and trees, or the same failure. Each
 * body here is read twice, from the bytes (plans on) and from a stream of the same bytes (Jackson's parser alone), and
 * the two outcomes must be equal; the plans themselves are checked to read the plain records, and to leave the others
 * to Jackson.
 */
class RecordPlanTests {

	static final CallDescriptor CALL = new CallDescriptor("jpm", "jobs", "get_all");

	record Inner(String code, long n) {
	}

	record Plain(long id, String name, int count, boolean active, Long parent, Integer rank, Boolean flag,
			Instant createdOn, OffsetDateTime at, List<Long> tags, Inner inner, List<Inner> inners, double price,
			Double discount, BigDecimal total, List<String> labels, List<Double> rates) {
	}

	record Renamed(@JsonProperty("jobNumber") String number, @JsonAlias("summaryText") String summary) {
	}

	record Quoted(@JsonProperty("say \"hi\"") String greeting, @JsonProperty("é") String accent) {
	}

	record Checked(long id, String name) {

		Checked {
			if (id < 0) {
				throw new IllegalArgumentException("id must not be negative");
			}
		}

	}

	@JsonIgnoreProperties("secret")
	record Ignoring(long id, String secret) {
	}

	record Untyped(long id, Map<String, Object> extra) {
	}

	static final String PLAIN = """
			{"id":1,"name":"Alpha","count":3,"active":true,"parent":7,"rank":2,"flag":false,\
			"createdOn":"2024-05-01T13:22:10.1234567Z","at":"2024-05-01T13:22:10+02:00","tags":[1,2],\
			"inner":{"code":"x","n":5},"inners":[{"code":"y","n":6}],"price":12.5,"discount":0.25,"total":1.50,\
			"labels":["a","b"],"rates":[0.1,2]}""";

	/** Bodies whose records are read both ways; each a record, or a whole body when it starts with '{"'. */
	static Stream<String> records() {
		return Stream.of(PLAIN,
				// Properties in another order, whitespace everywhere, and properties the type does not have.
				"""
						{ "inners" : [ ] , "other" : {"a":[1,2.5e3,-0.5,true,false,null,"s\\"q"],"b":{}} ,
						  "tags":[ ], "at":"2024-05-01T13:22:10Z","createdOn":"2024-05-01T13:22:10Z",
						  "flag":null,"rank":null,"parent":null,"active":false,"count":-0,"name":"","id":0,
						  "inner":null, "more":"\\u00e9\\ud83d\\ude00", "price":-0, "discount":null, "total":null,
						  "labels":[], "rates":null }""",
				// Strings with escapes and with characters beyond ASCII.
				PLAIN.replace("\"Alpha\"", "\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\""),
				PLAIN.replace("\"Alpha\"", "\"é漢😀\""),
				PLAIN.replace("\"code\":\"x\"", "\"code\":\"ü\""),
				// Names with escapes, and names in another case.
				PLAIN.replace("\"name\"", "\"na\\u006de\""),
				PLAIN.replace("\"name\"", "\"Name\""),
				// Numbers at and beyond the edges, and numbers written otherwise.
				PLAIN.replace("\"id\":1", "\"id\":9223372036854775807"),
				PLAIN.replace("\"id\":1", "\"id\":-9223372036854775808"),
				PLAIN.replace("\"id\":1", "\"id\":9223372036854775808"),
				PLAIN.replace("\"id\":1", "\"id\":1.0"),
				PLAIN.replace("\"id\":1", "\"id\":1.5"),
				PLAIN.replace("\"id\":1", "\"id\":1e3"),
				PLAIN.replace("\"id\":1", "\"id\":\"12\""),
				PLAIN.replace("\"id\":1", "\"id\":012"),
				PLAIN.replace("\"id\":1", "\"id\":-"),
				PLAIN.replace("\"id\":1", "\"id\":+1"),
				PLAIN.replace("\"count\":3", "\"count\":3000000000"),
				PLAIN.replace("\"count\":3", "\"count\":2147483647"),
				PLAIN.replace("\"name\":\"Alpha\"", "\"name\":12"),
				PLAIN.replace("\"active\":true", "\"active\":1"),
				PLAIN.replace("\"active\":true", "\"active\":\"true\""),
				PLAIN.replace("\"active\":true", "\"active\":truex"),
				// Nulls where Jackson decides, missing and repeated properties.
				PLAIN.replace("\"id\":1", "\"id\":null"),
				PLAIN.replace("\"count\":3", "\"count\":null"),
				PLAIN.replace("\"id\":1,", ""),
				PLAIN.replace("\"name\":\"Alpha\",", ""),
				PLAIN.replace("\"id\":1,", "\"id\":1,\"id\":2,"),
				// Dates in the shape read by hand, in others, and wrong.
				PLAIN.replace("2024-05-01T13:22:10.1234567Z", "2024-05-01T13:22:10.123+05:30"),
				PLAIN.replace("2024-05-01T13:22:10.1234567Z", "2024-05-01T13:22:10"),
				PLAIN.replace("2024-05-01T13:22:10.1234567Z", "2024-02-30T00:00:00Z"),
				PLAIN.replace("\"2024-05-01T13:22:10.1234567Z\"", "1714569730"),
				PLAIN.replace("2024-05-01T13:22:10+02:00", "2024-05-01T13:22:10-07:00"),
				PLAIN.replace("2024-05-01T13:22:10+02:00", "2024-05-01t13:22:10z"),
				// Floating point and decimals.
				PLAIN.replace("12.5", "1"), PLAIN.replace("12.5", "-0.0"), PLAIN.replace("12.5", "1e400"),
				PLAIN.replace("12.5", "4.9e-324"), PLAIN.replace("12.5", "0.1000000000000000055511151231257827"),
				PLAIN.replace("12.5", "12345678901234567890"), PLAIN.replace("12.5", "\"12.5\""),
				PLAIN.replace("12.5", "null"), PLAIN.replace("1.50", "-0.0"), PLAIN.replace("1.50", "1E+3"),
				PLAIN.replace("1.50", "7"), PLAIN.replace("1.50", "123456789012345678901234567890.5"),
				PLAIN.replace("[0.1,2]", "[0.1,null]"), PLAIN.replace("[\"a\",\"b\"]", "[\"a\",1]"),
				PLAIN.replace("[\"a\",\"b\"]", "[\"a\",null]"), PLAIN.replace("[\"a\",\"b\"]", "[\"\\u00e9\"]"),
				// Lists and records inside.
				PLAIN.replace("[1,2]", "[1,null]"), PLAIN.replace("[1,2]", "[1,\"2\"]"), PLAIN.replace("[1,2]", "7"),
				PLAIN.replace("[1,2]", "[1,2,]"), PLAIN.replace("[1,2]", "null"),
				PLAIN.replace("{\"code\":\"x\",\"n\":5}", "{\"n\":5,\"code\":\"x\",\"zz\":[[[]]]}"),
				PLAIN.replace("{\"code\":\"x\",\"n\":5}", "[]"),
				PLAIN.replace("[{\"code\":\"y\",\"n\":6}]", "[{\"code\":\"y\",\"n\":6},null]"),
				// Elements that are not records.
				"null", "5", "\"text\"", "[]",
				// JSON that is not JSON.
				PLAIN.replace("\"count\":3", "\"count\":3,"), PLAIN.replace("\"count\":3", "\"count\" 3"),
				PLAIN.replace("\"name\":\"Alpha\"", "'name':'Alpha'"), PLAIN.replace("\"name\"", "name"),
				PLAIN.replace("\"Alpha\"", "\"Al\u0001pha\""), PLAIN.replace("\"Alpha\"", "\"Al\\xpha\""),
				PLAIN.replace("\"Alpha\"", "\"Al\\u00zzpha\""),
				// Whole bodies: properties after the data, a broken array, a body cut short.
				"{\"data\":[" + PLAIN + "," + PLAIN + "],\"page\":7,\"hasMore\":true,\"totalCount\":2}",
				"{\"page\":1,\"data\":[" + PLAIN + "," + PLAIN + ",]}",
				"{\"page\":1,\"data\":[" + PLAIN + " " + PLAIN + "]}",
				"{\"page\":1,\"data\":[" + PLAIN + "," + PLAIN.substring(0, 80),
				"{\"page\":1,\"data\":[" + PLAIN + "],\"x\":}",
				"{\"page\":1,\"data\":[" + PLAIN + "]}trailing");
	}

	@ParameterizedTest
	@MethodSource("records")
	void plainRecordsReadFromBytesAsJacksonReadsThem(String record) {
		assertSameOutcome(new RecordMapper(JsonMapper.builder().build()), Plain.class, body(record));
	}

	@ParameterizedTest
	@MethodSource("records")
	void underTheApplicationsSettingsToo(String record) {
		JsonMapper mapper = JsonMapper.builder()
			.enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
			.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
			.enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
			.build();
		assertSameOutcome(new RecordMapper(mapper), Plain.class, body(record));
	}

	/** Names of 7, 8, 15 and 16 bytes: a name and its closing quote fill one word, two, or more (read otherwise). */
	record Spans(String abcdefg, String abcdefgh, String abcdefghijklmno, String abcdefghijklmnop) {
	}

	/** The names of {@link Spans} that a word or two hold. */
	record Words(String abcdefg, String abcdefgh, String abcdefghijklmno) {
	}

	static final String SPANS = "{\"abcdefg\":\"\",\"abcdefgh\":\"01234567\",\"abcdefghijklmno\":\"0123456789abcde\","
			+ "\"abcdefghijklmnop\":\"0123456789abcdefghijklmnopqrstuvwxyz0123\"}";

	/**
	 * Strings and names read eight bytes at a time: what ends a string or needs decoding at each place of a word, names
	 * that share a beginning, a name too close to the end of the bytes to be read as words.
	 */
	static Stream<String> spans() {
		return Stream.of(SPANS,
				// The name expected first is a prefix of the one there, and the other way round.
				"{\"abcdefgh\":\"b\",\"abcdefg\":\"a\",\"abcdefghijklmnop\":\"d\",\"abcdefghijklmno\":\"c\"}",
				// The last name within a word's reach of the end of the bytes.
				"{\"abcdefgh\":\"b\",\"abcdefghijklmno\":\"c\",\"abcdefghijklmnop\":\"d\",\"abcdefg\":\"\"}",
				SPANS.replace("01234567", "0123456\\\"").replace("0123456789abcde\"", "0123456789abcd\\n\""),
				SPANS.replace("01234567", "01234567\\u00e9"), SPANS.replace("01234567", "é1234567"),
				SPANS.replace("01234567", "0123456é"), SPANS.replace("0123456789abcde", "01234567é9abcde"),
				SPANS.replace("01234567", "0123\u007f567"), SPANS.replace("01234567", "0123\u0001567"),
				SPANS.replace("0123456789abcdefghijklmnopqrstuvwxyz0123", "0123456789abcdefghijklmnopqrstuvwxyz012\\/"),
				SPANS.replace("0123456789abcdefghijklmnopqrstuvwxyz0123", "0123456789abcdefghijklmnopqrstuvwxyz0123 \"x"),
				SPANS.replace("0123456789abcdefghijklmnopqrstuvwxyz0123", "0123456789abcdef\\u0022ghij"),
				SPANS.replace("\"abcdefg\"", "\"abcdefG\""), SPANS.replace("\"abcdefghijklmno\"", "\"abcdefghijklmn\\u006f\""));
	}

	@ParameterizedTest
	@MethodSource("spans")
	void stringsAndNamesOfEveryLengthReadFromBytesAsJacksonReadsThem(String record) {
		assertSameOutcome(new RecordMapper(JsonMapper.builder().build()), Spans.class, body(record));
		assertSameTrees(new RecordMapper(JsonMapper.builder().build()), body(record));
	}

	@ParameterizedTest
	@MethodSource("spans")
	void namesAndStringsLongerThanTheApplicationAllowsAreRefusedAsJacksonRefusesThem(String record) {
		for (StreamReadConstraints limits : List.of(StreamReadConstraints.builder().maxNameLength(10).build(),
				StreamReadConstraints.builder().maxStringLength(12).build())) {
			JsonMapper mapper = JsonMapper.builder(JsonFactory.builder().streamReadConstraints(limits).build()).build();
			assertSameOutcome(new RecordMapper(mapper), Spans.class, body(record));
			assertSameTrees(new RecordMapper(mapper), body(record));
			// Without the longest name, which is read otherwise.
			String words = record.replaceAll(",?\"abcdefghijklmnop\":\"[^\"]*\"", "").replace("{,", "{");
			assertSameOutcome(new RecordMapper(mapper), Words.class, body(words));
		}
	}

	/** Bodies read as trees both ways: every body above, and numbers, names and nesting as trees hold them. */
	static Stream<String> trees() {
		return Stream.concat(records(),
				Stream.of("{\"i\":[0,-0,1,-1,2147483647,2147483648,-2147483648,-2147483649,999999999999999999]}",
						"{\"l\":[9223372036854775807,-9223372036854775808,9223372036854775808,12345678901234567890]}",
						"{\"d\":[0.0,-0.0,1.5,1e3,1E-3,-2.5e+10,1e400,4.9e-324,0.1000000000000000055511151231257827]}",
						"{\"a\":1,\"a\":2}", "{\"a\":{\"b\":1},\"a\":{\"b\":1}}", "{\"\":0,\"é\":1,\"\\u00e9\":2}",
						"{\"n\":[[[[[[[[[[[]]]]]]]]]],{\"o\":{\"o\":{\"o\":{}}}}]}", "{\"s\":[\"\",\" \",\"\\u0000\"]}",
						"[1,{\"x\":2}]", "123456789012345678901", "\"text\"", "true", "null", "{}",
						"{\"page\":1,\"data\":[{\"x\":1},{\"x\":2}],\"hasMore\":true}"));
	}

	@ParameterizedTest
	@MethodSource("trees")
	void treesReadFromBytesAsJacksonReadsThem(String record) {
		assertSameTrees(new RecordMapper(JsonMapper.builder().build()), body(record));
	}

	@ParameterizedTest
	@MethodSource("trees")
	void treesUnderOtherSettingsAreLeftToJackson(String record) {
		RecordMapper bigDecimals = new RecordMapper(
				JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build());
		assertThat(bigDecimals.trees()).isNull();
		assertSameTrees(bigDecimals, body(record));
		RecordMapper failingDuplicates = new RecordMapper(
				JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY).build());
		assertThat(failingDuplicates.trees()).isNotNull();
		assertSameTrees(failingDuplicates, body(record));
	}

	@Test
	void thePlanReadsTreesItself() {
		RecordMapper records = new RecordMapper(JsonMapper.builder().build());
		assertThat(records.trees()).isNotNull();
		JsonMapper jackson = JsonMapper.builder().build();
		for (String record : List.of(PLAIN, "{\"i\":[1,2147483648,1.5],\"s\":\"é\\n\",\"b\":[true,false,null]}")) {
			JsonNode read = records.trees()
				.read(new JsonBytes(record.getBytes(StandardCharsets.UTF_8), 0, records.limits()), 2);
			assertThat(read).isEqualTo(jackson.readTree(record));
			assertThat(read.toString()).isEqualTo(jackson.readTree(record).toString());
		}
		JsonBytes repeated = new JsonBytes("{\"a\":1,\"a\":2}".getBytes(StandardCharsets.UTF_8), 0, records.limits());
		assertThatExceptionOfType(JsonBytes.Bail.class).isThrownBy(() -> records.trees().read(repeated, 2));
	}

	private static void assertSameTrees(RecordMapper records, byte[] body) {
		List<Object> planned = trees(records, records.envelope(body, CALL));
		List<Object> streamed = trees(records, records.envelope(new ByteArrayInputStream(body), () -> {
		}, CALL));
		assertThat(planned).as(new String(body, StandardCharsets.UTF_8)).isEqualTo(streamed);
		assertThat(planned.toString()).isEqualTo(streamed.toString());
	}

	/** The trees and the envelope, or what the reading failed with (its type and message, without its location). */
	private static List<Object> trees(RecordMapper records, EnvelopeReader opened) {
		List<Object> outcome = new ArrayList<>();
		try (EnvelopeReader reader = opened) {
			while (reader.hasNext()) {
				JsonNode node = reader.next();
				outcome.add(node);
				outcome.add(node.getClass().getName());
			}
			outcome.add(reader.envelope());
		}
		catch (RuntimeException ex) {
			String message = (ex instanceof JacksonException jackson) ? jackson.getOriginalMessage() : ex.getMessage();
			outcome.add(ex.getClass().getName() + ": " + message);
		}
		return outcome;
	}

	@Test
	void bytesThatAreNotUtf8AreRefusedAsJacksonRefusesThem() {
		byte[] good = body(PLAIN);
		for (byte[] bad : List.of(new byte[] { (byte) 0xC3, '(' }, new byte[] { (byte) 0xE0, (byte) 0x80, (byte) 0x80 },
				new byte[] { (byte) 0xED, (byte) 0xA0, (byte) 0x80 }, new byte[] { (byte) 0xF5, (byte) 0x80 },
				new byte[] { (byte) 0xFF }, new byte[] { (byte) 0xC3, (byte) 0xA9 })) {
			String text = new String(good, StandardCharsets.ISO_8859_1);
			int at = text.indexOf("Alpha");
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			out.write(good, 0, at);
			out.writeBytes(bad);
			out.write(good, at, good.length - at);
			assertSameOutcome(new RecordMapper(JsonMapper.builder().build()), Plain.class, out.toByteArray());
		}
	}

	@Test
	void renamedAliasedAndCheckedRecordsAsJacksonReadsThem() {
		RecordMapper records = new RecordMapper(JsonMapper.builder().build());
		assertSameOutcome(records, Renamed.class, body("{\"jobNumber\":\"J-1\",\"summaryText\":\"s\"}"));
		assertSameOutcome(records, Renamed.class, body("{\"number\":\"J-1\",\"summary\":\"s\"}"));
		assertSameOutcome(records, Checked.class, body("{\"id\":1,\"name\":\"a\"},{\"id\":-1,\"name\":\"b\"}"));
		assertSameOutcome(records, Quoted.class, body("{\"say \\\"hi\\\"\":\"h\",\"é\":\"e\"}"));
		assertSameOutcome(records, Quoted.class, body("{\"say \"hi\"\":\"h\",\"\\u00e9\":\"e\"}"));
		assertThat(plan(records, Renamed.class)).isNotNull();
		assertThat(plan(records, Quoted.class)).isNotNull();
		assertThat(plan(records, Checked.class)).isNotNull();
	}

	@Test
	void thePlanReadsPlainRecordsItself() {
		RecordMapper records = new RecordMapper(JsonMapper.builder().build());
		RecordPlan plan = plan(records, Plain.class);
		assertThat(plan).isNotNull();
		for (String record : List.of(PLAIN, PLAIN.replace("\"Alpha\"", "\"é\\n\""), records().skip(1).findFirst().get())) {
			Object read = plan.read(new JsonBytes(record.getBytes(StandardCharsets.UTF_8), 0, records.limits()), 2);
			assertThat(read).isEqualTo(jackson(records, record));
		}
	}

	@Test
	void thePlanLeavesToJacksonWhatItDoesNotReadExactly() {
		RecordMapper records = new RecordMapper(JsonMapper.builder().build());
		RecordPlan plan = plan(records, Plain.class);
		for (String record : List.of(PLAIN.replace("\"id\":1", "\"id\":\"1\""), PLAIN.replace("\"id\":1,", ""),
				PLAIN.replace("\"id\":1", "\"id\":null"), PLAIN.replace("\"id\":1,", "\"id\":1,\"id\":2,"),
				PLAIN.replace("\"id\":1", "\"id\":1.0"), PLAIN.replace("[1,2]", "[1,null]"),
				PLAIN.replace("2024-05-01T13:22:10.1234567Z", "2024-05-01T13:22:10"))) {
			JsonBytes in = new JsonBytes(record.getBytes(StandardCharsets.UTF_8), 0, records.limits());
			assertThatExceptionOfType(JsonBytes.Bail.class).isThrownBy(() -> plan.read(in, 2));
		}
	}

	record Address(String street, String city) {
	}

	/** A bean holding a record unwrapped: Jackson asks the record's deserializer for an unwrapping copy of itself. */
	static class Site {

		public long id;

		@JsonUnwrapped
		public Address address;

		@Override
		public boolean equals(Object other) {
			return other instanceof Site site && site.id == this.id && Objects.equals(site.address, this.address);
		}

		@Override
		public int hashCode() {
			return Objects.hash(this.id, this.address);
		}

	}

	@Test
	void recordsUnwrappedIntoOthersAreReadAsTheApplicationsMapperReadsThem() {
		JsonMapper application = JsonMapper.builder().build();
		RecordMapper records = new RecordMapper(application);
		String site = "{\"id\":1,\"street\":\"Main St\",\"city\":\"Springfield\"}";
		Site expected = application.readValue(site, Site.class);
		assertThat(expected.address).isEqualTo(new Address("Main St", "Springfield"));
		// The record gets a plan of its own; the bean holding it unwrapped is read both ways as the application reads it.
		RecordPlan address = plan(records, Address.class);
		assertThat(read(records, Site.class, body(site), (bytes) -> records.envelope(bytes, CALL))).first()
			.isEqualTo(expected);
		assertThat(read(records, Site.class, body(site), (bytes) -> records.envelope(new ByteArrayInputStream(bytes), () -> {
		}, CALL))).first().isEqualTo(expected);
		assertThat(address).isNotNull();
	}

	@Test
	void noPlanForWhatJacksonDoesMoreWith() {
		RecordMapper records = new RecordMapper(JsonMapper.builder().build());
		assertThat(plan(records, Ignoring.class)).isNull();
		assertThat(plan(records, Untyped.class)).isNull();
		assertThat(plan(new RecordMapper(JsonMapper.builder().build(), true), Plain.class)).isNull();
		assertThat(plan(new RecordMapper(JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.build()), Plain.class)).isNull();
		assertSameOutcome(records, Ignoring.class, body("{\"id\":1,\"secret\":\"s\"}"));
		assertSameOutcome(records, Untyped.class, body("{\"id\":1,\"extra\":{\"a\":1}}"));
	}

	private static RecordPlan plan(RecordMapper records, Class<?> type) {
		return RecordDecoder.mapping(records, type, CALL).plan();
	}

	private static Object jackson(RecordMapper records, String record) {
		List<Object> read = read(records, Plain.class, body(record),
				(bytes) -> records.envelope(new ByteArrayInputStream(bytes), () -> {
				}, CALL));
		return read.get(0);
	}

	/** A page whose data holds the record (or records), unless the text is a whole body already. */
	static byte[] body(String record) {
		String body = record.startsWith("{\"page\"") || record.startsWith("{\"data\"") ? record
				: "{\"page\":1,\"pageSize\":50,\"hasMore\":false,\"data\":[" + record + "]}";
		return body.getBytes(StandardCharsets.UTF_8);
	}

	private static void assertSameOutcome(RecordMapper records, Class<?> type, byte[] body) {
		List<Object> planned = read(records, type, body, (bytes) -> records.envelope(bytes, CALL));
		List<Object> streamed = read(records, type, body,
				(bytes) -> records.envelope(new ByteArrayInputStream(bytes), () -> {
				}, CALL));
		assertThat(planned).as(new String(body, StandardCharsets.UTF_8)).isEqualTo(streamed);
	}

	/** The records and the envelope, or what the reading failed with (its type and message, without its location). */
	private static List<Object> read(RecordMapper records, Class<?> type, byte[] body,
			Function<byte[], EnvelopeReader> open) {
		List<Object> outcome = new ArrayList<>();
		RecordDecoder<?> decoder = RecordDecoder.mapping(records, type, CALL);
		try (EnvelopeReader reader = open.apply(body)) {
			int index = 0;
			while (reader.hasNext()) {
				outcome.add(reader.next(decoder, "page 1", index++));
			}
			outcome.add(reader.envelope());
		}
		catch (RuntimeException ex) {
			String message = (ex instanceof JacksonException jackson) ? jackson.getOriginalMessage() : ex.getMessage();
			outcome.add(ex.getClass().getName() + ": " + message);
		}
		return outcome;
	}

}
