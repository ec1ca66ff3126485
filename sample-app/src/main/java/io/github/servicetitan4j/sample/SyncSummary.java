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
 * The figures a person wants after a sync: records and rows in total and per tenant, then, read back from the
 * {@link MeterRegistry} the starter reports to, calls, retries and records per operation, and latency.
 */
final class SyncSummary {

	private SyncSummary() {
	}

	/**
	 * The summary.
	 * @param report what the sync did
	 * @param reportLines per tenant, what last month's report said (empty when the report was off)
	 * @param elapsed how long the main job took
	 * @param health the status of the ServiceTitan health contributor
	 * @param meters where the starter recorded its meters
	 * @return lines to print
	 */
	static String render(ExportSync.SyncReport report, Map<String, String> reportLines, Duration elapsed, String health,
			MeterRegistry meters) {
		StringBuilder out = new StringBuilder();
		out.append("\n==== ServiceTitan sync summary ====\n");
		report.records().forEach((feed, count) -> out.append(String.format("  %-28s %,10d records%n", feed, count)));
		out.append(String.format("  %-28s %,10d rows%n", "database customers", report.customersInDatabase()));
		out.append(String.format("  %-28s %,10d rows%n", "database jobs", report.jobsInDatabase()));
		report.tenants().forEach((tenant, figures) -> tenant(out, tenant, figures, reportLines.get(tenant)));
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

	/** One tenant's block: what each of its feeds delivered, its rows in the shared database, its report. */
	private static void tenant(StringBuilder out, String tenant, ExportSync.TenantReport figures,
			@Nullable String reportLine) {
		out.append("  tenant ").append(tenant).append(":\n");
		figures.records().forEach((feed, count) -> out.append(String.format("    %-26s %,10d records%n", feed, count)));
		out.append(String.format("    %-26s %,10d rows%n", "database customers", figures.customersInDatabase()));
		out.append(String.format("    %-26s %,10d rows%n", "database jobs", figures.jobsInDatabase()));
		if (reportLine != null) {
			out.append(String.format("    %-26s %s%n", "report (last month)", reportLine));
		}
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
			// One timer per tenant: the tenant tag keeps two tenants' figures apart (absent when tenant-tag is off).
			String tenant = timer.getId().getTag("tenant");
			String key = ((tenant != null) ? tenant + " " : "") + timer.getId().getTag("folder") + "/"
					+ timer.getId().getTag("endpoint") + " " + timer.getId().getTag("operation") + " ["
					+ timer.getId().getTag("outcome") + "]";
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
