package io.github.servicetitan4j;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.servicetitan4j.auth.AccessTokenProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.security.oauth2.core.OAuth2AccessToken;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves by construction that records are parsed from the response as it arrives: a loopback server sends the first
 * record, then holds the rest of a large page back until the consumer has received that first record. A client that
 * read the whole page before handing out records would wait for the server's (10 second) give-up instead.
 */
class IncrementalStreamingTests {

	private static final int MORE_RECORDS = 20_000;

	private HttpServer server;

	private ExecutorService serverThreads;

	private final CountDownLatch firstRecordReceived = new CountDownLatch(1);

	private final AtomicBoolean restSentAfterFirstRecordReceived = new AtomicBoolean();

	private final AtomicInteger requests = new AtomicInteger();

	private ServiceTitanClient client;

	@BeforeEach
	void startServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.serverThreads = Executors.newCachedThreadPool();
		this.server.setExecutor(this.serverThreads);
		this.server.start();
		this.client = ServiceTitanClient.builder()
			.apiUrl(URI.create("http://127.0.0.1:" + this.server.getAddress().getPort()))
			.tenantId(ServiceTitanWireMock.TENANT)
			.appKey(ServiceTitanWireMock.APP_KEY)
			.tokenProvider(new FixedToken())
			.rateLimit(0, 1, Duration.ZERO)
			.sleeper((duration) -> {
			})
			.build();
	}

	@AfterEach
	void stopServer() {
		this.server.stop(0);
		this.serverThreads.shutdownNow();
	}

	@Test
	void whenOnlyTheFirstRecordOfAPageHasBeenSentThenTheConsumerAlreadyHasIt() {
		this.server.createContext("/jpm/v2/tenant/" + ServiceTitanWireMock.TENANT + "/jobs",
				(exchange) -> sendHeldBack(exchange, "{\"page\":1,\"pageSize\":5000,\"hasMore\":false,\"data\":[", "]}"));

		long count;
		try (Stream<JsonNode> records = this.client.endpoint("jpm", "jobs").streamAll(Map.of())) {
			Iterator<JsonNode> iterator = records.iterator();
			assertThat(iterator.next().path("id").asInt()).isZero();
			this.firstRecordReceived.countDown();
			count = 1;
			while (iterator.hasNext()) {
				iterator.next();
				count++;
			}
		}

		assertThat(this.restSentAfterFirstRecordReceived).isTrue();
		assertThat(count).isEqualTo(1 + MORE_RECORDS);
	}

	@Test
	void whenOnlyTheFirstRecordOfAnExportBatchHasBeenSentThenTheConsumerAlreadyHasIt() {
		this.server.createContext("/jpm/v2/tenant/" + ServiceTitanWireMock.TENANT + "/export/jobs",
				(exchange) -> sendHeldBack(exchange, "{\"data\":[", "],\"hasMore\":false,\"continueFrom\":\"t1\"}"));

		try (ExportStream<JsonNode> feed = this.client.endpoint("jpm", "jobs").streamExport("jobs", null, false)) {
			Iterator<JsonNode> iterator = feed.iterator();
			assertThat(iterator.next().path("id").asInt()).isZero();
			this.firstRecordReceived.countDown();
			assertThat(feed.continueFrom()).isNull();
			long rest = 0;
			while (iterator.hasNext()) {
				iterator.next();
				rest++;
			}
			assertThat(rest).isEqualTo(MORE_RECORDS);
			assertThat(feed.continueFrom()).isEqualTo("t1");
		}

		assertThat(this.restSentAfterFirstRecordReceived).isTrue();
	}

	@Test
	void whenTheConnectionDropsPartWayThroughAPageThenThePageIsAskedForAgainAndNoRecordIsRepeated() {
		this.server.createContext("/jpm/v2/tenant/" + ServiceTitanWireMock.TENANT + "/jobs", (exchange) -> {
			int attempt = this.requests.incrementAndGet();
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, 0);
			OutputStream body = exchange.getResponseBody();
			body.write("{\"page\":1,\"hasMore\":false,\"data\":[".getBytes(StandardCharsets.UTF_8));
			for (int id = 0; id < 1000; id++) {
				body.write(((id > 0) ? "," : "").getBytes(StandardCharsets.UTF_8));
				body.write(record(id));
				if (attempt == 1 && id == 600) {
					body.flush();
					// Drop the connection in the middle of the chunked body, as a reset would.
					throw new IOException("simulated connection drop");
				}
			}
			body.write("]}".getBytes(StandardCharsets.UTF_8));
			body.close();
		});

		long distinct;
		long count;
		try (Stream<JsonNode> records = this.client.endpoint("jpm", "jobs").streamAll(Map.of())) {
			int[] seen = records.mapToInt((record) -> record.path("id").asInt()).toArray();
			count = seen.length;
			distinct = java.util.Arrays.stream(seen).distinct().count();
			assertThat(seen).startsWith(0, 1, 2).endsWith(998, 999);
		}

		assertThat(count).isEqualTo(1000);
		assertThat(distinct).isEqualTo(1000);
		assertThat(this.requests).hasValue(2);
	}

	@Test
	void whenPagesAreReadThroughThenTheirConnectionIsReusedForTheNextPage() {
		Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
		this.server.createContext("/jpm/v2/tenant/" + ServiceTitanWireMock.TENANT + "/jobs", (exchange) -> {
			clientPorts.add(exchange.getRemoteAddress().getPort());
			int page = this.requests.incrementAndGet();
			byte[] body = (Envelopes.page(page, page < 4, page * 10, page * 10 + 2) + "\n")
				.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});

		List<JsonNode> records = this.client.endpoint("jpm", "jobs").getAll(Map.of());

		assertThat(records).hasSize(12);
		assertThat(this.requests).hasValue(4);
		assertThat(clientPorts).hasSize(1);
	}

	private void sendHeldBack(HttpExchange exchange, String head, String tail) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, 0);
		try (OutputStream body = new BufferedOutputStream(exchange.getResponseBody(), 64 * 1024)) {
			body.write(head.getBytes(StandardCharsets.UTF_8));
			body.write(record(0));
			body.flush();
			boolean released = awaitFirstRecord();
			this.restSentAfterFirstRecordReceived.set(released);
			for (int id = 1; id <= MORE_RECORDS; id++) {
				body.write(',');
				body.write(record(id));
			}
			body.write(tail.getBytes(StandardCharsets.UTF_8));
		}
	}

	private boolean awaitFirstRecord() {
		try {
			return this.firstRecordReceived.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static byte[] record(int id) {
		return ("{\"id\":" + id + ",\"number\":\"J-" + id + "\",\"summary\":\"" + "x".repeat(200)
				+ "\",\"modifiedOn\":\"2026-01-01T00:00:00Z\"}").getBytes(StandardCharsets.UTF_8);
	}

	static final class FixedToken implements AccessTokenProvider {

		private final OAuth2AccessToken token = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER,
				ServiceTitanWireMock.TOKEN, Instant.now(), Instant.now().plusSeconds(900));

		@Override
		public OAuth2AccessToken token() {
			return this.token;
		}

		@Override
		public void invalidate(OAuth2AccessToken rejected) {
		}

		@Override
		public Optional<Instant> cachedTokenExpiry() {
			return Optional.of(this.token.getExpiresAt());
		}

	}

}
