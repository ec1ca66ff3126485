package io.github.servicetitan4j;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Checks of Endpoint arguments, made before any request so that bad input fails fast with a message that names it.
 */
final class Arguments {

	static final int MAX_PAGE_SIZE = ServiceTitanClient.MAX_PAGE_SIZE;

	private Arguments() {
	}

	static void requireId(@Nullable String value, String name) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(name + " must not be null or blank");
		}
	}

	/**
	 * Checks a tenant id: ServiceTitan's tenant ids are numbers (at most 19 digits, a Java long). Surrounding
	 * whitespace is allowed and trimmed by the caller.
	 */
	static void requireTenantId(@Nullable String tenantId) {
		Assert.hasText(tenantId, "tenantId must be set");
		if (!ServiceTitanClient.isValidTenantId(tenantId)) {
			throw new IllegalArgumentException("tenantId must be a number, not '" + tenantId + "'");
		}
	}

	static void requireResource(@Nullable String value, String name) {
		requireId(value, name);
		for (String segment : value.split("/", -1)) {
			if (segment.isBlank() || segment.equals(".") || segment.equals("..")) {
				throw new IllegalArgumentException(name + " '" + value + "' has an empty, '.' or '..' path segment");
			}
		}
	}

	static void requirePayload(@Nullable Object payload) {
		if (payload == null) {
			throw new IllegalArgumentException("payload must not be null");
		}
	}

	static void requireType(@Nullable Class<?> type) {
		if (type == null) {
			throw new IllegalArgumentException("type must not be null");
		}
	}

	static void requireOptions(@Nullable ExportOptions options) {
		if (options == null) {
			throw new IllegalArgumentException("options must not be null (use ExportOptions.defaults())");
		}
	}

	/** Whether the query asks for {@code totalCount}, which tells how many pages a walk has. */
	static boolean includesTotal(Map<String, ?> query) {
		Object includeTotal = query.get("includeTotal");
		return includeTotal != null && "true".equalsIgnoreCase(includeTotal.toString().trim());
	}

	static void checkPageSize(Map<String, ?> query) {
		if (query == null) {
			throw new IllegalArgumentException("query must not be null (use Map.of())");
		}
		Object pageSize = query.get("pageSize");
		if (pageSize != null) {
			checkPageSize(toInt(pageSize, "pageSize"));
		}
		Object page = query.get("page");
		if (page != null && toInt(page, "page") < 1) {
			throw new IllegalArgumentException("page must be 1 or more, not " + page);
		}
	}

	static void checkPageSize(int pageSize) {
		if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
			throw new IllegalArgumentException("pageSize must be between 1 and " + MAX_PAGE_SIZE + ", not " + pageSize);
		}
	}

	static int firstPage(Map<String, ?> query) {
		Object page = query.get("page");
		return (page != null) ? toInt(page, "page") : 1;
	}

	private static int toInt(Object value, String name) {
		if (value instanceof Number number) {
			return number.intValue();
		}
		try {
			return Integer.parseInt(value.toString().trim());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(name + " must be a whole number, not '" + value + "'");
		}
	}

}
