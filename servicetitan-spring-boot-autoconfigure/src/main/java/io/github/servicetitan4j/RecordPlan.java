package io.github.servicetitan4j;

import java.lang.invoke.MethodHandle;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.deser.SettableBeanProperty;
import tools.jackson.databind.deser.bean.BeanDeserializer;
import tools.jackson.databind.deser.impl.MethodProperty;
import tools.jackson.databind.deser.jdk.CollectionDeserializer;
import tools.jackson.databind.deser.jdk.NumberDeserializers;
import tools.jackson.databind.deser.jdk.StringCollectionDeserializer;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.type.LogicalType;

/**
 * Binds a Java record straight from JSON bytes held in memory (a page read ahead), for the records Jackson itself would
 * bind in the plainest way: a record whose components are strings, {@code long}s, {@code int}s, booleans and
 * {@code double}s (primitive or boxed), {@code BigDecimal}s, ServiceTitan's {@code Instant} and {@code OffsetDateTime}
 * dates ({@link IsoDates}), lists of those, and records of the same kind, with nothing that changes how Jackson reads
 * them (no any-setter, views, injection, object ids, ignorals, polymorphism, problem handlers, unknown properties that
 * fail, duplicate detection).
 * <p>
 * The plan is made from the deserializer Jackson built for the record, so names (after {@code @JsonProperty} and the
 * naming strategy), aliases and case-insensitivity are Jackson's; a name it does not know is looked up as Jackson
 * looks it up. It reads only what it can read exactly as Jackson would and {@link JsonBytes#bail() bails} on anything
 * else (a number in a string component, a null for a primitive, a missing or repeated property, an escape it does not
 * know, a date in another shape, a creator that throws): the record is then bound by Jackson from the same bytes, so
 * the result, or the failure, is Jackson's.
 */
final class RecordPlan {

	/** How many properties a record may have (the mask of those seen is a {@code long}). */
	private static final int MAX_PROPERTIES = 63;

	/** How many names (the record's and the others the records hold) a plan remembers as bytes. */
	private static final int MAX_NAMES = 512;

	private enum Kind {

		LONG, LONG_BOX, INT, INT_BOX, BOOLEAN, BOOLEAN_BOX, DOUBLE, DOUBLE_BOX, BIG_DECIMAL, STRING, INSTANT,
		OFFSET_DATE_TIME, OFFSET_DATE_TIME_UTC, LIST, RECORD

	}

	private final Planned jackson;

	private final MethodHandle creator;

	private final int count;

	private final long all;

	private final Kind[] kinds;

	private final @Nullable Kind[] elements;

	private final @Nullable RecordPlan[] nested;

	private final boolean[] nullable;

	/** Whether an integer is read into each floating-point component, as Jackson's coercion settings allow. */
	private final boolean[] integers;

	/** The names met so far, as bytes, with the creator index each is for (-1: not a property). */
	private volatile Names names;

	/** The position in {@link #names} of the name met last at each place in a record (records keep one order). */
	private final int[] order = new int[MAX_PROPERTIES + 1];

	private RecordPlan(Planned jackson, MethodHandle creator, SettableBeanProperty[] properties, Kind[] kinds,
			@Nullable Kind[] elements, @Nullable RecordPlan[] nested, boolean[] nullable, boolean[] integers) {
		this.jackson = jackson;
		this.creator = creator;
		this.count = properties.length;
		this.all = (1L << this.count) - 1;
		this.kinds = kinds;
		this.elements = elements;
		this.nested = nested;
		this.nullable = nullable;
		this.integers = integers;
		byte[][] bytes = new byte[properties.length][];
		int[] index = new int[properties.length];
		for (SettableBeanProperty property : properties) {
			int i = property.getCreatorIndex();
			bytes[i] = plain(property.getName());
			index[i] = i;
		}
		this.names = new Names(bytes, index);
		for (int k = 0; k < this.order.length; k++) {
			this.order[k] = (k < this.count) ? k : 0;
		}
	}

	/** A name as the bytes a record holds it as, or null if JSON writes it with escapes (a quote, a control character). */
	private static byte @Nullable [] plain(String name) {
		byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
		for (byte b : bytes) {
			if (b == '"' || b == '\\' || (b >= 0 && b < 0x20)) {
				return null;
			}
		}
		return bytes;
	}

	/**
	 * The plan for a type, if Jackson binds it in a way a plan reads exactly.
	 * @param type the type
	 * @param context a context of the client's mapper
	 * @param config the configuration records are bound with
	 * @param factory the client's stream factory
	 * @return the plan, or null
	 */
	static @Nullable RecordPlan of(JavaType type, DeserializationContext context, DeserializationConfig config,
			TokenStreamFactory factory) {
		if (!JsonBytes.reads(factory, config)) {
			return null;
		}
		try {
			return of(context.findRootValueDeserializer(type), context, config, new HashSet<>());
		}
		catch (RuntimeException ex) {
			// Jackson cannot make a deserializer: it says so itself when it binds.
			return null;
		}
	}

	private static @Nullable RecordPlan of(ValueDeserializer<?> deserializer, DeserializationContext context,
			DeserializationConfig config, Set<Class<?>> making) {
		if (deserializer.getClass() != BeanDeserializer.class) {
			return null;
		}
		Planned planned = new Planned((BeanDeserializer) deserializer);
		if (!planned.plain()
				|| !(planned.getValueInstantiator() instanceof CreatorHandles.Spreading spreading)
				|| (planned.viewsApply() && config.getActiveView() != null) || !making.add(planned.handledType())) {
			return null;
		}
		boolean unknownSkipped = planned.ignoresAllUnknown()
				|| (!config.isEnabled(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
						&& config.getProblemHandlers() == null);
		if (!unknownSkipped) {
			return null;
		}
		int count = spreading.arity();
		if (count == 0 || count > MAX_PROPERTIES) {
			return null;
		}
		SettableBeanProperty[] properties = new SettableBeanProperty[count];
		for (Iterator<SettableBeanProperty> it = planned.creatorProperties(); it.hasNext();) {
			// Jackson lists a property once per name it answers to (an alias is a second name).
			SettableBeanProperty property = it.next();
			int index = property.getCreatorIndex();
			if (index >= 0 && index < count && properties[index] == property) {
				continue;
			}
			if (index < 0 || index >= count || properties[index] != null || property.hasValueTypeDeserializer()
					|| property.getInjectableValueId() != null || property.isInjectionOnly()
					|| property.isMerging() || property.getManagedReferenceName() != null
					|| property.getObjectIdInfo() != null) {
				return null;
			}
			properties[index] = property;
		}
		if (Arrays.asList(properties).contains(null)) {
			return null;
		}
		boolean nulls = !config.isEnabled(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES);
		Kind[] kinds = new Kind[count];
		Kind[] elements = new Kind[count];
		RecordPlan[] nested = new RecordPlan[count];
		boolean[] nullable = new boolean[count];
		boolean[] integers = new boolean[count];
		for (int i = 0; i < count; i++) {
			SettableBeanProperty property = properties[i];
			ValueDeserializer<Object> value = property.getValueDeserializer();
			Class<?> raw = property.getType().getRawClass();
			Kind kind = kind(raw, value, nested, i, context, config, making);
			boolean list = raw == List.class || raw == Collection.class || raw == ArrayList.class;
			if (kind == null && list && value.getClass() == StringCollectionDeserializer.class
					&& ((StringCollectionDeserializer) (ValueDeserializer<?>) value).getContentDeserializer() == null) {
				elements[i] = Kind.STRING;
				kind = Kind.LIST;
			}
			if (kind == null && list && value.getClass() == CollectionDeserializer.class) {
				CollectionDeserializer collection = (CollectionDeserializer) (ValueDeserializer<?>) value;
				JavaType content = collection.getContentType();
				if (context.findTypeDeserializer(content) == null && !content.isPrimitive()) {
					elements[i] = kind(content.getRawClass(), collection.getContentDeserializer(), nested, i, context,
							config, making);
					kind = (elements[i] != null) ? Kind.LIST : null;
				}
			}
			if (kind == null) {
				return null;
			}
			kinds[i] = kind;
			Class<?> number = (kind == Kind.LIST) ? property.getType().getContentType().getRawClass() : raw;
			integers[i] = config.findCoercionAction(LogicalType.Float, number,
					CoercionInputShape.Integer) == CoercionAction.TryConvert;
			nullable[i] = nulls && !raw.isPrimitive() && nullValueIsNull(property, context);
		}
		making.remove(planned.handledType());
		return new RecordPlan(planned, spreading.spreader(), properties, kinds, elements, nested, nullable, integers);
	}

	/** A value's kind: a scalar, or a record with a plan of its own (then kept in {@code nested[i]}); null if neither. */
	private static @Nullable Kind kind(Class<?> raw, ValueDeserializer<?> value, @Nullable RecordPlan[] nested, int i,
			DeserializationContext context, DeserializationConfig config, Set<Class<?>> making) {
		Kind kind = scalar(raw, value, config);
		if (kind == null && value.getClass() == BeanDeserializer.class) {
			nested[i] = of(value, context, config, making);
			kind = (nested[i] != null) ? Kind.RECORD : null;
		}
		return kind;
	}

	private static @Nullable Kind scalar(Class<?> raw, ValueDeserializer<?> value, DeserializationConfig config) {
		Class<?> type = value.getClass();
		if (raw == String.class && type == StringDeserializer.class) {
			return Kind.STRING;
		}
		if (type == NumberDeserializers.LongDeserializer.class) {
			return (raw == long.class) ? Kind.LONG : (raw == Long.class) ? Kind.LONG_BOX : null;
		}
		if (type == NumberDeserializers.IntegerDeserializer.class) {
			return (raw == int.class) ? Kind.INT : (raw == Integer.class) ? Kind.INT_BOX : null;
		}
		if (type == NumberDeserializers.BooleanDeserializer.class) {
			return (raw == boolean.class) ? Kind.BOOLEAN : (raw == Boolean.class) ? Kind.BOOLEAN_BOX : null;
		}
		if (type == NumberDeserializers.DoubleDeserializer.class) {
			return (raw == double.class) ? Kind.DOUBLE : (raw == Double.class) ? Kind.DOUBLE_BOX : null;
		}
		if (type == NumberDeserializers.BigDecimalDeserializer.class && raw == BigDecimal.class) {
			return Kind.BIG_DECIMAL;
		}
		if (value instanceof IsoDates.FastDeserializer<?> dates
				&& !config.isEnabled(DateTimeFeature.TRUNCATE_TO_MSECS_ON_READ)) {
			if (raw == Instant.class && dates.readsInstants()) {
				return Kind.INSTANT;
			}
			if (raw == OffsetDateTime.class && !dates.readsInstants()) {
				if (!config.isEnabled(DateTimeFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)) {
					return Kind.OFFSET_DATE_TIME;
				}
				return IsoDates.isUtc(config.getTimeZone()) ? Kind.OFFSET_DATE_TIME_UTC : null;
			}
		}
		return null;
	}

	/** Whether Jackson makes a JSON {@code null} into Java's for the property, as it does unless told otherwise. */
	private static boolean nullValueIsNull(SettableBeanProperty property, DeserializationContext context) {
		try {
			return property.getNullValueProvider().getNullValue(context) == null;
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	/**
	 * Binds the record the cursor stands on.
	 * @param in the cursor, left after the record
	 * @param depth how deep the record is nested
	 * @return the record
	 * @throws JsonBytes.Bail if Jackson is to bind it
	 */
	Object read(JsonBytes in, int depth) {
		Object[] args = new Object[this.count];
		long seen = 0;
		if (in.opens('{', '}')) {
			int k = 0;
			do {
				in.nameAhead();
				int index = index(in, k++);
				in.expect(':');
				if (index < 0) {
					in.skipValue(depth + 1);
				}
				else {
					long bit = 1L << index;
					if ((seen & bit) != 0) {
						throw JsonBytes.bail();
					}
					seen |= bit;
					args[index] = value(in, index, depth);
				}
			}
			while (in.more('}'));
		}
		if (seen != this.all) {
			throw JsonBytes.bail();
		}
		try {
			return (Object) this.creator.invokeExact(args);
		}
		catch (Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			// Jackson calls the creator again, and reports what it throws its own way.
			throw JsonBytes.bail();
		}
	}

	/** The creator index of the property whose name the cursor stands on, or -1 for a name that is none. */
	private int index(JsonBytes in, int k) {
		Names known = this.names;
		int guess = (k < this.order.length) ? this.order[k] : 0;
		int at = in.name(known.bytes, (guess < known.words.length) ? known.words[guess] : null, guess);
		if (at >= 0) {
			if (k < this.order.length) {
				this.order[k] = at;
			}
			return known.index[at];
		}
		boolean plain = at == -1;
		String name = in.name();
		SettableBeanProperty property = this.jackson.creatorProperty(name);
		int index = (property != null) ? property.getCreatorIndex() : -1;
		if (plain) {
			remember(name, index);
		}
		return index;
	}

	private synchronized void remember(String name, int index) {
		Names known = this.names;
		byte[] bytes = name.getBytes(StandardCharsets.ISO_8859_1);
		if (known.bytes.length >= MAX_NAMES || known.position(bytes) >= 0) {
			return;
		}
		byte[][] more = Arrays.copyOf(known.bytes, known.bytes.length + 1);
		int[] indexes = Arrays.copyOf(known.index, known.index.length + 1);
		more[known.bytes.length] = bytes;
		indexes[known.bytes.length] = index;
		this.names = new Names(more, indexes);
	}

	private Object value(JsonBytes in, int index, int depth) {
		int c = in.peek();
		if (c == 'n') {
			if (!this.nullable[index] || !in.nullValue()) {
				throw JsonBytes.bail();
			}
			return null;
		}
		Kind kind = this.kinds[index];
		if (kind == Kind.LIST) {
			return list(in, index, depth + 1);
		}
		return scalar(in, kind, index, depth);
	}

	private Object scalar(JsonBytes in, Kind kind, int index, int depth) {
		int c = in.peek();
		return switch (kind) {
			case LONG, LONG_BOX -> in.longValue();
			case INT, INT_BOX -> in.intValue();
			case BOOLEAN, BOOLEAN_BOX -> in.booleanValue();
			case DOUBLE, DOUBLE_BOX -> in.doubleValue(this.integers[index]);
			case BIG_DECIMAL -> in.decimalValue(this.integers[index]);
			case STRING -> {
				if (c != '"') {
					throw JsonBytes.bail();
				}
				yield in.string();
			}
			case INSTANT, OFFSET_DATE_TIME, OFFSET_DATE_TIME_UTC -> date(in, kind, c);
			case RECORD -> nested(index).read(in, depth + 1);
			case LIST -> throw JsonBytes.bail();
		};
	}

	private RecordPlan nested(int index) {
		RecordPlan plan = this.nested[index];
		if (plan == null) {
			throw JsonBytes.bail();
		}
		return plan;
	}

	private static Object date(JsonBytes in, Kind kind, int c) {
		if (c != '"') {
			throw JsonBytes.bail();
		}
		int length = in.asciiChars();
		Object value = switch (kind) {
			case INSTANT -> IsoDates.instant(in.chars(), 0, length);
			case OFFSET_DATE_TIME -> IsoDates.offsetDateTime(in.chars(), 0, length);
			default -> {
				OffsetDateTime time = IsoDates.offsetDateTime(in.chars(), 0, length);
				yield (time != null) ? time.withOffsetSameInstant(ZoneOffset.UTC) : null;
			}
		};
		if (value == null) {
			throw JsonBytes.bail();
		}
		return value;
	}

	private List<Object> list(JsonBytes in, int index, int depth) {
		List<Object> list = new ArrayList<>();
		Kind element = this.elements[index];
		if (in.opens('[', ']')) {
			do {
				if (in.peek() == 'n') {
					// Jackson's null elements follow settings of the collection's own: left to it.
					throw JsonBytes.bail();
				}
				list.add(scalar(in, element, index, depth));
			}
			while (in.more(']'));
		}
		return list;
	}

	/** Names as bytes and the creator index each is for; replaced whole when a name is added. */
	private static final class Names {

		final byte[][] bytes;

		final JsonBytes.@Nullable Words[] words;

		final int[] index;

		Names(byte[][] bytes, int[] index) {
			this.bytes = bytes;
			this.index = index;
			this.words = new JsonBytes.Words[bytes.length];
			for (int i = 0; i < bytes.length; i++) {
				this.words[i] = JsonBytes.Words.of(bytes[i]);
			}
		}

		int position(byte[] name) {
			for (int i = 0; i < this.bytes.length; i++) {
				if (this.bytes[i] != null && Arrays.equals(this.bytes[i], name)) {
					return i;
				}
			}
			return -1;
		}

	}

	/**
	 * A copy of the deserializer Jackson built for a record, made only to tell a plan what it holds: whether anything
	 * beyond the plainest binding is configured, and which property a name is. It is never given to Jackson, which keeps
	 * using its own (Jackson treats its own class alone as able to make unwrapping copies, for instance).
	 */
	static final class Planned extends BeanDeserializer {

		private static final long serialVersionUID = 1L;

		Planned(BeanDeserializer jackson) {
			super(jackson);
		}

		/**
		 * Whether Jackson binds the record through its creator alone, with nothing a plan does not do (views aside:
		 * they apply only when the reader has one).
		 */
		boolean plain() {
			if (this._propertyBasedCreator == null || !this._beanType.isRecordType() || this._anySetter != null
					|| this._objectIdReader != null || this._injectables != null
					|| this._unwrappedPropertyHandler != null || this._externalTypeIdHandler != null
					|| this._ignorableProps != null || this._includableProps != null || this._backRefs != null
					|| this._delegateDeserializer != null || this._arrayDelegateDeserializer != null) {
				return false;
			}
			for (Iterator<SettableBeanProperty> it = properties(); it.hasNext();) {
				if (it.next() instanceof MethodProperty) {
					return false;
				}
			}
			return true;
		}

		/** Whether properties are left out under views (which only matters when a view is active). */
		boolean viewsApply() {
			return this._needViewProcesing;
		}

		boolean ignoresAllUnknown() {
			return this._ignoreAllUnknown;
		}

		@Nullable SettableBeanProperty creatorProperty(String name) {
			return this._propertyBasedCreator.findCreatorProperty(name);
		}

	}

}
