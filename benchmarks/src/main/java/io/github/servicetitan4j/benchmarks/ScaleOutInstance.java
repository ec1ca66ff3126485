package io.github.servicetitan4j.benchmarks;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import io.github.servicetitan4j.Endpoint;
import io.github.servicetitan4j.ServiceTitanClient;
import io.github.servicetitan4j.ratelimit.RateLimiter;
import io.github.servicetitan4j.ratelimit.RateLimiterFactory;
import io.github.servicetitan4j.ratelimit.RateLimiterFactory.StoreFailurePolicy;
import io.github.servicetitan4j.ratelimit.RateLimiterFactory.StoreSettings;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;

/**
 * One instance of an application in a JVM of its own, started by {@link ScaleOutJvms}: it does what the
 * auto-configuration does with {@code servicetitan.rate-limit.store: redis} (a limiter factory over its own Lettuce
 * connection, warmed up before the instance takes traffic), then calls {@code getOne} flat out on its threads.
 * Arguments: server URI, Redis port, seconds to run, threads, and {@code cold} (call at once) or {@code warm} (5 calls,
 * then print {@code warmed} and wait for a line on standard input before calling).
 */
public final class ScaleOutInstance {

	private ScaleOutInstance() {
	}

	public static void main(String[] args) throws Exception {
		URI server = URI.create(args[0]);
		int redisPort = Integer.parseInt(args[1]);
		Duration run = Duration.ofSeconds(Long.parseLong(args[2]));
		int threads = Integer.parseInt(args[3]);
		boolean warm = args[4].equals("warm");
		long launched = System.nanoTime();
		RedisClient connection = RedisClient.create(RedisURI.create("127.0.0.1", redisPort));
		RateLimiterFactory limiters = RateLimiterFactory.redis(() -> connection,
				new RateLimiter.Budget(60, 5, Duration.ofSeconds(30)),
				StoreSettings.of(StoreFailurePolicy.FAIL_OPEN, Duration.ofMillis(500)));
		limiters.warmUp(); // what the auto-configuration does before the application reports ready
		ServiceTitanClient client = ServiceTitanClient.builder()
			.apiUrl(server)
			.authUrl(server)
			.tenantId(Clients.TENANT)
			.appKey(StubServer.APP_KEY)
			.clientId("bench-client")
			.clientSecret("bench-secret")
			.rateLimiter(limiters.rateLimiter(Clients.TENANT, StubServer.APP_KEY))
			.build();
		Endpoint jobs = client.endpoint("jpm", "jobs");
		long ready = System.nanoTime();
		if (warm) {
			for (int i = 0; i < 5; i++) {
				jobs.getOne(Long.toString(JobRecords.FIRST_ID));
			}
			System.out.println("warmed");
			System.out.flush();
			new java.io.BufferedReader(new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8))
				.readLine();
		}
		AtomicLong calls = new AtomicLong();
		AtomicLong failed = new AtomicLong();
		long deadline = System.nanoTime() + run.toNanos();
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		List<Future<?>> workers = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			workers.add(pool.submit(() -> {
				while (System.nanoTime() < deadline) {
					try {
						jobs.getOne(Long.toString(JobRecords.FIRST_ID));
						calls.incrementAndGet();
					}
					catch (RuntimeException ex) {
						failed.incrementAndGet();
					}
				}
			}));
		}
		for (Future<?> worker : workers) {
			worker.get();
		}
		pool.shutdown();
		System.out.printf("instance: ready %d ms after launch, %d calls completed, %d failed, store %s%n",
				(ready - launched) / 1_000_000, calls.get(), failed.get(), limiters.storeHealth().orElseThrow().details());
		client.close();
		limiters.close();
		connection.shutdown();
		System.exit(0);
	}

}
