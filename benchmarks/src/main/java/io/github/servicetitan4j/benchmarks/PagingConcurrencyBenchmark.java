package io.github.servicetitan4j.benchmarks;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.github.servicetitan4j.Endpoint;
import tools.jackson.databind.JsonNode;

/**
 * Scenario 4: {@code getAll} of 40 pages (2,000 jobs, 50 a page) from a server that waits 50 ms before every answer,
 * with paging concurrency 1 and 4. Latency, not parsing, dominates: the floor of concurrency 1 is 40 x 50 ms = 2 s.
 * Both must return every record in page order. The query asks for {@code includeTotal=true} in both: the client pages
 * ahead only when the first page tells how many pages there are.
 */
final class PagingConcurrencyBenchmark {

	static final long RECORDS = 2_000;

	static final int PAGE_SIZE = 50;

	static final int CONCURRENCY = 4;

	private static final Map<String, Object> QUERY = Map.of("pageSize", PAGE_SIZE, "includeTotal", true);

	private static final int WARMUP_ROUNDS = 2;

	private static final int ROUNDS = 5;

	private PagingConcurrencyBenchmark() {
	}

	static void run(URI server) {
		Endpoint sequential = Clients.client(server).pagingConcurrency(1).build().endpoint("jpm", "jobs");
		Endpoint parallel = Clients.client(server).pagingConcurrency(CONCURRENCY).build().endpoint("jpm", "jobs");
		double[] sequentialMs = new double[ROUNDS];
		double[] parallelMs = new double[ROUNDS];
		for (int round = -WARMUP_ROUNDS; round < ROUNDS; round++) {
			boolean sequentialFirst = (round & 1) == 0;
			double s = 0;
			if (sequentialFirst) {
				s = time("concurrency 1", sequential);
			}
			double p = time("concurrency " + CONCURRENCY, parallel);
			if (!sequentialFirst) {
				s = time("concurrency 1", sequential);
			}
			if (round >= 0) {
				sequentialMs[round] = s;
				parallelMs[round] = p;
			}
			Results.progress("  concurrency %s %d: 1 -> %7.1f ms, %d -> %7.1f ms", (round < 0) ? "warm-up" : "round  ",
					(round < 0) ? round + WARMUP_ROUNDS + 1 : round + 1, s, CONCURRENCY, p);
		}
		Results.put("concurrency.c1.median_ms", Stats.median(sequentialMs));
		Results.put("concurrency.c4.median_ms", Stats.median(parallelMs));
		Results.put("concurrency.speedup", Stats.median(sequentialMs) / Stats.median(parallelMs));
		double[] speedups = Stats.ratios(sequentialMs, parallelMs);
		Results.put("concurrency.speedup_median", Stats.median(speedups));
		Results.put("concurrency.speedup_min", Stats.min(speedups));
		Results.put("concurrency.speedup_max", Stats.max(speedups));
		Results.put("concurrency.rounds", ROUNDS);
	}

	private static double time(String variant, Endpoint jobs) {
		long start = System.nanoTime();
		List<JsonNode> records = jobs.getAll(QUERY);
		long elapsed = System.nanoTime() - start;
		// Page order is part of the contract: a parallel walk must not reorder records.
		for (int i = 0; i < records.size(); i++) {
			if (records.get(i).get("id").asLong() != JobRecords.id(i)) {
				throw new IllegalStateException(variant + " returned record " + i + " out of order: "
						+ records.get(i).get("id"));
			}
		}
		Results.check("getAll at " + variant, RECORDS, JobRecords.idSum(0, RECORDS), records.size(),
				records.stream().mapToLong((record) -> record.get("id").asLong()).sum());
		return Results.millis(elapsed);
	}

}
