package io.github.servicetitan4j;

import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ValueConstants;
import org.springframework.web.service.invoker.HttpRequestValues;
import org.springframework.web.service.invoker.HttpServiceArgumentResolver;

/**
 * Reads what a typed call's arguments mean beyond its path and body: the query, written as ServiceTitan reads it
 * (enums by their JSON value, dates ISO 8601, lists comma-separated, nulls left out), an {@link ExportOptions}
 * argument, and the operation's name. It claims every {@code @RequestParam} and {@code ExportOptions} parameter
 * (Spring's own resolvers would write an enum by its constant's name) and hands the whole to the
 * {@link TypedExchangeAdapter} as one request attribute, a {@link TypedCall}.
 */
final class TypedArguments implements HttpServiceArgumentResolver, HttpRequestValues.Processor {

	/** The request attribute that holds the {@link TypedCall}. */
	static final String CALL = TypedArguments.class.getName() + ".call";

	private final JsonMapper json;

	TypedArguments(JsonMapper json) {
		this.json = json;
	}

	@Override
	public boolean resolve(@Nullable Object argument, MethodParameter parameter,
			HttpRequestValues.Builder requestValues) {
		// Claimed here, read in process, which sees every argument at once and in order.
		return parameter.hasParameterAnnotation(RequestParam.class)
				|| ExportOptions.class.equals(parameter.getParameterType());
	}

	@Override
	public void process(Method method, MethodParameter[] parameters, @Nullable Object[] arguments,
			HttpRequestValues.Builder requestValues) {
		String operation = operation(method);
		Map<String, String> query = new LinkedHashMap<>();
		ExportOptions options = null;
		for (int i = 0; i < parameters.length; i++) {
			MethodParameter parameter = parameters[i];
			Object argument = unwrap(arguments[i]);
			RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
			if (param != null) {
				addQuery(operation, parameter, param, argument, query);
			}
			else if (ExportOptions.class.equals(parameter.getParameterType())) {
				if (argument == null) {
					throw new IllegalArgumentException(
							operation + ": options must not be null (use ExportOptions.defaults())");
				}
				options = (ExportOptions) argument;
			}
		}
		requestValues.addAttribute(CALL, new TypedCall(operation, query, options));
	}

	/** The operation name of a method, bounded by the interface: {@code JobsApi.jobsGet}. */
	static String operation(Method method) {
		return method.getDeclaringClass().getSimpleName() + "." + method.getName();
	}

	private void addQuery(String operation, MethodParameter parameter, RequestParam param, @Nullable Object argument,
			Map<String, String> query) {
		String name = param.name();
		if (name.isEmpty() && Map.class.isAssignableFrom(parameter.getParameterType())) {
			if (argument != null) {
				((Map<?, ?>) argument).forEach((key, value) -> put(query, String.valueOf(key), unwrap(value)));
			}
			return;
		}
		if (name.isEmpty()) {
			name = parameter.getParameterName();
			if (name == null) {
				throw new IllegalArgumentException(operation + ": query parameter " + parameter.getParameterIndex()
						+ " has no name; name it in @RequestParam or compile with -parameters");
			}
		}
		Object value = argument;
		if (value == null && !ValueConstants.DEFAULT_NONE.equals(param.defaultValue())) {
			value = param.defaultValue();
		}
		if (value == null && param.required()) {
			throw new IllegalArgumentException(operation + ": query parameter '" + name + "' is required");
		}
		put(query, name, value);
	}

	private void put(Map<String, String> query, String name, @Nullable Object value) {
		String written = write(value);
		if (written != null) {
			query.put(name, written);
		}
	}

	/** A query value as ServiceTitan reads it, or null to leave it out (null, or an empty list). */
	@Nullable String write(@Nullable Object value) {
		if (value == null) {
			return null;
		}
		if (value instanceof Collection<?> collection) {
			return joined(collection.toArray());
		}
		if (value.getClass().isArray() && !(value instanceof byte[])) {
			Object[] items = new Object[Array.getLength(value)];
			for (int i = 0; i < items.length; i++) {
				items[i] = Array.get(value, i);
			}
			return joined(items);
		}
		return scalar(value);
	}

	private @Nullable String joined(Object[] items) {
		StringJoiner joined = new StringJoiner(",");
		for (Object item : items) {
			String written = (item != null) ? scalar(unwrap(item)) : null;
			if (written != null) {
				joined.add(written);
			}
		}
		return (joined.length() > 0) ? joined.toString() : null;
	}

	private @Nullable String scalar(@Nullable Object value) {
		if (value == null) {
			return null;
		}
		if (value instanceof Enum<?>) {
			// The value ServiceTitan knows (@JsonValue, @JsonProperty), not the constant's Java name.
			JsonNode node = this.json.valueToTree(value);
			return node.isString() ? node.asString() : node.toString();
		}
		if (value instanceof OffsetDateTime || value instanceof ZonedDateTime) {
			return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format((TemporalAccessor) value);
		}
		if (value instanceof LocalDateTime dateTime) {
			return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(dateTime);
		}
		if (value instanceof Date date) {
			return date.toInstant().toString();
		}
		if (value instanceof Instant || value instanceof TemporalAccessor) {
			return value.toString();
		}
		return value.toString();
	}

	private static @Nullable Object unwrap(@Nullable Object value) {
		return (value instanceof Optional<?> optional) ? optional.orElse(null) : value;
	}

	/**
	 * What one typed call's arguments say beyond its path and body.
	 *
	 * @param operation the operation's name ({@code JobsApi.jobsGet}), for observations and meters
	 * @param query the query, written, in parameter order
	 * @param exportOptions the export options argument, or null
	 */
	record TypedCall(String operation, Map<String, String> query, @Nullable ExportOptions exportOptions) {

		TypedCall {
			query = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(query));
		}

	}

}
