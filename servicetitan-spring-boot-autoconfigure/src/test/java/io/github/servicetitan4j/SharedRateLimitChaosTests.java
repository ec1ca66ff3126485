package io.github.servicetitan4j;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.servicetitan4j.ratelimit.RateLimiter;
import io.github.servicetitan4j.ratelimit.RateLimiterFactory;
import io.github.servicetitan4j.ratelimit.RateLimiterFactory.StoreFailurePolicy;
import io.github.servicetitan4j.ratelimit.RateLimiterFactory.StoreSettings;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Chaos across instances, in real time (the one place a rate-limit test does: a redis-server that stops and comes back
 * cannot be put on a fake clock). Three instances, each with its own limiter factory and its own connection to one real
 * Redis, call two tenants flat out against a server that answers 429 beyond its limit in any one-second window per
 * tenant, as ServiceTitan does; Redis is stopped in the middle and started again. Asserted: every call completes with
 * the record it asked for (tenant and id), and the server sees no 429 storm: while the store is down, each instance
 * keeps to its share of the budget, and once it is back they share it again. Counts only, never timings.
 */
class SharedRateLimitChaosTests {

	private static final int LIMIT = 20;

	private static final List<String> TENANTS = List.of("1000001", "1000002");

	private static final String APP_KEY = "ak1.chaos-app-key";

	private static final int INSTANCES = 3;

	private static final int THREADS_PER_CLIENT = 2;

	@Test
	@Timeout(120)
	void whenRedisRestartsUnderLoadThenEveryCallCompletesWithItsRecordAndTheServerSeesNo429Storm() throws Exception {
		RealRedis redis = new RealRedis();
		List<RedisClient> connections = new ArrayList<>();
		List<RateLimiterFactory> factories = new ArrayList<>();
		try (EnforcingServer server = new EnforcingServer(LIMIT)) {
			List<ServiceTitanClient> clients = new ArrayList<>();
			for (int i = 0; i < INSTANCES; i++) {
				RedisClient connection = RedisClient.create(RedisURI.create("127.0.0.1", redis.port));
				connections.add(connection);
				RateLimiterFactory factory = RateLimiterFactory.redis(() -> connection,
						new RateLimiter.Budget(LIMIT, 3, Duration.ofSeconds(30)),
						new StoreSettings(StoreFailurePolicy.FAIL_OPEN, Duration.ofMillis(300), Duration.ofSeconds(10),
								StoreSettings.DEFAULT_FAIL_OPEN_SHARE));
				factories.add(factory);
				factory.warmUp();
				for (String tenant : TENANTS) {
					clients.add(ServiceTitanClient.builder()
						.apiUrl(server.uri())
						.authUrl(server.uri())
						.tenantId(tenant)
						.appKey(APP_KEY)
						.clientId("chaos-client")
						.clientSecret("chaos-secret")
						.rateLimiter(factory.rateLimiter(tenant, APP_KEY))
						.build());
				}
			}
			Phase phase = new Phase();
			AtomicInteger calls = new AtomicInteger();
			List<String> wrong = Collections.synchronizedList(new ArrayList<>());
			List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
			ExecutorService threads = Executors.newFixedThreadPool(clients.size() * THREADS_PER_CLIENT);
			List<Future<?>> workers = new ArrayList<>();
			for (ServiceTitanClient client : clients) {
				for (int t = 0; t < THREADS_PER_CLIENT; t++) {
					workers.add(threads.submit(() -> {
						while (!phase.over()) {
							long id = ThreadLocalRandom.current().nextLong(1, 1_000_000);
							try {
								JsonNode job = client.endpoint("jpm", "jobs").getOne(Long.toString(id));
								if (job.path("id").asLong() != id
										|| !job.path("tenant").asString("").equals(client.tenantId())) {
									wrong.add(client.tenantId() + "/" + id + " -> " + job);
								}
								calls.incrementAndGet();
							}
							catch (RuntimeException ex) {
								failures.add(ex);
							}
						}
					}));
				}
			}
			phase.run(Duration.ofSeconds(3)); // shared budget
			redis.stop();
			phase.run(Duration.ofSeconds(3)); // store down: each instance at its share
			boolean seenDown = factories.stream()
				.anyMatch((factory) -> !factory.storeHealth().orElseThrow().available());
			redis.start();
			phase.run(Duration.ofSeconds(4)); // store back
			phase.end();
			for (Future<?> worker : workers) {
				worker.get();
			}
			threads.shutdown();
			clients.forEach(ServiceTitanClient::close);

			System.out.printf("chaos: %d instances x %d tenants x %d threads, server limit %d/s per tenant, Redis "
					+ "stopped from 3 s to 6 s of 10 s: %d calls completed, %d wrong, %d failed; per tenant: %s%n",
					INSTANCES, TENANTS.size(), THREADS_PER_CLIENT, LIMIT, calls.get(), wrong.size(), failures.size(),
					server.summary());
			assertThat(failures).isEmpty();
			assertThat(wrong).isEmpty();
			assertThat(calls.get()).isPositive();
			assertThat(seenDown).isTrue();
			assertThat(factories).allSatisfy(
					(factory) -> assertThat(factory.storeHealth().orElseThrow().available()).isTrue());
			for (String tenant : TENANTS) {
				assertThat(server.answered(tenant)).isPositive();
				// Not a storm: a few at most, where the threads of a busy machine woke late into the next window.
				assertThat(server.throttled(tenant)).isLessThanOrEqualTo(5);
			}
		}
		finally {
			connections.forEach(RedisClient::shutdown);
			factories.forEach(RateLimiterFactory::close);
			redis.afterAll(null);
		}
	}

	/** The test's own clock of phases: real time, since the store's outage is real. */
	private static final class Phase {

		private volatile boolean over;

		void run(Duration duration) throws InterruptedException {
			Thread.sleep(duration.toMillis());
		}

		void end() {
			this.over = true;
		}

		boolean over() {
			return this.over;
		}

	}

	/**
	 * A ServiceTitan look-alike: a token for anyone, and {@code GET /jpm/v2/tenant/{t}/jobs/{id}} answering the record
	 * {@code {"id": id, "tenant": t}}, or 429 with Retry-After: 1 beyond {@code limit} requests in the last second of
	 * that tenant.
	 */
	private static final class EnforcingServer implements AutoCloseable {

		private static final Pattern JOB = Pattern.compile("/jpm/v2/tenant/(\\d+)/jobs/(\\d+)");

		private final HttpServer server;

		private final int limit;

		private final Map<String, List<Long>> arrivals = new ConcurrentHashMap<>();

		private final Map<String, AtomicInteger> throttled = new ConcurrentHashMap<>();

		EnforcingServer(int limit) throws IOException {
			this.limit = limit;
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			this.server.setExecutor(Executors.newFixedThreadPool(8));
			this.server.createContext("/", this::handle);
			this.server.start();
		}

		URI uri() {
			return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
		}

		private void handle(HttpExchange exchange) throws IOException {
			String path = exchange.getRequestURI().getPath();
			if (path.equals("/connect/token")) {
				exchange.getRequestBody().readAllBytes();
				respond(exchange, 200, "{\"access_token\":\"chaos-token\",\"token_type\":\"Bearer\",\"expires_in\":900}");
				return;
			}
			Matcher job = JOB.matcher(path);
			if (!job.matches()) {
				respond(exchange, 404, "{\"title\":\"Not Found\",\"status\":404}");
				return;
			}
			String tenant = job.group(1);
			if (!admit(tenant)) {
				exchange.getResponseHeaders().set("Retry-After", "1");
				respond(exchange, 429, "{\"title\":\"Too Many Requests\",\"status\":429}");
				return;
			}
			respond(exchange, 200, "{\"id\":" + job.group(2) + ",\"tenant\":\"" + tenant + "\"}");
		}

		private boolean admit(String tenant) {
			long now = System.nanoTime();
			List<Long> seen = this.arrivals.computeIfAbsent(tenant, (key) -> new ArrayList<>());
			synchronized (seen) {
				int inWindow = 0;
				for (int i = seen.size() - 1; i >= 0 && now - seen.get(i) < 1_000_000_000L; i--) {
					inWindow++;
				}
				if (inWindow >= this.limit) {
					this.throttled.computeIfAbsent(tenant, (key) -> new AtomicInteger()).incrementAndGet();
					return false;
				}
				seen.add(now);
				return true;
			}
		}

		private static void respond(HttpExchange exchange, int status, String body) throws IOException {
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(status, bytes.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		}

		int answered(String tenant) {
			List<Long> seen = this.arrivals.getOrDefault(tenant, List.of());
			synchronized (seen) {
				return seen.size();
			}
		}

		int throttled(String tenant) {
			AtomicInteger count = this.throttled.get(tenant);
			return (count != null) ? count.get() : 0;
		}

		String summary() {
			StringBuilder summary = new StringBuilder();
			for (String tenant : TENANTS) {
				List<Long> seen = this.arrivals.getOrDefault(tenant, List.of());
				int most = 0;
				synchronized (seen) {
					int start = 0;
					for (int end = 0; end < seen.size(); end++) {
						while (seen.get(end) - seen.get(start) >= 1_000_000_000L) {
							start++;
						}
						most = Math.max(most, end - start + 1);
					}
				}
				summary.append(tenant)
					.append(": ")
					.append(answered(tenant))
					.append(" answered 200, ")
					.append(throttled(tenant))
					.append(" answered 429, most in any second ")
					.append(most)
					.append("; ");
			}
			return summary.toString();
		}

		@Override
		public void close() {
			this.server.stop(0);
			((ExecutorService) this.server.getExecutor()).shutdownNow();
		}

	}

}
