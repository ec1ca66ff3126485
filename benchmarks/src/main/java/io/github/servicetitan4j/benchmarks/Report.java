package io.github.servicetitan4j.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * Renders the run as Markdown, ready to paste into the module's README: where and how it ran, then one row per
 * measured ratio with its target and whether it is met.
 */
final class Report {

	static final String COMMAND = "./mvnw -q -Pbenchmarks -pl benchmarks -am package -DskipTests "
			+ "&& java -jar benchmarks/target/benchmarks.jar";

	private Report() {
	}

	static String header(String date, double loadBefore, double loadAfter, Duration wallTime, String args) {
		StringBuilder header = new StringBuilder();
		header.append("- Date: ").append(date).append('\n');
		header.append("- Machine: ").append(machine()).append('\n');
		header.append(BenchmarkMain.format("- Load average (1 min): %.2f before, %.2f after%n", loadBefore, loadAfter));
		header.append("- Java: ")
			.append(System.getProperty("java.vm.name"))
			.append(' ')
			.append(System.getProperty("java.runtime.version"))
			.append('\n');
		header.append("- Commit: ").append(commit()).append('\n');
		String jvmArgs = System.getProperty(BenchmarkMain.JVM_ARGS_PROPERTY, "").trim();
		header.append("- Command: `")
			.append(jvmArgs.isEmpty() ? COMMAND
					: COMMAND.replace("java -jar", "java -D" + BenchmarkMain.JVM_ARGS_PROPERTY + "=\"" + jvmArgs + "\" -jar"))
			.append(args.isEmpty() ? "" : " " + args)
			.append("`\n");
		header.append("- Wall time: ").append(wallTime.toSeconds()).append(" s\n");
		return header.toString();
	}

	static String table(List<Scenario> scenarios, Map<String, String> r, Map<Scenario, String> failures) {
		StringBuilder table = new StringBuilder();
		table.append("| # | Measure | Client | Floor / baseline | Ratio | Spread | CPU-time ratio | Target | Met |\n");
		table.append("|---|---|---|---|---|---|---|---|---|\n");
		for (Scenario scenario : scenarios) {
			String failure = failures.get(scenario);
			switch (scenario) {
				case GET_ALL -> {
					if (failure != null) {
						row(table, "1", "getAll 100,000 records (pages of 5,000)", "FAILED: " + failure);
					}
					else {
						ratioRow(table, "1", "getAll 100,000 records (pages of 5,000), median of "
								+ r.get("getAll.rounds") + " rounds", ms(r, "getAll.client.median_ms"),
								ms(r, "getAll.floor.median_ms"), r, "getAll.ratio", "getAll.ratio_min",
								"getAll.ratio_max", 1.15, true);
					}
				}
				case EXPORT -> {
					if (failure != null) {
						row(table, "2", "streamExport 1,000,000 records under -Xmx64m", "FAILED: " + failure);
					}
					else {
						ratioRow(table, "2", "streamExport 1,000,000 records under -Xmx" + r.get("export.max_heap_mb")
								+ "m (" + r.get("export.gc") + "), median of " + r.get("export.rounds") + " rounds",
								ms(r, "export.client.median_ms"), ms(r, "export.floor.median_ms"), r, "export.ratio",
								"export.ratio_min", "export.ratio_max", 1.15, true);
						table.append(BenchmarkMain.format(
								"| 2 | streamExport heap: peak used / largest after GC | %s / %s | %s / %s | | | | "
										+ "completes under -Xmx64m | yes |%n",
								mb(r, "export.client.peak_used_mb"), mb(r, "export.client.max_after_gc_mb"),
								mb(r, "export.floor.peak_used_mb"), mb(r, "export.floor.max_after_gc_mb")));
					}
				}
				case GET_ONE -> {
					if (failure != null) {
						row(table, "3", "getOne vs bare RestClient", "FAILED: " + failure);
					}
					else {
						for (String p : new String[] { "p50", "p99" }) {
							ratioRow(table, "3", "getOne " + p + " over " + r.get("getOne.calls")
									+ " calls vs bare RestClient", us(r, "getOne.client." + p + "_us"),
									us(r, "getOne.bare." + p + "_us"), r, "getOne." + p + "_ratio",
									"getOne.half1." + p + "_ratio", "getOne.half2." + p + "_ratio", 1.3, true);
						}
						for (String p : new String[] { "p50", "p99" }) {
							ratioRow(table, "3", "getOne " + p + ", the client with its default request factory, vs "
									+ "bare RestClient over Spring's", us(r, "getOne.default." + p + "_us"),
									us(r, "getOne.bare." + p + "_us"), r, "getOne.default." + p + "_ratio",
									"getOne.default.half1." + p + "_ratio", "getOne.default.half2." + p + "_ratio", 1.3,
									true);
						}
					}
				}
				case CONCURRENCY -> {
					if (failure != null) {
						row(table, "4", "getAll 40 pages, 50 ms latency, concurrency 1 vs 4", "FAILED: " + failure);
					}
					else {
						ratioRow(table, "4", "getAll 40 pages at 50 ms latency, concurrency 4 vs 1 (speedup), "
								+ "median of " + r.get("concurrency.rounds") + " rounds",
								ms(r, "concurrency.c4.median_ms"), ms(r, "concurrency.c1.median_ms"), r,
								"concurrency.speedup", "concurrency.speedup_min", "concurrency.speedup_max", 3.0,
								false);
					}
				}
			}
		}
		return table.toString();
	}

	/**
	 * A row comparing the client with its floor.
	 * @param atMost whether the ratio must stay at or below the target (else reach at least it)
	 */
	private static void ratioRow(StringBuilder table, String number, String measure, String client, String floor,
			Map<String, String> r, String ratioKey, String minKey, String maxKey, double target, boolean atMost) {
		double ratio = number(r, ratioKey);
		boolean met = atMost ? ratio <= target : ratio >= target;
		String cpuKey = ratioKey.endsWith(".ratio") ? ratioKey.replace(".ratio", ".cpu.ratio") : null;
		String cpu = (cpuKey != null && r.containsKey(cpuKey)) ? BenchmarkMain.format("%.2fx", number(r, cpuKey)) : "";
		String pairedKey = ratioKey.endsWith("_ratio") ? null : ratioKey + "_median";
		String paired = (pairedKey != null && r.containsKey(pairedKey))
				? BenchmarkMain.format(" (rounds' median %.2f)", number(r, pairedKey)) : "";
		table.append(BenchmarkMain.format("| %s | %s | %s | %s | %.2fx | %.2f-%.2f%s | %s | %s %.2fx | %s |%n", number,
				measure, client, floor, ratio, Math.min(number(r, minKey), number(r, maxKey)),
				Math.max(number(r, minKey), number(r, maxKey)), paired, cpu, atMost ? "<=" : ">=", target,
				met ? "yes" : "no"));
	}

	private static void row(StringBuilder table, String number, String measure, String failure) {
		table.append("| ").append(number).append(" | ").append(measure).append(" | ")
			.append(failure.replace('|', '/'))
			.append(" | | | | | | no |\n");
	}

	private static double number(Map<String, String> r, String key) {
		String value = r.get(key);
		return (value != null) ? Double.parseDouble(value) : Double.NaN;
	}

	private static String ms(Map<String, String> r, String key) {
		return BenchmarkMain.format("%.0f ms", number(r, key));
	}

	private static String us(Map<String, String> r, String key) {
		return BenchmarkMain.format("%.0f us", number(r, key));
	}

	private static String mb(Map<String, String> r, String key) {
		return BenchmarkMain.format("%.1f MB", number(r, key));
	}

	private static String machine() {
		com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
			.getOperatingSystemMXBean();
		String cpu = BenchmarkMain.firstLine(Path.of("/proc/cpuinfo"), "model name");
		return BenchmarkMain.format("%d cores%s, %.1f GiB memory, %s %s %s", Runtime.getRuntime().availableProcessors(),
				(cpu != null) ? " (" + cpu.substring(cpu.indexOf(':') + 1).trim() + ")" : "",
				os.getTotalMemorySize() / (1024.0 * 1024 * 1024), System.getProperty("os.name"),
				System.getProperty("os.version"), System.getProperty("os.arch"));
	}

	private static String commit() {
		String head = git("rev-parse", "--short", "HEAD");
		if (head == null) {
			return "unknown (not run from a git work tree)";
		}
		String status = git("status", "--porcelain", "--untracked-files=no");
		return head + (((status != null) && !status.isBlank()) ? " with uncommitted changes" : "");
	}

	private static @Nullable String git(String... args) {
		try {
			List<String> command = new java.util.ArrayList<>(List.of("git"));
			command.addAll(List.of(args));
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
			return (process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0) ? out : null;
		}
		catch (IOException ex) {
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

}
