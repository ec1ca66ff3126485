package io.github.servicetitan4j;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.github.servicetitan4j.ServiceTitanClientListener.CallDescriptor;
import io.github.servicetitan4j.errors.ServiceTitanException.ServiceTitanMappingException;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * ServiceTitan's dates read by hand ({@link IsoDates}) give exactly what Jackson's own deserializer gives: the same
 * value for every input Jackson accepts, the same refusal for every input it refuses, and Jackson's reading wherever
 * the application's settings change how dates are read.
 */
class IsoDatesTests {

	static final CallDescriptor CALL = new CallDescriptor("jpm", "jobs", "get_all");

	record Stamp(Instant at, OffsetDateTime when) {
	}

	record KeptOffset(@JsonFormat(without = JsonFormat.Feature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE) OffsetDateTime when) {
	}

	record Patterned(@JsonFormat(pattern = "yyyy-MM-dd'T'HH:mm:ss.SSSSSSSX") OffsetDateTime when) {
	}

	/** ServiceTitan's shapes, which take the fast path. */
	static final List<String> SERVICETITAN = List.of("2024-05-01T13:22:10.1234567Z", "2024-05-01T13:22:10Z",
			"2024-05-01T13:22:10.1Z", "2024-05-01T13:22:10.12Z", "2024-05-01T13:22:10.123Z", "2024-05-01T13:22:10.123456Z",
			"2024-05-01T13:22:10.123456789Z", "2024-05-01T13:22:10.0000000Z", "2024-05-01T13:22:10.1234567+02:00",
			"2024-05-01T13:22:10-05:30", "2024-05-01T13:22:10.5+00:00", "2024-05-01T13:22:10-00:00",
			"2024-05-01T00:00:00+14:00", "2024-05-01T23:59:59.999999999-12:00", "2024-02-29T12:00:00Z",
			"2000-02-29T12:00:00Z", "2023-12-31T23:59:59.9999999Z", "2024-01-01T00:00:00Z", "1970-01-01T00:00:00Z",
			"1000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "2024-04-30T10:00:00Z");

	/** Shapes left to Jackson, accepted or refused by it. */
	static final List<String> OTHERS = List.of("2023-02-29T12:00:00Z", "1900-02-29T12:00:00Z", "2024-04-31T10:00:00Z",
			"2024-13-01T10:00:00Z", "2024-00-10T10:00:00Z", "2024-05-00T10:00:00Z", "2024-05-01T24:00:00Z",
			"2024-05-01T23:60:00Z", "2024-05-01T23:59:60Z", "2024-05-01T13:22:10.1234567890Z", "2024-05-01T13:22:10.Z",
			"2024-05-01t13:22:10Z", "2024-05-01T13:22:10z", "2024-05-01T13:22Z", "2024-05-01T13:22:10",
			"2024-05-01T13:22:10+0200", "2024-05-01T13:22:10+02", "2024-05-01T13:22:10+18:00", "2024-05-01T13:22:10+19:00",
			"2024-05-01T13:22:10+02:00:30", " 2024-05-01T13:22:10Z ", "2024-05-01", "0999-05-01T13:22:10Z",
			"+12024-05-01T13:22:10Z", "2024-05-01T13:22:10.12a4Z", "2024-5-01T13:22:10Z", "2024/05/01T13:22:10Z",
			"2024-05-01 13:22:10Z", "", "1714569730", "1714569730.5", "not a date", "2024-05-01T13:22:10Z[UTC]",
			"2024-05-01T13:22:10.1234567Zextra", "2024-05-01T13:22:10.1234567+02:00x");

	@Test
	void whenServiceTitanDatesAreReadThenTheFastPathTakesThem() {
		for (String text : SERVICETITAN) {
			assertThat(IsoDates.instant(text.toCharArray(), 0, text.length())).as(text).isNotNull();
			assertThat(IsoDates.offsetDateTime(text.toCharArray(), 0, text.length())).as(text).isNotNull();
		}
		JsonMapper installed = IsoDates.install(JsonMapper.builder().build());
		DeserializationContext context = installed._deserializationContext();
		assertThat(context.findRootValueDeserializer(installed.constructType(Instant.class)))
			.isInstanceOf(IsoDates.FastDeserializer.class);
		assertThat(context.findRootValueDeserializer(installed.constructType(OffsetDateTime.class)))
			.isInstanceOf(IsoDates.FastDeserializer.class);
		char[] padded = "xx2024-05-01T13:22:10.1234567Zyy".toCharArray();
		assertThat(IsoDates.instant(padded, 2, 28)).isEqualTo(Instant.parse("2024-05-01T13:22:10.1234567Z"));
	}

	@Test
	void whenAnyDateIsReadThenTheValueOrTheRefusalIsJacksons() {
		List<String> inputs = new ArrayList<>(SERVICETITAN);
		inputs.addAll(OTHERS);
		JsonMapper application = JsonMapper.builder().build();
		for (String text : inputs) {
			String record = "{\"at\":\"" + text + "\",\"when\":\"" + text + "\"}";
			assertSameAsJackson(application, record, Stamp.class);
			assertSameAsJackson(application, "{\"at\":\"" + text + "\"}", Stamp.class);
			assertSameAsJackson(application, "{\"when\":\"" + text + "\"}", Stamp.class);
		}
	}

	@Test
	void whenDatesAreNumbersOrNullThenJacksonReadsThem() {
		JsonMapper application = JsonMapper.builder().build();
		assertSameAsJackson(application, "{\"at\":1714569730123,\"when\":1714569730123}", Stamp.class);
		assertSameAsJackson(application, "{\"at\":1714569730.123456789,\"when\":1714569730.5}", Stamp.class);
		assertSameAsJackson(application, "{\"at\":null,\"when\":null}", Stamp.class);
		assertSameAsJackson(application, "{\"at\":true}", Stamp.class);
		assertSameAsJackson(application, "{\"at\":[\"2024-05-01T13:22:10Z\"]}", Stamp.class);
		JsonMapper nanos = JsonMapper.builder().enable(DateTimeFeature.READ_DATE_TIMESTAMPS_AS_NANOSECONDS).build();
		assertSameAsJackson(nanos, "{\"at\":1714569730,\"when\":1714569730}", Stamp.class);
	}

	@Test
	void whenThePropertyKeepsTheOffsetThenTheOffsetIsKeptAsJacksonKeepsIt() {
		JsonMapper application = JsonMapper.builder().build();
		KeptOffset kept = assertSameAsJackson(application, "{\"when\":\"2024-05-01T13:22:10.1234567+02:00\"}",
				KeptOffset.class);
		assertThat(kept.when().getOffset()).isEqualTo(ZoneOffset.ofHours(2));
		Stamp adjusted = assertSameAsJackson(application, "{\"when\":\"2024-05-01T13:22:10.1234567+02:00\"}",
				Stamp.class);
		assertThat(adjusted.when().getOffset()).isEqualTo(ZoneOffset.UTC);
	}

	@Test
	void whenThePropertyHasAPatternThenJacksonsPatternReadsIt() {
		JsonMapper application = JsonMapper.builder().build();
		assertSameAsJackson(application, "{\"when\":\"2024-05-01T13:22:10.1234567Z\"}", Patterned.class);
		assertSameAsJackson(application, "{\"when\":\"2024-05-01T13:22:10Z\"}", Patterned.class);
	}

	@Test
	void whenTheApplicationChangesDateSettingsThenJacksonsReadingApplies() {
		List<JsonMapper> mappers = List.of(
				JsonMapper.builder().defaultTimeZone(TimeZone.getTimeZone("America/New_York")).build(),
				JsonMapper.builder().defaultTimeZone(TimeZone.getTimeZone("GMT")).build(),
				JsonMapper.builder().disable(DateTimeFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE).build(),
				JsonMapper.builder().disable(DateTimeFeature.NORMALIZE_DESERIALIZED_ZONE_ID).build(),
				JsonMapper.builder().enable(DateTimeFeature.TRUNCATE_TO_MSECS_ON_READ).build(),
				JsonMapper.builder().defaultLeniency(false).build());
		for (JsonMapper application : mappers) {
			for (String text : SERVICETITAN) {
				assertSameAsJackson(application, "{\"at\":\"" + text + "\",\"when\":\"" + text + "\"}", Stamp.class);
			}
		}
		Stamp truncated = read(mappers.get(4), "{\"at\":\"2024-05-01T13:22:10.1234567Z\"}", Stamp.class);
		assertThat(truncated.at()).isEqualTo(Instant.parse("2024-05-01T13:22:10.123Z"));
		Stamp newYork = read(mappers.get(0), "{\"when\":\"2024-05-01T13:22:10Z\"}", Stamp.class);
		assertThat(newYork.when().getOffset()).isEqualTo(ZoneOffset.ofHours(-4));
	}

	@Test
	void whenTheApplicationHasItsOwnDateDeserializerThenItIsKept() {
		SimpleModule own = new SimpleModule("own").addDeserializer(Instant.class, new ValueDeserializer<>() {

			@Override
			public Instant deserialize(tools.jackson.core.JsonParser parser, DeserializationContext context) {
				return Instant.EPOCH;
			}

		});
		JsonMapper application = JsonMapper.builder().addModule(own).build();

		Stamp stamp = assertSameAsJackson(application, "{\"at\":\"2024-05-01T13:22:10Z\"}", Stamp.class);

		assertThat(stamp.at()).isEqualTo(Instant.EPOCH);
	}

	@Test
	void whenTheClientReadsDatesThenTheApplicationsMapperIsUnchanged() {
		JsonMapper application = JsonMapper.builder().build();
		new RecordMapper(application);

		assertThat(application.readValue("\"2024-05-01T13:22:10Z\"", Instant.class))
			.isEqualTo(Instant.parse("2024-05-01T13:22:10Z"));
		assertThat(application.registeredModules())
			.noneMatch((module) -> "servicetitan-iso-dates".equals(module.getRegistrationId()));
	}

	@Test
	void whenStrictRecordsAreReadThroughATreeThenDatesAreJacksons() {
		JsonMapper application = JsonMapper.builder().build();
		RecordMapper strict = new RecordMapper(application, true);
		for (String text : SERVICETITAN) {
			JsonNode node = application.readTree("{\"at\":\"" + text + "\",\"when\":\"" + text + "\"}");
			Stamp stamp = strict.map(node, Stamp.class, CALL, "the record");
			assertThat(stamp).isEqualTo(application.treeToValue(node, Stamp.class));
		}
	}

	/** Reads the record as the client does (bound from an envelope) and as the application's mapper does. */
	private static <T> T assertSameAsJackson(JsonMapper application, String record, Class<T> type) {
		T expected;
		try {
			expected = application.readValue(record, type);
		}
		catch (JacksonException refused) {
			try {
				T value = read(application, record, type);
				fail("Jackson refused " + record + " (" + refused.getOriginalMessage() + ") but the client read " + value);
			}
			catch (ServiceTitanMappingException ex) {
				assertThat(ex.getMessage()).as(record).contains(refused.getOriginalMessage());
			}
			return null;
		}
		T actual = read(application, record, type);
		assertThat(actual).as(record).isEqualTo(expected);
		assertThat(String.valueOf(actual)).as(record).isEqualTo(String.valueOf(expected));
		return actual;
	}

	private static <T> T read(JsonMapper application, String record, Class<T> type) {
		RecordMapper records = new RecordMapper(application);
		RecordDecoder<T> decoder = RecordDecoder.mapping(records, type, CALL);
		try (EnvelopeReader reader = records.envelope(("{\"hasMore\":false,\"data\":[" + record + "]}").getBytes(),
				CALL)) {
			assertThat(reader.hasNext()).isTrue();
			return reader.next(decoder, "page 1", 0);
		}
	}

}
