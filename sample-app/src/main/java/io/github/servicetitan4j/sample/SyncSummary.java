package io.github.servicetitan4j.sample;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import org.jspecify.annotations.Nullable;

/**
 * The figures a person wants after a sync, read back from the {@link MeterRegistry} the starter reports to: calls,
 * retries and records per operation, and latency.
 */
final class SyncSummary {

	private SyncSummary() {
	}

	static String render(ExportSync.SyncReport report, @Nullable String reportLine, Duration elapsed, String health,
			MeterRegistry meters) {
		StringBuilder out = new StringBuilder();
		out.append("\n==== ServiceTitan sync summary ====\n");
		report.records().forEach((feed, count) -> out.append(String.format("  %-28s %,10d records%n", feed, count)));
		if (reportLine != null) {
			out.append(String.format("  %-28s %s%n", "report (last month)", reportLine));
		}
		out.append(String.format("  %-28s %,10d rows%n", "database customers", report.customersInDatabase()));
		out.append(String.format("  %-28s %,10d rows%n", "database jobs", report.jobsInDatabase()));
		out.append(String.format("  %-28s %,10d%n", "HTTP requests", (long) timerCount(meters, "servicetitan.client.requests")));
		out.append(String.format("  %-28s %,10d%n", "retries", (long) counterSum(meters, "servicetitan.client.retries")));
		out.append(String.format("  %-28s %,10d%n", "records delivered", (long) counterSum(meters, "servicetitan.client.records")));
		out.append(String.format("  %-28s %,10d%n", "token requests", (long) timerCount(meters, "servicetitan.client.token.requests")));
		out.append(String.format("  %-28s %10s%n", "elapsed", elapsed.toMillis() + " ms"));
		out.append(String.format("  %-28s %10s%n", "health (servicetitan)", health));
		Map<String, String> latency = operationLatency(meters);
		if (!latency.isEmpty()) {
			out.append("  operation latency (calls, p95):\n");
			latency.forEach((operation, figures) -> out.append(String.format("    %-26s %s%n", operation, figures)));
		}
		out.append("===================================");
		return out.toString();
	}

	private static double timerCount(MeterRegistry meters, String name) {
		return meters.find(name).timers().stream().mapToDouble(Timer::count).sum();
	}

	private static double counterSum(MeterRegistry meters, String name) {
		return meters.find(name).counters().stream().mapToDouble(Counter::count).sum();
	}

	private static Map<String, String> operationLatency(MeterRegistry meters) {
		Map<String, String> latency = new TreeMap<>();
		for (Timer timer : meters.find("servicetitan.client.operation").timers()) {
			String key = timer.getId().getTag("folder") + "/" + timer.getId().getTag("endpoint") + " "
					+ timer.getId().getTag("operation") + " [" + timer.getId().getTag("outcome") + "]";
			String p95 = "n/a";
			for (ValueAtPercentile percentile : timer.takeSnapshot().percentileValues()) {
				if (percentile.percentile() == 0.95) {
					p95 = String.format("%.1f ms", percentile.value(TimeUnit.MILLISECONDS));
				}
			}
			latency.put(key, String.format("%,d calls, p95 %s", timer.count(), p95));
		}
		return latency;
	}

}
