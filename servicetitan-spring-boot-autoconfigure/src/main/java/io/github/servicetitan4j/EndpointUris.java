package io.github.servicetitan4j;

import java.lang.reflect.Array;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.StringJoiner;

import io.github.servicetitan4j.ServiceTitanClientListener.CallDescriptor;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.util.UriUtils;

/**
 * Builds the URIs of one endpoint: {@code {api-url}/{folder}/v2/tenant/{tenant}/{endpoint}[/{id}][/{modifier}][/{modifierId}]}.
 * Ids, modifiers and modifier ids are encoded as single path segments ({@code .} and {@code ..} too), so no value can
 * change the path or add a query; query names and values are encoded strictly ({@code +} becomes {@code %2B}).
 */
final class EndpointUris {

	private final String base;

	private final String resourcePath;

	EndpointUris(URI apiUrl, String tenantId, String folder, String endpoint) {
		Arguments.requireResource(folder, "folder");
		Arguments.requireResource(endpoint, "endpoint");
		if (folder.contains("/")) {
			throw new IllegalArgumentException("folder '" + folder + "' must be one path segment");
		}
		String root = apiUrl.toString();
		this.base = (root.endsWith("/") ? root.substring(0, root.length() - 1) : root) + "/" + segment(folder)
				+ "/v2/tenant/" + segment(tenantId) + "/";
		this.resourcePath = resource(endpoint);
	}

	/**
	 * A request of the endpoint, its arguments in the public API's order: path parts in path order, then the payload,
	 * then the query.
	 */
	ApiRequest request(CallDescriptor call, HttpMethod method, @Nullable String id, @Nullable String modifier,
			@Nullable Object body, Map<String, ?> query) {
		return request(call, method, id, modifier, null, body, query);
	}

	ApiRequest request(CallDescriptor call, HttpMethod method, @Nullable String id, @Nullable String modifier,
			@Nullable String modifierId, @Nullable Object body, Map<String, ?> query) {
		StringBuilder path = new StringBuilder(this.base).append(this.resourcePath);
		StringBuilder template = new StringBuilder("/{folder}/v2/tenant/{tenant}/{endpoint}");
		appendSegment(path, template, id, "id");
		appendSegment(path, template, modifier, "modifier");
		appendSegment(path, template, modifierId, "modifierId");
		return build(call, method, path.toString(), template.toString(), query, body, MediaType.APPLICATION_JSON);
	}

	ApiRequest exportRequest(CallDescriptor call, String exportEndpoint, Map<String, ?> query) {
		String path = this.base + "export/" + resource(exportEndpoint);
		return build(call, HttpMethod.GET, path, "/{folder}/v2/tenant/{tenant}/export/{endpoint}", query, null,
				MediaType.APPLICATION_JSON);
	}

	ApiRequest download(CallDescriptor call, String id, @Nullable String modifier) {
		StringBuilder path = new StringBuilder(this.base).append(this.resourcePath);
		StringBuilder template = new StringBuilder("/{folder}/v2/tenant/{tenant}/{endpoint}");
		appendSegment(path, template, id, "id");
		appendSegment(path, template, modifier, "modifier");
		return build(call, HttpMethod.GET, path.toString(), template.toString(), Map.of(), null, MediaType.ALL);
	}

	private static ApiRequest build(CallDescriptor call, HttpMethod method, String path, String template,
			Map<String, ?> query, @Nullable Object body, MediaType accept) {
		String queryString = query(query);
		URI uri = URI.create(queryString.isEmpty() ? path : path + "?" + queryString);
		return new ApiRequest(call, method, uri, uri.getRawPath(), template, body, accept);
	}

	private static void appendSegment(StringBuilder path, StringBuilder template, @Nullable String value, String name) {
		if (value != null && !value.isEmpty()) {
			path.append('/').append(segment(value));
			template.append("/{").append(name).append('}');
		}
	}

	private static String resource(String resource) {
		StringJoiner joined = new StringJoiner("/");
		for (String part : resource.split("/")) {
			joined.add(segment(part));
		}
		return joined.toString();
	}

	static String segment(String value) {
		String encoded = UriUtils.encode(value, StandardCharsets.UTF_8);
		// "." and ".." are legal in a segment but would be resolved away as path structure.
		if (encoded.equals(".") || encoded.equals("..")) {
			return encoded.replace(".", "%2E");
		}
		return encoded;
	}

	static String query(Map<String, ?> query) {
		StringJoiner joined = new StringJoiner("&");
		for (Map.Entry<String, ?> entry : query.entrySet()) {
			if (entry.getValue() == null) {
				continue;
			}
			joined.add(UriUtils.encode(entry.getKey(), StandardCharsets.UTF_8) + "="
					+ UriUtils.encode(value(entry.getValue()), StandardCharsets.UTF_8));
		}
		return joined.toString();
	}

	private static String value(Object value) {
		if (value instanceof Collection<?> collection) {
			StringJoiner joined = new StringJoiner(",");
			collection.forEach((item) -> joined.add(String.valueOf(item)));
			return joined.toString();
		}
		if (value.getClass().isArray()) {
			StringJoiner joined = new StringJoiner(",");
			for (int i = 0; i < Array.getLength(value); i++) {
				joined.add(String.valueOf(Array.get(value, i)));
			}
			return joined.toString();
		}
		return value.toString();
	}

}
