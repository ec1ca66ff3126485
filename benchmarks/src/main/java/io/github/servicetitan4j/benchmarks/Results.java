package io.github.servicetitan4j.benchmarks;

import java.util.Locale;

/**
 * What a measuring JVM tells the harness: {@code @result key value} lines on standard output (everything else it
 * prints is progress, shown as is).
 */
final class Results {

	static final String PREFIX = "@result ";

	private Results() {
	}

	static void put(String key, String value) {
		System.out.println(PREFIX + key + " " + value);
		System.out.flush();
	}

	static void put(String key, double value) {
		put(key, String.format(Locale.ROOT, "%.4f", value));
	}

	static void put(String key, long value) {
		put(key, Long.toString(value));
	}

	static void progress(String format, Object... args) {
		System.out.println(String.format(Locale.ROOT, format, args));
		System.out.flush();
	}

	/**
	 * CPU time of this whole JVM so far (every thread: the caller, the HTTP client's, the collector's), in nanoseconds.
	 * Less disturbed than wall time by other processes competing for the cores, though not immune (caches).
	 */
	static long processCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
			.getOperatingSystemMXBean()).getProcessCpuTime();
	}

	static double millis(long nanos) {
		return nanos / 1_000_000.0;
	}

	/** Fails the run when a variant read something else than the server holds: a fast wrong answer is no result. */
	static void check(String what, long expectedCount, long expectedIdSum, long count, long idSum) {
		if (count != expectedCount || idSum != expectedIdSum) {
			throw new IllegalStateException(what + " read " + count + " records (id sum " + idSum + "), expected "
					+ expectedCount + " (id sum " + expectedIdSum + ")");
		}
	}

	/**
	 * Reports the per-round samples of two variants: medians, the ratio of medians (the figure judged against a
	 * target) and the median and range of the rounds' own ratios (each round pairs two runs close in time).
	 */
	static void compare(String scenario, double[] client, double[] floor) {
		put(scenario + ".client.median_ms", Stats.median(client));
		put(scenario + ".floor.median_ms", Stats.median(floor));
		put(scenario + ".ratio", Stats.median(client) / Stats.median(floor));
		double[] ratios = Stats.ratios(client, floor);
		put(scenario + ".ratio_median", Stats.median(ratios));
		put(scenario + ".ratio_min", Stats.min(ratios));
		put(scenario + ".ratio_max", Stats.max(ratios));
		put(scenario + ".rounds", client.length);
	}

}
