package io.github.servicetitan4j.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;

import io.github.servicetitan4j.ServiceTitanClient;

import org.springframework.http.client.JdkClientHttpRequestFactory;

/**
 * The client under test, configured as a user would for a bulk job against the stub server, and the JDK HTTP client
 * the floors use, configured like the client's default one so that both sides pay for the same transport.
 */
final class Clients {

	static final String TENANT = "1234567";

	static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

	static final Duration READ_TIMEOUT = Duration.ofSeconds(100);

	private Clients() {
	}

	/**
	 * A client of the stub server with the client-side rate limiter off (the benchmarks measure the client, not the
	 * 60-calls-a-second pacing ServiceTitan asks for) and the default retry settings.
	 */
	static ServiceTitanClient.Builder client(URI server) {
		return ServiceTitanClient.builder()
			.apiUrl(server)
			.authUrl(server)
			.tenantId(TENANT)
			.appKey(StubServer.APP_KEY)
			.clientId("bench-client")
			.clientSecret("bench-secret")
			.rateLimit(0, 1, Duration.ZERO);
	}

	/** A JDK HTTP client built as {@link ServiceTitanClient}'s default request factory builds its own. */
	static HttpClient jdkHttpClient() {
		return HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NORMAL).build();
	}

	/** A request factory like {@link ServiceTitanClient}'s default one. */
	static JdkClientHttpRequestFactory requestFactory() {
		JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(jdkHttpClient());
		factory.setReadTimeout(READ_TIMEOUT);
		return factory;
	}

}
