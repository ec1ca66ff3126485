package io.github.servicetitan4j;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.TimeZone;

import com.fasterxml.jackson.annotation.JsonFormat;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.ext.javatime.deser.InstantDeserializer;
import tools.jackson.databind.jsontype.TypeDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;
import tools.jackson.databind.util.AccessPattern;

/**
 * Reads ServiceTitan's dates ({@code 2024-05-01T13:22:10.1234567Z}) into {@link Instant} and {@link OffsetDateTime}
 * by hand, because Jackson's own {@code InstantDeserializer} (a {@code DateTimeFormatter} parse) was a third of a typed
 * record's cost. Only the fixed ISO shape {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}](Z|±hh:mm)} with Jackson's default
 * date settings takes the fast path, and it yields the value Jackson would; anything else (another shape, an invalid
 * day, a number, a {@code @JsonFormat} on the property, a configured time zone, truncation to milliseconds, a date
 * deserializer of the application's own) is read by the deserializer Jackson would have used, so what Jackson accepted
 * is still accepted with the same value and what it refused is still refused with the same error.
 */
final class IsoDates {

	private IsoDates() {
	}

	/**
	 * A copy of the mapper that reads dates this way and calls record creators through {@link CreatorHandles}; the
	 * application's own mapper is left as it is.
	 * @param mapper the application's mapper
	 * @return the copy
	 */
	static JsonMapper install(JsonMapper mapper) {
		SimpleModule module = new SimpleModule("servicetitan-iso-dates");
		module.setDeserializerModifier(new Modifier());
		return mapper.rebuild().addModule(module).addModule(CreatorHandles.module()).build();
	}

	/**
	 * Parses the fixed shape to an instant.
	 * @param text the characters
	 * @param offset where the value starts
	 * @param length its length
	 * @return the instant, or null if the text is not in the fixed shape or not a valid date
	 */
	static Instant instant(char[] text, int offset, int length) {
		long[] fields = fields(text, offset, length);
		if (fields == null) {
			return null;
		}
		long epochSecond = fields[0] * 86_400 + fields[1] - fields[3];
		return Instant.ofEpochSecond(epochSecond, fields[2]);
	}

	/**
	 * Parses the fixed shape to a date-time with the offset the text carries.
	 * @param text the characters
	 * @param offset where the value starts
	 * @param length its length
	 * @return the date-time, or null if the text is not in the fixed shape or not a valid date
	 */
	static OffsetDateTime offsetDateTime(char[] text, int offset, int length) {
		long[] fields = fields(text, offset, length);
		if (fields == null) {
			return null;
		}
		LocalDateTime local = LocalDateTime.of(LocalDate.ofEpochDay(fields[0]),
				LocalTime.ofNanoOfDay(fields[1] * 1_000_000_000L + fields[2]));
		return OffsetDateTime.of(local, ZoneOffset.ofTotalSeconds((int) fields[3]));
	}

	/**
	 * The epoch day, second of day, nano of second and offset in seconds, or null. Years outside 1000-9999, hour 24,
	 * leap seconds, a fraction without digits, lower-case letters and offsets beyond ±14:00 are left to Jackson.
	 */
	private static long[] fields(char[] c, int o, int length) {
		if (length < 20 || length > 35) {
			return null;
		}
		int end = o + length;
		int year = digits(c, o, 4);
		if (year < 1000 || c[o + 4] != '-' || c[o + 7] != '-' || c[o + 10] != 'T' || c[o + 13] != ':'
				|| c[o + 16] != ':') {
			return null;
		}
		int month = digits(c, o + 5, 2);
		int day = digits(c, o + 8, 2);
		int hour = digits(c, o + 11, 2);
		int minute = digits(c, o + 14, 2);
		int second = digits(c, o + 17, 2);
		if (month < 1 || month > 12 || day < 1 || day > lengthOfMonth(year, month) || hour < 0 || hour > 23
				|| minute < 0 || minute > 59 || second < 0 || second > 59) {
			return null;
		}
		int i = o + 19;
		long nanos = 0;
		if (c[i] == '.') {
			int start = ++i;
			while (i < end && c[i] >= '0' && c[i] <= '9') {
				nanos = nanos * 10 + (c[i] - '0');
				i++;
			}
			int count = i - start;
			if (count < 1 || count > 9) {
				return null;
			}
			for (int pad = count; pad < 9; pad++) {
				nanos *= 10;
			}
		}
		int offsetSeconds;
		if (end - i == 1 && c[i] == 'Z') {
			offsetSeconds = 0;
		}
		else if (end - i == 6 && (c[i] == '+' || c[i] == '-') && c[i + 3] == ':') {
			int offsetHours = digits(c, i + 1, 2);
			int offsetMinutes = digits(c, i + 4, 2);
			if (offsetHours < 0 || offsetHours > 14 || offsetMinutes < 0 || offsetMinutes > 59) {
				return null;
			}
			offsetSeconds = (offsetHours * 3600 + offsetMinutes * 60) * ((c[i] == '-') ? -1 : 1);
		}
		else {
			return null;
		}
		long epochDay = LocalDate.of(year, month, day).toEpochDay();
		return new long[] { epochDay, hour * 3600L + minute * 60L + second, nanos, offsetSeconds };
	}

	/** The number the next {@code count} characters spell, or -1 if one is not a digit. */
	private static int digits(char[] c, int from, int count) {
		int value = 0;
		for (int i = from; i < from + count; i++) {
			char ch = c[i];
			if (ch < '0' || ch > '9') {
				return -1;
			}
			value = value * 10 + (ch - '0');
		}
		return value;
	}

	private static int lengthOfMonth(int year, int month) {
		return switch (month) {
			case 2 -> ((year % 4 == 0) && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
			case 4, 6, 9, 11 -> 30;
			default -> 31;
		};
	}

	/** Whether a zone is the one Jackson's dates are in by default. */
	static boolean isUtc(TimeZone zone) {
		return zone != null && "UTC".equals(zone.getID());
	}

	/** Puts the fast path in front of Jackson's own deserializers for the two types, and only in front of those. */
	private static final class Modifier extends ValueDeserializerModifier {

		@Override
		@SuppressWarnings("unchecked")
		public ValueDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription.Supplier beanDesc,
				ValueDeserializer<?> deserializer) {
			if (deserializer == InstantDeserializer.INSTANT) {
				return new FastDeserializer<>((ValueDeserializer<Instant>) deserializer, true);
			}
			if (deserializer == InstantDeserializer.OFFSET_DATE_TIME) {
				return new FastDeserializer<>((ValueDeserializer<OffsetDateTime>) deserializer, false);
			}
			return deserializer;
		}

	}

	/**
	 * Reads the fixed shape by hand and hands everything else to Jackson's deserializer; where a property's format
	 * changes how dates are read, Jackson's contextual deserializer replaces this one altogether.
	 */
	static final class FastDeserializer<T> extends ValueDeserializer<T> {

		private final ValueDeserializer<T> jackson;

		private final boolean instant;

		FastDeserializer(ValueDeserializer<T> jackson, boolean instant) {
			this.jackson = jackson;
			this.instant = instant;
		}

		@Override
		@SuppressWarnings("unchecked")
		public T deserialize(JsonParser parser, DeserializationContext context) throws JacksonException {
			if (parser.hasToken(JsonToken.VALUE_STRING) && !context.isEnabled(DateTimeFeature.TRUNCATE_TO_MSECS_ON_READ)) {
				char[] text = parser.getStringCharacters();
				int offset = parser.getStringOffset();
				int length = parser.getStringLength();
				if (this.instant) {
					Instant value = instant(text, offset, length);
					if (value != null) {
						return (T) value;
					}
				}
				else if (!context.isEnabled(DateTimeFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)) {
					OffsetDateTime value = offsetDateTime(text, offset, length);
					if (value != null) {
						return (T) value;
					}
				}
				else if (isUtc(context.getTimeZone())) {
					// Jackson moves the value to the context's zone, UTC unless the application set another.
					OffsetDateTime value = offsetDateTime(text, offset, length);
					if (value != null) {
						return (T) value.withOffsetSameInstant(ZoneOffset.UTC);
					}
				}
			}
			return this.jackson.deserialize(parser, context);
		}

		/** Whether it reads {@code Instant}s (else {@code OffsetDateTime}s). */
		boolean readsInstants() {
			return this.instant;
		}

		@Override
		@SuppressWarnings("unchecked")
		public ValueDeserializer<?> createContextual(DeserializationContext context, BeanProperty property) {
			ValueDeserializer<?> contextual = this.jackson.createContextual(context, property);
			Class<?> type = handledType();
			JsonFormat.Value format = (property != null) ? property.findPropertyFormat(context.getConfig(), type)
					: context.getConfig().getDefaultPropertyFormat(type);
			if (format == null || JsonFormat.Value.empty().equals(format)) {
				// No format for the property or the type: what Jackson reads the fixed shape as does not change.
				return (contextual == this.jackson) ? this
						: new FastDeserializer<>((ValueDeserializer<T>) contextual, this.instant);
			}
			return contextual;
		}

		@Override
		public Object deserializeWithType(JsonParser parser, DeserializationContext context,
				TypeDeserializer typeDeserializer) throws JacksonException {
			return this.jackson.deserializeWithType(parser, context, typeDeserializer);
		}

		@Override
		public Class<?> handledType() {
			return this.jackson.handledType();
		}

		@Override
		public LogicalType logicalType() {
			return this.jackson.logicalType();
		}

		@Override
		public boolean isCachable() {
			return this.jackson.isCachable();
		}

		@Override
		public Object getNullValue(DeserializationContext context) {
			return this.jackson.getNullValue(context);
		}

		@Override
		public AccessPattern getNullAccessPattern() {
			return this.jackson.getNullAccessPattern();
		}

		@Override
		public Object getAbsentValue(DeserializationContext context) {
			return this.jackson.getAbsentValue(context);
		}

		@Override
		public Object getEmptyValue(DeserializationContext context) {
			return this.jackson.getEmptyValue(context);
		}

		@Override
		public AccessPattern getEmptyAccessPattern() {
			return this.jackson.getEmptyAccessPattern();
		}

		@Override
		public Boolean supportsUpdate(DeserializationConfig config) {
			return this.jackson.supportsUpdate(config);
		}

	}

}
