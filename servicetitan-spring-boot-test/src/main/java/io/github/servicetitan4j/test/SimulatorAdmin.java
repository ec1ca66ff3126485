package io.github.servicetitan4j.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.github.servicetitan4j.test.internal.Json;
import io.github.servicetitan4j.test.internal.UrlCodec;

/**
 * A client of the simulator's HTTP admin API ({@code /__simulator}), for a simulator running outside the test's JVM:
 * the standalone program ({@link ServiceTitanSimulatorMain}) or the WireMock container
 * ({@link SimulatorContainerSupport}). It drives what {@link ServiceTitanSimulator} drives in the JVM: reset, faults,
 * the clock, token expiry and the request journal.
 * <pre>
 * SimulatorAdmin admin = SimulatorAdmin.at(URI.create("http://127.0.0.1:8089"));
 * admin.reset();
 * admin.addFault(Map.of("next", 2, "status", 503));
 * admin.advanceClock(Duration.ofMinutes(16));
 * List&lt;RecordedRequest&gt; requests = admin.requests();
 * </pre>
 * Any language can do the same with plain HTTP; the simulator's README lists the routes.
 */
public final class SimulatorAdmin {

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final URI baseUrl;

	private SimulatorAdmin(URI baseUrl) {
		this.baseUrl = baseUrl;
	}

	/**
	 * The admin API of the simulator at this root, such as {@code http://127.0.0.1:8089}.
	 * @param baseUrl simulator's root
	 * @return admin client
	 */
	public static SimulatorAdmin at(URI baseUrl) {
		return new SimulatorAdmin(baseUrl);
	}

	/**
	 * Settings as the simulator reports them: {@code apiUrl}, {@code authUrl}, {@code appKeys}, {@code tenants}
	 * (name, tenantId, clientId, clientSecret, tokenRequests), {@code resources}, {@code now}, {@code tokenRequests}.
	 * @return settings by name
	 */
	public Map<String, @Nullable Object> info() {
		return Json.parseObject(send("GET", "", null));
	}

	/** As {@link ServiceTitanSimulator#reset()}. */
	public void reset() {
		send("POST", "/reset", null);
	}

	/**
	 * Adds a fault rule, given as its JSON fields: {@code method} ("*" or absent for any), {@code path} (a template
	 * with {@code {name}} segments) or {@code pathRegex}, {@code times} or {@code next} (the next n requests), and one
	 * of {@code status} (with optional {@code retryAfterSeconds}), {@code delayMillis} or {@code fault}
	 * ({@code connection-reset}, {@code empty-response}, {@code random-data-then-close}, {@code truncated-body}).
	 * @throws IllegalStateException with the simulator's problem when it refuses the rule
	 * @param rule fault rule, as JSON-like map
	 */
	public void addFault(Map<String, ?> rule) {
		send("POST", "/faults", Json.write(rule));
	}

	/** Removes every fault rule. */
	public void clearFaults() {
		send("DELETE", "/faults", null);
	}

	/**
	 * The simulator's current time.
	 * @return current time
	 */
	public Instant now() {
		return Instant.parse(String.valueOf(Json.parseObject(send("GET", "/clock", null)).get("now")));
	}

	/**
	 * Moves the simulator's clock: tokens expire, the rate limit's second passes, without waiting.
	 * @param amount how far to move
	 * @return new current time
	 */
	public Instant advanceClock(Duration amount) {
		Map<String, Object> body = Map.of("advance", amount.toString());
		return Instant.parse(String.valueOf(Json.parseObject(send("POST", "/clock", Json.write(body))).get("now")));
	}

	/** Ends the life of every token given so far. */
	public void expireTokens() {
		send("POST", "/tokens/expire", null);
	}

	/**
	 * Every request the simulator received (admin calls excepted), oldest first.
	 * @return requests
	 */
	public List<RecordedRequest> requests() {
		Map<String, @Nullable Object> body = Json.parseObject(send("GET", "/requests", null));
		List<RecordedRequest> requests = new ArrayList<>();
		for (Object item : (List<?>) body.get("requests")) {
			Map<?, ?> entry = (Map<?, ?>) item;
			requests.add(new RecordedRequest(String.valueOf(entry.get("method")), String.valueOf(entry.get("path")),
					lists(entry.get("query")), lists(entry.get("headers")),
					String.valueOf(entry.get("body")).getBytes(StandardCharsets.UTF_8),
					Instant.parse(String.valueOf(entry.get("receivedAt")))));
		}
		return requests;
	}

	/** Empties the simulator's journal. */
	public void resetRequests() {
		send("DELETE", "/requests", null);
	}

	/**
	 * Live records of a tenant's resource (built-in or declared), by tenant name.
	 * @param tenant tenant name
	 * @param folder API folder, such as {@code jpm}
	 * @param resource endpoint name, such as {@code jobs}
	 * @return records
	 */
	@SuppressWarnings("unchecked")
	public List<Map<String, @Nullable Object>> records(String tenant, String folder, String resource) {
		Map<String, @Nullable Object> body = Json.parseObject(send("GET",
				"/tenants/" + UrlCodec.encode(tenant) + "/" + folder + "/" + resource, null));
		return (List<Map<String, @Nullable Object>>) body.get("data");
	}

	private static Map<String, List<String>> lists(@Nullable Object value) {
		Map<String, List<String>> lists = new LinkedHashMap<>();
		if (value instanceof Map<?, ?> map) {
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				List<String> values = new ArrayList<>();
				if (entry.getValue() instanceof List<?> list) {
					list.forEach((item) -> values.add(String.valueOf(item)));
				}
				lists.put(String.valueOf(entry.getKey()), Collections.unmodifiableList(values));
			}
		}
		return Collections.unmodifiableMap(lists);
	}

	private String send(String method, String path, @Nullable String json) {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.baseUrl.resolve("/__simulator" + path))
			.timeout(Duration.ofSeconds(30));
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		request.method(method, (json != null) ? HttpRequest.BodyPublishers.ofString(json)
				: HttpRequest.BodyPublishers.noBody());
		HttpResponse<String> response;
		try {
			response = this.client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot reach the simulator's admin API at " + this.baseUrl, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while calling the simulator's admin API", ex);
		}
		if (response.statusCode() >= 300) {
			throw new IllegalStateException(
					method + " /__simulator" + path + " answered " + response.statusCode() + ": " + response.body());
		}
		return response.body();
	}

}
