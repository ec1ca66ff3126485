package io.github.servicetitan4j;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.github.servicetitan4j.retry.RetrySettings;
import io.github.servicetitan4j.retry.Sleeper;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A WireMock server on loopback posing as ServiceTitan's API and token endpoint, with test credentials, a settable
 * clock and a sleeper that records delays instead of sleeping. Register it as a static {@code @RegisterExtension}
 * field: it is reset (stubs, journal, recorded sleeps) before each test and stopped after the class.
 */
public final class ServiceTitanWireMock implements AutoCloseable, BeforeEachCallback, AfterAllCallback {

	public static final String CLIENT_ID = "cid.test-client";

	public static final String CLIENT_SECRET = "cs1.TOP-SECRET-value";

	public static final String APP_KEY = "ak1.APP-KEY-value";

	public static final String TENANT = "1234567";

	public static final String TOKEN = "eyJ.TOKEN-value-1";

	public final WireMockServer server;

	public final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

	public final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());

	/** Records every wait and moves the clock forward by it, as a real sleep would. */
	public final Sleeper sleeper = (duration) -> {
		this.sleeps.add(duration);
		this.clock.advance(duration);
	};

	private final String address;

	public ServiceTitanWireMock() {
		this("127.0.0.1");
	}

	/**
	 * A server on another loopback address (127.0.0.2 and up are loopback on Linux too): another origin, for tests of
	 * what reaches a host that is not ServiceTitan's.
	 * @param address the loopback address to bind
	 */
	public ServiceTitanWireMock(String address) {
		this.address = address;
		this.server = new WireMockServer(options().dynamicPort().bindAddress(address));
		this.server.start();
		stubToken(TOKEN, 900);
	}

	public URI url() {
		return URI.create("http://" + this.address + ":" + this.server.port());
	}

	public String tenantPath(String folder) {
		return "/" + folder + "/v2/tenant/" + TENANT;
	}

	public void stubToken(String token, int expiresIn) {
		this.server.stubFor(post(urlPathEqualTo("/connect/token")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":" + expiresIn + "}")));
	}

	public int tokenRequests() {
		return this.server.findAll(postRequestedFor(urlPathEqualTo("/connect/token"))).size();
	}

	/** A builder with test credentials, no real waiting, no client-side rate limit and pinned jitter. */
	public ServiceTitanClient.Builder clientBuilder() {
		return ServiceTitanClient.builder()
			.apiUrl(url())
			.authUrl(url())
			.tenantId(TENANT)
			.appKey(APP_KEY)
			.clientId(CLIENT_ID)
			.clientSecret(CLIENT_SECRET)
			.clock(this.clock)
			.nanoTime(this.clock::nanoTime)
			.sleeper(this.sleeper)
			.jitter(() -> 0.0)
			.rateLimit(0, 1, Duration.ZERO)
			.readTimeout(Duration.ofSeconds(5))
			.retry(RetrySettings.DEFAULTS);
	}

	public ServiceTitanClient client() {
		return clientBuilder().build();
	}

	public static com.github.tomakehurst.wiremock.matching.StringValuePattern bearer(String token) {
		return equalTo("Bearer " + token);
	}

	/**
	 * The requests served, oldest first. WireMock lists the newest first and logs times to the millisecond, so the list
	 * is reversed before it is sorted: two requests of the same millisecond keep the order they came in.
	 * @return the requests, in the order they came
	 */
	public List<ServeEvent> servedInOrder() {
		List<ServeEvent> events = new ArrayList<>(this.server.getAllServeEvents());
		Collections.reverse(events);
		events.sort(Comparator.comparing((event) -> event.getRequest().getLoggedDate()));
		return events;
	}

	public void reset() {
		this.server.resetAll();
		this.sleeps.clear();
		stubToken(TOKEN, 900);
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		reset();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		close();
	}

	public WireMock wireMock() {
		return new WireMock(this.server);
	}

	@Override
	public void close() {
		this.server.stop();
	}

}
