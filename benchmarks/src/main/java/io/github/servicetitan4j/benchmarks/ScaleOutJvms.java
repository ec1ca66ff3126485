package io.github.servicetitan4j.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import redis.embedded.RedisServer;

/**
 * Three instances as separate JVMs, started together against the stub server enforcing 60 requests per second (429
 * with Retry-After: 1 beyond), sharing one budget in a real redis-server (run by hand, never in a build):
 * {@code java -cp 'benchmarks/target/benchmarks.jar:benchmarks/target/lib/*' io.github.servicetitan4j.benchmarks.ScaleOutJvms [cold] [warm]}.
 * <ul>
 * <li><b>cold</b>: the JVMs are launched at once and each calls as soon as it is up (its limiter factory warmed up
 * first, as the auto-configuration does before the application reports ready); the server counts from the first
 * request.</li>
 * <li><b>warm</b>: each JVM makes 5 calls, then all start together once every one has; the server counts from
 * then.</li>
 * </ul>
 * {@code -Dscaleout.seconds=15}, {@code -Dscaleout.threads=2} (per instance).
 */
public final class ScaleOutJvms {

	static final int INSTANCES = 3;

	static final int SECONDS = Integer.getInteger("scaleout.seconds", 15);

	static final int THREADS = Integer.getInteger("scaleout.threads", 2);

	private ScaleOutJvms() {
	}

	public static void main(String[] args) throws Exception {
		List<String> which = (args.length == 0) ? List.of("cold", "warm") : List.of(args);
		int port;
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		RedisServer redis = RedisServer.newRedisServer().port(port).bind("127.0.0.1").setting("save \"\"").build();
		redis.start();
		RedisClient admin = RedisClient.create(RedisURI.create("127.0.0.1", port));
		try (StubServer server = new StubServer(Duration.ZERO, 1_000, 0, 1)) {
			server.enforce(60);
			for (String variant : which) {
				try (var connection = admin.connect()) {
					connection.sync().flushall();
				}
				Thread.sleep(1_500); // the server's window empty
				server.resetCounts();
				run(variant, server, port);
			}
		}
		finally {
			admin.shutdown();
			redis.stop();
		}
		System.exit(0);
	}

	private static void run(String variant, StubServer server, int redisPort) throws Exception {
		boolean warm = variant.equals("warm");
		String java = ProcessHandle.current().info().command().orElse("java");
		List<Process> processes = new ArrayList<>();
		for (int i = 0; i < INSTANCES; i++) {
			processes.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
					ScaleOutInstance.class.getName(), server.uri().toString(), Integer.toString(redisPort),
					Integer.toString(SECONDS), Integer.toString(THREADS), variant)
				.redirectErrorStream(true)
				.start());
		}
		List<BufferedReader> outputs = new ArrayList<>();
		for (Process process : processes) {
			outputs.add(new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)));
		}
		List<String> lines = new ArrayList<>();
		if (warm) {
			for (BufferedReader out : outputs) {
				for (String line = out.readLine(); line != null && !line.equals("warmed"); line = out.readLine()) {
					keep(line, lines);
				}
			}
			Thread.sleep(1_500); // the server's window empty again
			server.resetCounts(); // the warm-up calls are not counted
			for (Process process : processes) {
				process.getOutputStream().write("go\n".getBytes(StandardCharsets.UTF_8));
				process.getOutputStream().flush();
			}
		}
		for (int i = 0; i < processes.size(); i++) {
			try (BufferedReader out = outputs.get(i)) {
				out.lines().forEach((line) -> keep(line, lines));
			}
			processes.get(i).waitFor();
		}
		List<Long> arrivals = server.arrivals();
		List<Long> throttled = server.throttledAt();
		long first = Math.min(arrivals.get(0), throttled.isEmpty() ? Long.MAX_VALUE : throttled.get(0));
		double seconds = (arrivals.get(arrivals.size() - 1) - first) / 1e9;
		long inFirstSecond = arrivals.stream().filter((at) -> at - first < 1_000_000_000L).count();
		System.out.printf("%s (separate JVMs, redis): %d instances x %d threads, %.1f s: %d answered 200 "
				+ "(%.1f req/s combined), %d answered 429, most in any second %d, in the first second %d%n", variant,
				INSTANCES, THREADS, seconds, arrivals.size(), arrivals.size() / seconds, throttled.size(),
				StubServer.maxInAnySecond(arrivals), inFirstSecond);
		if (!throttled.isEmpty()) {
			System.out.printf("  429s at (ms from the first request): %s%n",
					throttled.stream().limit(20).map((at) -> Long.toString((at - first) / 1_000_000)).toList());
		}
		lines.forEach((line) -> System.out.println("  " + line));
	}

	private static void keep(String line, List<String> lines) {
		if (line.startsWith("instance:") || line.contains("WARN")) {
			lines.add(line);
		}
	}

}
