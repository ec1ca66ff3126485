package io.github.servicetitan4j;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.github.servicetitan4j.ServiceTitanClientListener.CallDescriptor;
import io.github.servicetitan4j.TypedArguments.TypedCall;
import io.github.servicetitan4j.errors.ServiceTitanException.ServiceTitanMappingException;
import io.github.servicetitan4j.export.ExportCheckpointStore;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.node.MissingNode;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.ResolvableType;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.util.MultiValueMap;
import org.springframework.web.service.invoker.HttpExchangeAdapter;
import org.springframework.web.service.invoker.HttpRequestValues;

/**
 * Sends the calls of typed HTTP interfaces ({@code @HttpExchange}) through the client's one pipeline: each call becomes
 * an {@link ApiRequest} sent by the context's {@link RequestExecutor} and read by its {@link WholeBodyReader}, or walked
 * by the same {@link PageWalk} and {@link ExportWalk} as {@link Endpoint#streamAll} and {@link Endpoint#streamExport}.
 * What the call returns says how it is read: a record ({@code Job}, {@code List<Job>}) read whole and mapped,
 * {@link Page} and {@link ExportPage} envelopes, a {@link Stream} walked lazily, an {@link ExportStream}, a download
 * ({@code byte[]}, {@link Resource}) bounded by {@code max-response-size}, nothing ({@code void}). Parts
 * ({@code @RequestPart}) are sent as one {@code multipart/form-data} body encoded once by {@link TypedMultipart}.
 * <p>
 * The path template ({@code /jpm/v2/tenant/{tenant}/jobs/{id}}) is taken under the client's API root, with
 * {@code {tenant}} filled in from the client; each variable is encoded as one path segment, as for endpoints. The
 * operation is named {@code Interface.method}, its folder and endpoint are taken from the template: no id reaches a
 * tag.
 */
final class TypedExchangeAdapter implements HttpExchangeAdapter {

	private static final Pattern VARIABLE = Pattern.compile("\\{([^}/:]+)(?::[^}]*)?}");

	private static final Pattern TENANT_PATH = Pattern.compile("/?([^/]+)/v\\d+/tenant/\\{tenant}/?(.*)");

	private final ClientContext client;

	private final String apiRoot;

	TypedExchangeAdapter(ClientContext client) {
		this.client = client;
		String root = client.apiUrl().toString();
		this.apiRoot = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
	}

	@Override
	public boolean supportsRequestAttributes() {
		return true;
	}

	@Override
	public void exchange(HttpRequestValues values) {
		Typed typed = typed(values, MediaType.APPLICATION_JSON);
		observe(typed, () -> this.client.wholeBodies().read(typed.request(), TypedExchangeAdapter::discard));
	}

	@Override
	public HttpHeaders exchangeForHeaders(HttpRequestValues values) {
		Typed typed = typed(values, MediaType.APPLICATION_JSON);
		return observe(typed, () -> this.client.wholeBodies().read(typed.request(), (response) -> {
			discard(response);
			return HttpHeaders.readOnlyHttpHeaders(response.getHeaders());
		}));
	}

	@Override
	public <T> @Nullable T exchangeForBody(HttpRequestValues values, ParameterizedTypeReference<T> bodyType) {
		@SuppressWarnings("unchecked")
		T body = (T) body(values, ResolvableType.forType(bodyType));
		return body;
	}

	@Override
	public ResponseEntity<Void> exchangeForBodilessEntity(HttpRequestValues values) {
		Typed typed = typed(values, MediaType.APPLICATION_JSON);
		return observe(typed, () -> this.client.wholeBodies().read(typed.request(), (response) -> {
			discard(response);
			return ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders()).<Void>build();
		}));
	}

	@Override
	public <T> ResponseEntity<T> exchangeForEntity(HttpRequestValues values, ParameterizedTypeReference<T> bodyType) {
		ResolvableType type = ResolvableType.forType(bodyType);
		Class<?> raw = type.toClass();
		if (Stream.class.equals(raw) || ExportStream.class.equals(raw) || Page.class.equals(raw)
				|| ExportPage.class.equals(raw)) {
			throw new IllegalArgumentException(
					"ResponseEntity<" + raw.getSimpleName() + "> is not supported; return " + raw.getSimpleName());
		}
		boolean download = isDownload(raw);
		Typed typed = typed(values, download ? MediaType.ALL : MediaType.APPLICATION_JSON);
		return observe(typed, () -> this.client.wholeBodies().read(typed.request(), (response) -> {
			byte[] bytes = response.getBody().readAllBytes();
			Object body = download ? downloaded(bytes, raw) : record(bytes, type, typed.call(), "the record");
			@SuppressWarnings("unchecked")
			T typedBody = (T) body;
			return ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders()).body(typedBody);
		}));
	}

	private @Nullable Object body(HttpRequestValues values, ResolvableType type) {
		Class<?> raw = type.toClass();
		if (Stream.class.equals(raw)) {
			return walk(typed(values, MediaType.APPLICATION_JSON), type.getGeneric(0));
		}
		if (ExportStream.class.equals(raw)) {
			return exportStream(typed(values, MediaType.APPLICATION_JSON), type.getGeneric(0));
		}
		if (Page.class.equals(raw)) {
			Typed typed = typed(values, MediaType.APPLICATION_JSON);
			Arguments.checkPageSize(typed.query());
			return observe(typed, () -> envelope(typed, type.getGeneric(0), (envelope) -> "page " + envelope.page(),
					DefaultEndpoint::page));
		}
		if (ExportPage.class.equals(raw)) {
			Typed typed = typed(values, MediaType.APPLICATION_JSON);
			return observe(typed, () -> envelope(typed, type.getGeneric(0), (envelope) -> "the batch",
					(envelope, data) -> new ExportPage<>(data, envelope.hasMore(), envelope.continueFrom())));
		}
		if (isDownload(raw)) {
			Typed typed = typed(values, MediaType.ALL);
			return observe(typed, () -> downloaded(this.client.wholeBodies().bytes(typed.request()), raw));
		}
		if (Void.class.equals(raw)) {
			exchange(values);
			return null;
		}
		Typed typed = typed(values, MediaType.APPLICATION_JSON);
		if (JsonNode.class.isAssignableFrom(raw)) {
			return observe(typed, () -> this.client.wholeBodies().json(typed.request()));
		}
		return observe(typed, () -> this.client.wholeBodies()
			.parsed(typed.request(), (bytes) -> record(bytes, type, typed.call(), "the record")));
	}

	/**
	 * An envelope read whole: records bound from the body's bytes to the element type, or kept as the trees they were
	 * read as when trees are asked for.
	 */
	private <R> R envelope(Typed typed, ResolvableType element, Function<Envelope, String> batch,
			BiFunction<Envelope, List<Object>, R> result) {
		WholeBodyReader wholeBodies = this.client.wholeBodies();
		if (JsonNode.class.isAssignableFrom(element.toClass())) {
			return wholeBodies.envelope(typed.request(),
					(envelope, data) -> result.apply(envelope, new ArrayList<>(data)));
		}
		return wholeBodies.envelope(typed.request(), elementDecoder(element, typed.call()), batch, result);
	}

	/** A body read whole as one JSON tree; an empty one is a missing node, as {@link RecordMapper#readTree} has it. */
	private JsonNode tree(byte[] bytes) {
		if (bytes.length == 0) {
			return MissingNode.getInstance();
		}
		JsonNode node = this.client.json().readTree(bytes);
		return (node != null) ? node : MissingNode.getInstance();
	}

	private static boolean isDownload(Class<?> raw) {
		return byte[].class.equals(raw) || (Resource.class.isAssignableFrom(raw) && raw.isAssignableFrom(ByteArrayResource.class));
	}

	private static Object downloaded(byte[] bytes, Class<?> raw) {
		return byte[].class.equals(raw) ? bytes : new ByteArrayResource(bytes);
	}

	private <T> Stream<T> walk(Typed typed, ResolvableType element) {
		Arguments.checkPageSize(typed.query());
		RecordDecoder<T> decoder = decoder(element, typed.call());
		return DefaultEndpoint.pageWalk(this.client, typed.call(), typed.query(),
				(pageQuery) -> typed.withQuery(pageQuery), decoder).stream();
	}

	private <T> ExportStream<T> exportStream(Typed typed, ResolvableType element) {
		Map<String, String> query = new LinkedHashMap<>(typed.query());
		String from = query.remove("from");
		String recent = query.remove("includeRecentChanges");
		ExportOptions options = typed.exportOptions();
		if (options == null) {
			options = ExportOptions.from(from).withIncludeRecentChanges(Boolean.parseBoolean(recent));
		}
		CallDescriptor call = typed.call();
		String feed = call.endpoint().startsWith("export/") ? call.endpoint().substring("export/".length())
				: call.endpoint();
		ExportCheckpointStore.Key key = new ExportCheckpointStore.Key(this.client.tenantId(), call.folder(), feed);
		return DefaultEndpoint.exportStream(this.client, call, key, options, decoder(element, call), true,
				(token, includeRecentChanges) -> {
					Map<String, Object> batchQuery = new LinkedHashMap<>();
					if (token != null && !token.isEmpty()) {
						batchQuery.put("from", token);
					}
					batchQuery.put("includeRecentChanges", includeRecentChanges);
					batchQuery.putAll(query);
					return typed.withQuery(batchQuery);
				});
	}

	@SuppressWarnings("unchecked")
	private <T> RecordDecoder<T> decoder(ResolvableType element, CallDescriptor call) {
		Class<?> raw = element.toClass();
		if (JsonNode.class.equals(raw)) {
			return (RecordDecoder<T>) RecordDecoder.NODES;
		}
		if (element.getType() instanceof Class<?> type && !Object.class.equals(type)) {
			return (RecordDecoder<T>) RecordDecoder.mapping(this.client.records(), type, call);
		}
		if (!Object.class.equals(raw)) {
			// A generic element (Map<String, Long>, Wrapper<Job>): bound from the token stream too, without a tree.
			RecordMapper records = this.client.records();
			return RecordDecoder.mapping(records, records.type(element.getType()), call);
		}
		return (node, batch, index) -> (T) generic(node, element, call, "record " + index + " of " + batch);
	}

	/**
	 * Decodes the records of a page or batch read whole as {@link #record} reads a body: a JSON {@code null} is null,
	 * plain types are bound by the client's mapper, types with type arguments by the application's.
	 */
	private RecordDecoder<Object> elementDecoder(ResolvableType element, CallDescriptor call) {
		RecordDecoder<?> decoder = (element.getType() instanceof Class<?> plain && !Object.class.equals(plain))
				? RecordDecoder.mapping(this.client.records(), plain, call) : genericDecoder(element, call);
		return new RecordDecoder<>() {

			@Override
			public @Nullable Object decode(JsonNode node, String batch, int index) {
				return (node.isNull() || node.isMissingNode()) ? null : decoder.decode(node, batch, index);
			}

			@Override
			public boolean binds() {
				return decoder.binds();
			}

			@Override
			public @Nullable RecordPlan plan() {
				// A plan reads only objects: a JSON null element is left to Jackson, and so to read() below.
				return decoder.plan();
			}

			@Override
			public @Nullable Object read(JsonParser parser, ObjectReader trees, String batch, int index) {
				return (parser.currentToken() == JsonToken.VALUE_NULL) ? null : decoder.read(parser, trees, batch, index);
			}

		};
	}

	/** Binds records of a type with type arguments with the application's mapper, straight from the tokens. */
	private RecordDecoder<Object> genericDecoder(ResolvableType type, CallDescriptor call) {
		// One record is read from the middle of a body: what follows it is the rest of the envelope, not an error.
		ObjectReader binder = genericReader(type).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
		return RecordDecoder.binding(binder, null,
				(node, batch, index) -> generic(node, type, call, "record " + index + " of " + batch),
				(ex, record) -> genericFailure(ex, type, call, record));
	}

	/**
	 * A body read whole as one record of the type, bound from its bytes: an empty body and JSON {@code null} are null,
	 * plain types are bound by the client's mapper, types with type arguments by the application's, trees are read as
	 * trees.
	 * @throws JacksonException if the body is not whole JSON (for the body to be read again)
	 */
	private @Nullable Object record(byte[] bytes, ResolvableType type, CallDescriptor call, String record) {
		Class<?> raw = type.toClass();
		if (JsonNode.class.isAssignableFrom(raw)) {
			return tree(bytes);
		}
		if (RecordMapper.isBlank(bytes) || isNull(bytes)) {
			return null;
		}
		if (type.getType() instanceof Class<?> plain && !Object.class.equals(plain)) {
			RecordMapper records = this.client.records();
			return records.read(bytes, records.type(plain), call, record);
		}
		return this.client.records().bind(bytes, genericReader(type), (ex) -> genericFailure(ex, type, call, record));
	}

	/** Whether a body is JSON {@code null} alone. */
	private static boolean isNull(byte[] bytes) {
		int start = 0;
		while (start < bytes.length && RecordMapper.isWhitespace(bytes[start])) {
			start++;
		}
		int end = bytes.length;
		while (end > start && RecordMapper.isWhitespace(bytes[end - 1])) {
			end--;
		}
		return end - start == 4 && bytes[start] == 'n' && bytes[start + 1] == 'u' && bytes[start + 2] == 'l'
				&& bytes[start + 3] == 'l';
	}

	private ObjectReader genericReader(ResolvableType type) {
		return this.client.json()
			.readerFor(this.client.json().constructType(type.getType()))
			.without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
	}

	/** Types with type arguments ({@code List<Job>}) are mapped by the application's mapper directly. */
	private Object generic(JsonNode node, ResolvableType type, CallDescriptor call, String record) {
		try {
			return genericReader(type).readValue(node);
		}
		catch (JacksonException ex) {
			throw genericFailure(ex, type, call, record);
		}
	}

	private static ServiceTitanMappingException genericFailure(JacksonException ex, ResolvableType type,
			CallDescriptor call, String record) {
		return new ServiceTitanMappingException("Could not map " + record + " from " + call.folder() + "/"
				+ call.endpoint() + " (" + call.operation() + ") to " + type + ": " + ex.getOriginalMessage(), ex);
	}

	private static Boolean discard(ClientHttpResponse response) throws java.io.IOException {
		response.getBody().readAllBytes();
		return Boolean.TRUE;
	}

	private <R> R observe(Typed typed, Supplier<R> work) {
		return DefaultEndpoint.observe(this.client, typed.call(), typed.id(), work);
	}

	/** A typed call turned into the client's terms: its call, its path, its query, its body. */
	private Typed typed(HttpRequestValues values, MediaType defaultAccept) {
		TypedCall arguments = (values.getAttributes().get(TypedArguments.CALL) instanceof TypedCall call) ? call
				: new TypedCall("typed", Map.of(), null);
		String operation = arguments.operation();
		if (values.getUri() != null || values.getUriTemplate() == null) {
			throw new IllegalArgumentException(operation
					+ ": a typed ServiceTitan call takes its path from @HttpExchange, never a URI argument");
		}
		String template = values.getUriTemplate();
		int queryStart = template.indexOf('?');
		if (queryStart >= 0) {
			template = template.substring(0, queryStart);
		}
		if (template.contains("://")) {
			throw new IllegalArgumentException(operation + ": @HttpExchange holds a path under the API root, never a"
					+ " host ('" + template + "')");
		}
		if (!template.startsWith("/")) {
			template = "/" + template;
		}
		if (!values.getCookies().isEmpty()) {
			throw new IllegalArgumentException(operation + ": cookies are not sent to ServiceTitan");
		}
		Object body = values.getBodyValue();
		boolean multipart = body instanceof MultiValueMap<?, ?>;
		MediaType accept = accept(operation, values.getHeaders(), defaultAccept, multipart);
		Map<String, String> variables = values.getUriVariables();
		StringBuilder path = new StringBuilder();
		String id = null;
		Matcher matcher = VARIABLE.matcher(template);
		while (matcher.find()) {
			String name = matcher.group(1);
			String value;
			if ("tenant".equals(name)) {
				value = this.client.tenantId();
				String given = variables.get(name);
				if (given != null && !given.equals(value)) {
					throw new IllegalArgumentException(operation + ": the tenant is the client's (" + value
							+ "); use ServiceTitanTenants for another tenant");
				}
			}
			else {
				value = variables.get(name);
				if (value == null || value.isBlank()) {
					throw new IllegalArgumentException(
							operation + ": path variable '" + name + "' must not be null or blank");
				}
				if (id == null) {
					id = value;
				}
			}
			matcher.appendReplacement(path, Matcher.quoteReplacement(EndpointUris.segment(value)));
		}
		matcher.appendTail(path);
		Matcher tenantPath = TENANT_PATH.matcher(template);
		String folder;
		String endpoint;
		if (tenantPath.matches()) {
			folder = tenantPath.group(1);
			endpoint = tenantPath.group(2);
		}
		else {
			String relative = template.substring(1);
			int slash = relative.indexOf('/');
			folder = (slash >= 0) ? relative.substring(0, slash) : relative;
			endpoint = (slash >= 0) ? relative.substring(slash + 1) : "";
		}
		CallDescriptor call = new CallDescriptor(folder, endpoint, operation);
		byte[] bytes = null;
		MediaType contentType = null;
		if (body instanceof MultiValueMap<?, ?> parts) {
			// Encoded once: every attempt sends these bytes, and an upload over the bound is refused before sending.
			TypedMultipart.Encoded encoded = new TypedMultipart(this.client.records(), TypedMultipart.MAX_UPLOAD_SIZE)
				.encode(operation, parts);
			bytes = encoded.body();
			contentType = encoded.contentType();
		}
		else if (body != null) {
			bytes = this.client.records().toJson(body);
			contentType = MediaType.APPLICATION_JSON;
		}
		return new Typed(call, values.getHttpMethod(), this.apiRoot + path, template, arguments.query(),
				arguments.exportOptions(), bytes, contentType, accept, id);
	}

	private static MediaType accept(String operation, HttpHeaders headers, MediaType defaultAccept,
			boolean multipart) {
		MediaType accept = defaultAccept;
		for (String name : headers.headerNames()) {
			if (HttpHeaders.ACCEPT.equalsIgnoreCase(name)) {
				List<MediaType> accepted = headers.getAccept();
				if (accepted.size() == 1) {
					accept = accepted.get(0);
				}
				else if (accepted.contains(MediaType.APPLICATION_JSON) && MediaType.APPLICATION_JSON.equals(defaultAccept)) {
					accept = MediaType.APPLICATION_JSON;
				}
				else {
					accept = MediaType.ALL;
				}
			}
			else if (HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name)) {
				MediaType contentType = headers.getContentType();
				MediaType sent = multipart ? MediaType.MULTIPART_FORM_DATA : MediaType.APPLICATION_JSON;
				if (contentType != null && !contentType.isCompatibleWith(sent)) {
					throw new IllegalArgumentException(operation + ": " + (multipart
							? "parts (@RequestPart) are sent as multipart/form-data, not "
							: "bodies are sent as JSON, not ") + contentType);
				}
			}
			else {
				throw new IllegalArgumentException(operation + ": header '" + name
						+ "' is not sent by typed ServiceTitan calls (the client sets its own)");
			}
		}
		return accept;
	}

	/**
	 * One typed call in the client's terms.
	 *
	 * @param call its name for observations, meters and messages
	 * @param method its method
	 * @param path the full, encoded URI without the query
	 * @param template the path template, for observations
	 * @param query the written query
	 * @param exportOptions its export options argument, or null
	 * @param body its body (JSON, or an encoded multipart upload), or null
	 * @param contentType its body's content type, or null
	 * @param accept the media type to accept
	 * @param id the first path variable (high cardinality), or null
	 */
	private record Typed(CallDescriptor call, HttpMethod method, String path, String template,
			Map<String, String> query, @Nullable ExportOptions exportOptions, byte @Nullable [] body,
			@Nullable MediaType contentType, MediaType accept, @Nullable String id) {

		ApiRequest request() {
			return withQuery(this.query);
		}

		ApiRequest withQuery(Map<String, ?> query) {
			String written = EndpointUris.query(query);
			URI uri = URI.create(written.isEmpty() ? this.path : this.path + "?" + written);
			return new ApiRequest(this.call, this.method, uri, uri.getRawPath(), this.template, this.body,
					this.contentType, this.accept);
		}

	}

}
