package io.github.servicetitan4j.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * The floor: what a hand-written loop over the JDK {@link HttpClient} and Jackson does, with no token handling, retry,
 * error mapping, observation or rate limiting. The client is compared against it; it is the cost of the work itself.
 */
final class JdkFloor {

	private final HttpClient http = Clients.jdkHttpClient();

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final ObjectReader elementReader = this.mapper.reader()
		.without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

	private final String base;

	JdkFloor(URI server) {
		this.base = server + "/jpm/v2/tenant/" + Clients.TENANT + "/";
	}

	/** Every record of the paged job list, read page by page into trees, as {@code getAll} returns them. */
	List<JsonNode> getAll(int pageSize) throws IOException, InterruptedException {
		List<JsonNode> records = new ArrayList<>();
		boolean more = true;
		for (int page = 1; more; page++) {
			JsonNode root;
			try (InputStream body = send("jobs?pageSize=" + pageSize + "&page=" + page)) {
				root = this.mapper.readTree(body);
			}
			root.get("data").forEach(records::add);
			more = root.get("hasMore").asBoolean();
		}
		return records;
	}

	/**
	 * Follows the export feed to its end, streaming each batch's records one at a time from the response body (a tree
	 * per record, never per batch), as a fair floor for a client that must stay within a small heap.
	 * @return the last continuation token
	 */
	@Nullable String streamExport(Consumer<JsonNode> consumer) throws IOException, InterruptedException {
		String from = null;
		boolean more = true;
		while (more) {
			String path = "export/jobs" + ((from != null) ? "?from=" + URLEncoder.encode(from, StandardCharsets.UTF_8) : "");
			more = false;
			try (InputStream body = send(path); JsonParser parser = this.mapper.createParser(body)) {
				expect(parser.nextToken(), JsonToken.START_OBJECT);
				while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
					String name = parser.currentName();
					JsonToken value = parser.nextToken();
					if ("data".equals(name)) {
						expect(value, JsonToken.START_ARRAY);
						while (parser.nextToken() != JsonToken.END_ARRAY) {
							consumer.accept(this.elementReader.readTree(parser));
						}
					}
					else if ("hasMore".equals(name)) {
						more = parser.getBooleanValue();
					}
					else if ("continueFrom".equals(name)) {
						from = parser.getValueAsString();
					}
					else {
						parser.skipChildren();
					}
				}
			}
		}
		return from;
	}

	/** One job by id, as {@code getOne} reads it. */
	JsonNode getOne(long id) throws IOException, InterruptedException {
		try (InputStream body = send("jobs/" + id)) {
			return this.mapper.readTree(body);
		}
	}

	private InputStream send(String pathAndQuery) throws IOException, InterruptedException {
		return get(this.http, this.base, pathAndQuery);
	}

	/**
	 * A GET of the stub server as the floor sends it: the client's headers, the client's read timeout, the body as
	 * the bytes arrive. Shared with {@code RecordsBenchmark}, whose floor reads the same way.
	 */
	static InputStream get(HttpClient http, String base, String pathAndQuery) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(base + pathAndQuery))
			.timeout(Clients.READ_TIMEOUT)
			.header("Authorization", "Bearer " + StubServer.TOKEN)
			.header("ST-App-Key", StubServer.APP_KEY)
			.header("Accept", "application/json")
			.GET()
			.build();
		HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
		if (response.statusCode() != 200) {
			response.body().close();
			throw new IOException("GET " + pathAndQuery + " answered " + response.statusCode());
		}
		return response.body();
	}

	private static void expect(@Nullable JsonToken actual, JsonToken expected) throws IOException {
		if (actual != expected) {
			throw new IOException("expected " + expected + " but got " + actual);
		}
	}

}
