package io.github.servicetitan4j.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.github.servicetitan4j.test.internal.Json;
import io.github.servicetitan4j.test.internal.UrlCodec;

/**
 * A bare HTTP client for the tests: fetches a token with the simulator's credentials and sends API calls with it and
 * the app key, the way a ServiceTitan client does, so the tests see exactly what goes over the wire.
 */
final class SimulatorHttp {

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final URI baseUrl;

	private final String tenantId;

	private final String clientId;

	private final String clientSecret;

	private final String appKey;

	private @Nullable String token;

	SimulatorHttp(ServiceTitanSimulator simulator) {
		this(simulator.apiUrl(), simulator.tenantId(), simulator.clientId(), simulator.clientSecret(),
				simulator.appKey());
	}

	SimulatorHttp(URI baseUrl, String tenantId, String clientId, String clientSecret, String appKey) {
		this.baseUrl = baseUrl;
		this.tenantId = tenantId;
		this.clientId = clientId;
		this.clientSecret = clientSecret;
		this.appKey = appKey;
	}

	/** Calls the token endpoint with this form body. */
	HttpResponse<String> tokenRequest(String form) {
		return send(HttpRequest.newBuilder(this.baseUrl.resolve("/connect/token"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build());
	}

	/** The form body a correct client sends. */
	String credentialsForm() {
		return "grant_type=client_credentials&client_id=" + UrlCodec.encode(this.clientId) + "&client_secret="
				+ UrlCodec.encode(this.clientSecret);
	}

	/** A fresh access token. */
	String token() {
		HttpResponse<String> response = tokenRequest(credentialsForm());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("Token request failed: " + response.statusCode() + " " + response.body());
		}
		return (String) Json.parseObject(response.body()).get("access_token");
	}

	/** {@code /{folder}/v2/tenant/{tenant}/{rest}}. */
	String path(String folder, String rest) {
		return "/" + folder + "/v2/tenant/" + this.tenantId + "/" + rest;
	}

	/** An authenticated request builder for a path (with query) on the simulator. */
	HttpRequest.Builder request(String pathAndQuery) {
		if (this.token == null) {
			this.token = token();
		}
		return HttpRequest.newBuilder(this.baseUrl.resolve(pathAndQuery))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Bearer " + this.token)
			.header("ST-App-Key", this.appKey);
	}

	HttpResponse<String> get(String pathAndQuery) {
		return send(request(pathAndQuery).GET().build());
	}

	HttpResponse<String> sendJson(String method, String pathAndQuery, @Nullable Object body) {
		HttpRequest.BodyPublisher publisher = (body != null)
				? HttpRequest.BodyPublishers.ofString(Json.write(body)) : HttpRequest.BodyPublishers.noBody();
		return send(request(pathAndQuery).header("Content-Type", "application/json").method(method, publisher).build());
	}

	/** GET, expecting 200 with a JSON object. */
	Map<String, @Nullable Object> getJson(String pathAndQuery) {
		HttpResponse<String> response = get(pathAndQuery);
		if (response.statusCode() != 200) {
			throw new IllegalStateException("GET " + pathAndQuery + " answered " + response.statusCode() + " "
					+ response.body());
		}
		return Json.parseObject(response.body());
	}

	HttpResponse<String> send(HttpRequest request) {
		try {
			return this.client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	<T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException {
		try {
			return this.client.send(request, handler);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	static Map<String, @Nullable Object> json(HttpResponse<String> response) {
		return Json.parseObject(response.body());
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, @Nullable Object>> data(Map<String, @Nullable Object> body) {
		return (List<Map<String, @Nullable Object>>) body.get("data");
	}

	static long id(Map<String, @Nullable Object> record) {
		return ((Number) record.get("id")).longValue();
	}

}
