package io.github.servicetitan4j.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;

/**
 * Runs every benchmark scenario and prints the results as ratios against their targets:
 * {@code java -jar benchmarks/target/benchmarks.jar [getAll|export|getOne|concurrency ...]}.
 * <p>
 * The stub servers live in this JVM; each scenario is measured in a JVM of its own (forked with the same class path
 * and the scenario's {@code -Xmx}), so the 64 MB limit of the export scenario bounds the client alone, never the
 * server's pre-rendered bodies.
 */
public final class BenchmarkMain {

	/** Extra options for the measuring JVMs, space-separated ({@code -Dbenchmarks.jvmArgs="-XX:+UseSerialGC"}). */
	static final String JVM_ARGS_PROPERTY = "benchmarks.jvmArgs";

	private static final Duration SLOW_LATENCY = Duration.ofMillis(50);

	private static final Duration SCENARIO_TIMEOUT = Duration.ofMinutes(5);

	private BenchmarkMain() {
	}

	public static void main(String[] args) throws Exception {
		List<Scenario> scenarios = new ArrayList<>();
		for (String arg : args) {
			try {
				scenarios.add(Scenario.named(arg));
			}
			catch (IllegalArgumentException ex) {
				System.err.println(ex.getMessage());
				System.err.println("usage: java -jar benchmarks/target/benchmarks.jar [" + String.join("|", Scenario.ids())
						+ " ...]");
				System.exit(2);
			}
		}
		if (scenarios.isEmpty()) {
			scenarios.addAll(List.of(Scenario.values()));
		}
		long started = System.nanoTime();
		String date = ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
		double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
		Map<String, String> results = new LinkedHashMap<>();
		Map<Scenario, String> failures = new LinkedHashMap<>();
		log("Rendering the stub servers' pages and batches...");
		try (StubServer fast = new StubServer(Duration.ZERO, GetAllBenchmark.RECORDS, ExportBenchmark.RECORDS,
				ExportBenchmark.BATCH_SIZE);
				StubServer slow = new StubServer(SLOW_LATENCY, PagingConcurrencyBenchmark.RECORDS, 0, 1)) {
			fast.prerender(GetAllBenchmark.PAGE_SIZE);
			slow.prerender(PagingConcurrencyBenchmark.PAGE_SIZE);
			log(format("...done in %.1f s", (System.nanoTime() - started) / 1e9));
			for (Scenario scenario : scenarios) {
				StubServer server = scenario.slowServer() ? slow : fast;
				log("== " + scenario.id() + " (measuring JVM: " + scenario.maxHeap() + " "
						+ System.getProperty(JVM_ARGS_PROPERTY, "") + ", server " + server.uri()
						+ (scenario.slowServer() ? ", " + SLOW_LATENCY.toMillis() + " ms latency" : "") + ")");
				String failure = fork(scenario, server, results);
				if (failure != null) {
					failures.put(scenario, failure);
					log("   FAILED: " + failure);
				}
			}
			log("Server: " + fast.tokenRequests() + " + " + slow.tokenRequests() + " token requests, "
					+ fast.apiRequests() + " + " + slow.apiRequests() + " API requests");
		}
		double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
		System.out.println();
		System.out.println(Report.header(date, loadBefore, loadAfter,
				Duration.ofNanos(System.nanoTime() - started), String.join(" ", args)));
		System.out.println(Report.table(scenarios, results, failures));
		System.exit(failures.isEmpty() ? 0 : 1);
	}

	/**
	 * Runs one scenario in a new JVM, echoing its progress and collecting its results.
	 * @return null on success, else what went wrong
	 */
	private static @Nullable String fork(Scenario scenario, StubServer server, Map<String, String> results)
			throws IOException, InterruptedException {
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		List<String> command = new ArrayList<>(List.of(java.toString(), scenario.maxHeap()));
		String extraArgs = System.getProperty(JVM_ARGS_PROPERTY, "").trim();
		if (!extraArgs.isEmpty()) {
			command.addAll(List.of(extraArgs.split("\\s+")));
		}
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), ScenarioMain.class.getName(),
				scenario.id(), server.uri().toString()));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		AtomicBoolean timedOut = new AtomicBoolean();
		CompletableFuture.delayedExecutor(SCENARIO_TIMEOUT.toSeconds(), TimeUnit.SECONDS).execute(() -> {
			if (process.isAlive()) {
				timedOut.set(true);
				process.destroyForcibly();
			}
		});
		Deque<String> lastLines = new ArrayDeque<>();
		try (BufferedReader out = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = out.readLine()) != null) {
				if (line.startsWith(Results.PREFIX)) {
					String[] keyValue = line.substring(Results.PREFIX.length()).split(" ", 2);
					results.put(keyValue[0], (keyValue.length > 1) ? keyValue[1] : "");
				}
				else {
					System.out.println(line);
					lastLines.addLast(line);
					if (lastLines.size() > 5) {
						lastLines.removeFirst();
					}
				}
			}
		}
		process.waitFor();
		if (timedOut.get()) {
			return "did not finish within " + SCENARIO_TIMEOUT.toMinutes() + " minutes";
		}
		if (process.exitValue() != 0) {
			String last = lastLines.stream()
				.filter((line) -> line.contains("Exception") || line.contains("Error"))
				.findFirst()
				.orElse(String.join(" / ", lastLines));
			return "exit code " + process.exitValue() + ": " + last.trim();
		}
		return null;
	}

	private static void log(String message) {
		System.out.println(message);
		System.out.flush();
	}

	/** Reads the first line of a file that starts with a prefix, or null. */
	static @Nullable String firstLine(Path file, String prefix) {
		try {
			return Files.readAllLines(file)
				.stream()
				.filter((line) -> line.startsWith(prefix))
				.findFirst()
				.orElse(null);
		}
		catch (IOException ex) {
			return null;
		}
	}

	static String format(String pattern, Object... args) {
		return String.format(Locale.ROOT, pattern, args);
	}

}
