package io.github.servicetitan4j.benchmarks;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import io.github.servicetitan4j.Endpoint;
import io.github.servicetitan4j.ServiceTitanClient;
import io.github.servicetitan4j.ratelimit.RateLimiter;
import io.github.servicetitan4j.ratelimit.RateLimiterFactory;
import io.github.servicetitan4j.ratelimit.RateLimiterFactory.StoreFailurePolicy;
import io.github.servicetitan4j.ratelimit.RateLimiterFactory.StoreStatus;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import redis.embedded.RedisServer;
import tools.jackson.databind.JsonNode;

/**
 * The scale-out measurements, in real time against the stub server (run by hand, never in a build):
 * {@code java -cp 'benchmarks/target/benchmarks.jar:benchmarks/target/lib/*' io.github.servicetitan4j.benchmarks.ScaleOutBenchmark [paging] [shared]}.
 * <ul>
 * <li><b>paging</b>: {@code getAll} of 20 pages of 1,000 records from a server answering in 300 ms, at the client's
 * default settings (rate limiter on) against the same client walking strictly page by page; the server records the
 * most requests it saw in any one-second window.</li>
 * <li><b>shared</b>: three client instances, each with its own limiter state and its own Redis connection, calling
 * {@code getOne} flat out on two threads each ({@code -Dscaleout.threads=n}) for 15 s against a server that answers
 * 429 beyond 60 requests in any second: sharing one budget in a real redis-server from cold (the instances started
 * together, each warming up its limiter factory as the auto-configuration does, counted from the first request),
 * then warm (each instance called until its store answered, counted after a pause), then each with its local
 * limiter.</li>
 * </ul>
 * Separate JVMs: {@link ScaleOutJvms}.
 */
public final class ScaleOutBenchmark {

	static final int PAGE_SIZE = 1_000;

	static final long PAGED_RECORDS = 20L * PAGE_SIZE;

	static final Duration SLOW = Duration.ofMillis(300);

	static final Duration SHARED_RUN = Duration.ofSeconds(15);

	static final int INSTANCES = 3;

	static final int THREADS_PER_INSTANCE = Integer.getInteger("scaleout.threads", 2);

	private ScaleOutBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		List<String> which = (args.length == 0) ? List.of("paging", "shared") : List.of(args);
		if (which.contains("paging")) {
			paging();
		}
		if (which.contains("shared")) {
			shared();
		}
		System.exit(0);
	}

	static void paging() throws Exception {
		try (StubServer server = new StubServer(SLOW, PAGED_RECORDS, 0, 1)) {
			server.prerender(PAGE_SIZE);
			Map<String, Object> query = Map.of("pageSize", PAGE_SIZE);
			// The defaults: no rateLimit(...), no pagingConcurrency(...).
			ServiceTitanClient defaults = base(server.uri()).build();
			ServiceTitanClient sequential = base(server.uri()).pagingConcurrency(1).build();
			walk(defaults, query, server); // warm-up
			walk(sequential, query, server);
			List<Double> defaultMs = new ArrayList<>();
			List<Double> sequentialMs = new ArrayList<>();
			int mostInASecond = 0;
			for (int round = 0; round < 3; round++) {
				server.resetCounts();
				defaultMs.add(walk(defaults, query, server));
				mostInASecond = Math.max(mostInASecond, StubServer.maxInAnySecond(server.arrivals()));
				server.resetCounts();
				sequentialMs.add(walk(sequential, query, server));
				System.out.printf("round %d: defaults %.0f ms, sequential %.0f ms%n", round + 1,
						defaultMs.get(round), sequentialMs.get(round));
			}
			double d = median(defaultMs);
			double s = median(sequentialMs);
			System.out.printf("paging: 20 pages x 1,000 records, server latency %d ms%n", SLOW.toMillis());
			System.out.printf("  defaults (concurrency %d): median %.0f ms; sequential: median %.0f ms; speed-up %.2fx%n",
					ServiceTitanClient.DEFAULT_PAGING_CONCURRENCY, d, s, s / d);
			System.out.printf("  most requests the server saw in any one second at the defaults: %d%n", mostInASecond);
			defaults.close();
			sequential.close();
		}
	}

	private static double walk(ServiceTitanClient client, Map<String, Object> query, StubServer server) {
		long start = System.nanoTime();
		List<JsonNode> records = client.endpoint("jpm", "jobs").getAll(query);
		double ms = (System.nanoTime() - start) / 1e6;
		for (int i = 0; i < records.size(); i++) {
			if (records.get(i).get("id").asLong() != JobRecords.id(i)) {
				throw new IllegalStateException("record " + i + " out of order");
			}
		}
		if (records.size() != PAGED_RECORDS) {
			throw new IllegalStateException("expected " + PAGED_RECORDS + " records, got " + records.size());
		}
		return ms;
	}

	static void shared() throws Exception {
		int port;
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		RedisServer redis = RedisServer.newRedisServer().port(port).bind("127.0.0.1").setting("save \"\"").build();
		redis.start();
		try (StubServer server = new StubServer(Duration.ZERO, 1_000, 0, 1)) {
			server.enforce(60);
			List<RedisClient> connections = new ArrayList<>();
			report("shared (redis), cold: started together, counted from the first request", cold(port, server,
					connections), server);
			try (var admin = connections.get(0).connect()) {
				admin.sync().flushall();
			}
			Thread.sleep(1_500);
			List<ServiceTitanClient> shared = new ArrayList<>();
			for (int i = 0; i < INSTANCES; i++) {
				RedisClient connection = RedisClient.create(RedisURI.create("127.0.0.1", port));
				connections.add(connection);
				RateLimiterFactory limiters = RateLimiterFactory.redis(() -> connection,
						new RateLimiter.Budget(60, 5, Duration.ofSeconds(30)), StoreFailurePolicy.FAIL_OPEN,
						Duration.ofMillis(500));
				StoreStatus store = limiters.storeHealth().orElseThrow();
				ServiceTitanClient client = base(server.uri())
					.rateLimiter(limiters.rateLimiter(Clients.TENANT, StubServer.APP_KEY))
					.build();
				shared.add(client);
				// The first connection (Netty, Lettuce, Bucket4j classes) may take longer than the store timeout on a
				// busy machine; the instance then limits itself locally for 5 s. Measure the shared budget, not that.
				for (int attempt = 0; attempt < 4; attempt++) {
					client.endpoint("jpm", "jobs").getOne(Long.toString(JobRecords.FIRST_ID));
					if (store.available()) {
						break;
					}
					// the limiter tries the store again 5 s after a failure
					Thread.sleep(5_100);
				}
				System.out.println("instance " + (i + 1) + ": store " + store.details());
			}
			report("shared (redis), warm: each instance warmed up first", run(shared, server), server);
			List<ServiceTitanClient> local = new ArrayList<>();
			for (int i = 0; i < INSTANCES; i++) {
				local.add(base(server.uri()).build());
			}
			report("local", run(local, server), server);
			connections.forEach(RedisClient::shutdown);
		}
		finally {
			redis.stop();
		}
	}

	/**
	 * Instances started together, as a rolling deploy or an autoscaler does: each connects its limiter factory to the
	 * store (the warm-up the auto-configuration makes before the application reports ready), then calls at once.
	 */
	private static long cold(int port, StubServer server, List<RedisClient> connections) throws Exception {
		server.resetCounts();
		AtomicLong calls = new AtomicLong();
		long deadline = System.nanoTime() + SHARED_RUN.toNanos();
		ExecutorService threads = Executors.newFixedThreadPool(INSTANCES * (THREADS_PER_INSTANCE + 1));
		List<Future<?>> instances = new ArrayList<>();
		for (int i = 0; i < INSTANCES; i++) {
			RedisClient connection = RedisClient.create(RedisURI.create("127.0.0.1", port));
			connections.add(connection);
			instances.add(threads.submit(() -> {
				RateLimiterFactory limiters = RateLimiterFactory.redis(() -> connection,
						new RateLimiter.Budget(60, 5, Duration.ofSeconds(30)), StoreFailurePolicy.FAIL_OPEN,
						Duration.ofMillis(500));
				limiters.warmUp();
				ServiceTitanClient client = base(server.uri())
					.rateLimiter(limiters.rateLimiter(Clients.TENANT, StubServer.APP_KEY))
					.build();
				Endpoint jobs = client.endpoint("jpm", "jobs");
				List<Future<?>> workers = new ArrayList<>();
				for (int t = 0; t < THREADS_PER_INSTANCE; t++) {
					workers.add(threads.submit(() -> {
						while (System.nanoTime() < deadline) {
							try {
								jobs.getOne(Long.toString(JobRecords.FIRST_ID));
								calls.incrementAndGet();
							}
							catch (RuntimeException ex) {
								// a call that ran out of retries: counted by the server's 429s
							}
						}
					}));
				}
				for (Future<?> worker : workers) {
					worker.get();
				}
				System.out.println("cold instance: store " + limiters.storeHealth().orElseThrow().details());
				return null;
			}));
		}
		for (Future<?> instance : instances) {
			instance.get();
		}
		threads.shutdown();
		return calls.get();
	}

	private static long run(List<ServiceTitanClient> instances, StubServer server) throws Exception {
		// Each instance's first call fetches its token and connects; not measured.
		for (ServiceTitanClient instance : instances) {
			instance.endpoint("jpm", "jobs").getOne(Long.toString(JobRecords.FIRST_ID));
		}
		Thread.sleep(1_500); // every budget full again
		server.resetCounts();
		AtomicLong calls = new AtomicLong();
		long deadline = System.nanoTime() + SHARED_RUN.toNanos();
		ExecutorService threads = Executors.newFixedThreadPool(INSTANCES * THREADS_PER_INSTANCE);
		List<Future<?>> workers = new ArrayList<>();
		for (ServiceTitanClient instance : instances) {
			Endpoint jobs = instance.endpoint("jpm", "jobs");
			for (int t = 0; t < THREADS_PER_INSTANCE; t++) {
				workers.add(threads.submit(() -> {
					while (System.nanoTime() < deadline) {
						try {
							jobs.getOne(Long.toString(JobRecords.FIRST_ID));
							calls.incrementAndGet();
						}
						catch (RuntimeException ex) {
							// a call that ran out of retries: counted by the server's 429s
						}
					}
				}));
			}
		}
		for (Future<?> worker : workers) {
			worker.get();
		}
		threads.shutdown();
		return calls.get();
	}

	private static void report(String variant, long calls, StubServer server) {
		List<Long> arrivals = server.arrivals();
		double seconds = (arrivals.get(arrivals.size() - 1) - arrivals.get(0)) / 1e9;
		System.out.printf("%s: %d instances x %d threads, %.1f s: %d answered 200 (%.1f req/s combined), %d answered 429, "
				+ "most in any second %d, calls completed %d%n", variant, INSTANCES, THREADS_PER_INSTANCE, seconds,
				arrivals.size(), arrivals.size() / seconds, server.throttled(), StubServer.maxInAnySecond(arrivals), calls);
		List<Long> throttled = server.throttledAt();
		if (!throttled.isEmpty()) {
			System.out.printf("  429s at (ms from the first request): %s%n", throttled.stream()
				.limit(20)
				.map((at) -> Long.toString((at - arrivals.get(0)) / 1_000_000))
				.toList());
		}
	}

	private static ServiceTitanClient.Builder base(URI server) {
		return ServiceTitanClient.builder()
			.apiUrl(server)
			.authUrl(server)
			.tenantId(Clients.TENANT)
			.appKey(StubServer.APP_KEY)
			.clientId("bench-client")
			.clientSecret("bench-secret");
	}

	private static double median(List<Double> values) {
		List<Double> sorted = values.stream().sorted().toList();
		return sorted.get(sorted.size() / 2);
	}

}
