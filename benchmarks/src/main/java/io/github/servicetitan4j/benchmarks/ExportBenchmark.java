package io.github.servicetitan4j.benchmarks;

import java.net.URI;

import io.github.servicetitan4j.Endpoint;
import io.github.servicetitan4j.ExportStream;
import io.github.servicetitan4j.ServiceTitanClient;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Scenario 2: {@code streamExport} of 1,000,000 jobs (batches of 5,000) against a floor that streams the same feed
 * record by record with Jackson's parser, both in a JVM started with {@code -Xmx64m}. Each run's time, peak heap and
 * largest heap after a collection are measured; the records are consumed (ids summed), not kept.
 */
final class ExportBenchmark {

	static final long RECORDS = 1_000_000;

	static final int BATCH_SIZE = 5_000;

	/** The feed goes round the 100,000 records of the list (see {@link StubServer}). */
	private static final long EXPECTED_ID_SUM = JobRecords.cycledIdSum(RECORDS, GetAllBenchmark.RECORDS);

	private static final int WARMUP_ROUNDS = 1;

	private static final int ROUNDS = 5;

	private ExportBenchmark() {
	}

	private record Run(double millis, double cpuMillis, long peakUsed, long maxAfterGc, long collections) {

		@Override
		public String toString() {
			return String.format(java.util.Locale.ROOT, "%7.1f ms (cpu %7.1f ms, peak %s, after GC %s, %d GCs)",
					this.millis, this.cpuMillis, mb(this.peakUsed), mb(this.maxAfterGc), this.collections);
		}

	}

	static void run(URI server) throws Exception {
		ServiceTitanClient client = Clients.client(server).build();
		Endpoint jobs = client.endpoint("jpm", "jobs");
		JdkFloor floor = new JdkFloor(server);
		double[] clientMs = new double[ROUNDS];
		double[] floorMs = new double[ROUNDS];
		double[] clientCpuMs = new double[ROUNDS];
		double[] floorCpuMs = new double[ROUNDS];
		long[] clientHeap = new long[2];
		long[] floorHeap = new long[2];
		Results.put("export.max_heap_mb", HeapMeter.maxHeap() / (1024 * 1024));
		Results.put("export.gc", HeapMeter.collectorNames());
		try (HeapMeter heap = new HeapMeter()) {
			for (int round = -WARMUP_ROUNDS; round < ROUNDS; round++) {
				boolean clientFirst = (round & 1) == 0;
				Run first = clientFirst ? runClient(jobs, heap) : runFloor(floor, heap);
				Run second = clientFirst ? runFloor(floor, heap) : runClient(jobs, heap);
				Run c = clientFirst ? first : second;
				Run f = clientFirst ? second : first;
				if (round >= 0) {
					clientMs[round] = c.millis();
					floorMs[round] = f.millis();
					clientCpuMs[round] = c.cpuMillis();
					floorCpuMs[round] = f.cpuMillis();
					keepMax(clientHeap, c);
					keepMax(floorHeap, f);
				}
				Results.progress("  export %s %d: client %s; floor %s", (round < 0) ? "warm-up" : "round  ",
						(round < 0) ? round + WARMUP_ROUNDS + 1 : round + 1, c, f);
			}
		}
		Results.compare("export", clientMs, floorMs);
		Results.compare("export.cpu", clientCpuMs, floorCpuMs);
		Results.put("export.client.peak_used_mb", clientHeap[0] / (1024.0 * 1024));
		Results.put("export.client.max_after_gc_mb", clientHeap[1] / (1024.0 * 1024));
		Results.put("export.floor.peak_used_mb", floorHeap[0] / (1024.0 * 1024));
		Results.put("export.floor.max_after_gc_mb", floorHeap[1] / (1024.0 * 1024));
	}

	private static void keepMax(long[] heap, Run run) {
		heap[0] = Math.max(heap[0], run.peakUsed());
		heap[1] = Math.max(heap[1], run.maxAfterGc());
	}

	private static Run runClient(Endpoint jobs, HeapMeter heap) throws InterruptedException {
		heap.reset();
		long cpu = Results.processCpuNanos();
		long start = System.nanoTime();
		long count = 0;
		long idSum = 0;
		String checkpoint;
		try (ExportStream<JsonNode> feed = jobs.streamExport("jobs", null, false)) {
			for (JsonNode record : feed) {
				count++;
				idSum += record.get("id").asLong();
			}
			checkpoint = feed.continueFrom();
		}
		long elapsed = System.nanoTime() - start;
		Run run = new Run(Results.millis(elapsed), Results.millis(Results.processCpuNanos() - cpu), heap.peakUsed(),
				heap.maxAfterGc(), heap.collections());
		Results.check("streamExport client", RECORDS, EXPECTED_ID_SUM, count, idSum);
		checkToken("client", checkpoint);
		return run;
	}

	private static Run runFloor(JdkFloor floor, HeapMeter heap) throws Exception {
		heap.reset();
		long cpu = Results.processCpuNanos();
		long start = System.nanoTime();
		long[] counts = new long[2];
		String checkpoint = floor.streamExport((record) -> {
			counts[0]++;
			counts[1] += record.get("id").asLong();
		});
		long elapsed = System.nanoTime() - start;
		Run run = new Run(Results.millis(elapsed), Results.millis(Results.processCpuNanos() - cpu), heap.peakUsed(),
				heap.maxAfterGc(), heap.collections());
		Results.check("streamExport floor", RECORDS, EXPECTED_ID_SUM, counts[0], counts[1]);
		checkToken("floor", checkpoint);
		return run;
	}

	private static void checkToken(String variant, @Nullable String checkpoint) {
		String expected = JobRecords.token((int) (RECORDS / BATCH_SIZE));
		if (!expected.equals(checkpoint)) {
			throw new IllegalStateException(variant + " ended with continueFrom " + checkpoint + ", expected " + expected);
		}
	}

	private static String mb(long bytes) {
		return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
	}

}
