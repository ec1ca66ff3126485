package io.github.servicetitan4j.benchmarks;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.github.servicetitan4j.Endpoint;
import io.github.servicetitan4j.ServiceTitanClient;
import tools.jackson.databind.JsonNode;

/**
 * Scenario 1: {@code getAll} of 100,000 jobs in pages of 5,000 against the JDK floor doing the same loop. Client and
 * floor alternate round by round (and which goes first alternates too), so that a noisy neighbour hurts both alike.
 */
final class GetAllBenchmark {

	static final long RECORDS = 100_000;

	static final int PAGE_SIZE = 5_000;

	private static final int WARMUP_ROUNDS = 4;

	private static final int ROUNDS = 10;

	private GetAllBenchmark() {
	}

	static void run(URI server) throws Exception {
		ServiceTitanClient client = Clients.client(server).build();
		Endpoint jobs = client.endpoint("jpm", "jobs");
		JdkFloor floor = new JdkFloor(server);
		double[] clientMs = new double[ROUNDS];
		double[] floorMs = new double[ROUNDS];
		double[] clientCpuMs = new double[ROUNDS];
		double[] floorCpuMs = new double[ROUNDS];
		for (int round = -WARMUP_ROUNDS; round < ROUNDS; round++) {
			boolean clientFirst = (round & 1) == 0;
			Run first = clientFirst ? runClient(jobs) : runFloor(floor);
			Run second = clientFirst ? runFloor(floor) : runClient(jobs);
			Run c = clientFirst ? first : second;
			Run f = clientFirst ? second : first;
			if (round >= 0) {
				clientMs[round] = c.millis();
				floorMs[round] = f.millis();
				clientCpuMs[round] = c.cpuMillis();
				floorCpuMs[round] = f.cpuMillis();
			}
			Results.progress("  getAll %s %2d: client %7.1f ms (cpu %7.1f ms), floor %7.1f ms (cpu %7.1f ms)",
					(round < 0) ? "warm-up" : "round  ", (round < 0) ? round + WARMUP_ROUNDS + 1 : round + 1,
					c.millis(), c.cpuMillis(), f.millis(), f.cpuMillis());
		}
		Results.compare("getAll", clientMs, floorMs);
		Results.compare("getAll.cpu", clientCpuMs, floorCpuMs);
	}

	private record Run(double millis, double cpuMillis) {
	}

	private static Run runClient(Endpoint jobs) {
		long cpu = Results.processCpuNanos();
		long start = System.nanoTime();
		List<JsonNode> records = jobs.getAll(Map.of("pageSize", PAGE_SIZE));
		Run run = new Run(Results.millis(System.nanoTime() - start), Results.millis(Results.processCpuNanos() - cpu));
		verify("client", records);
		return run;
	}

	private static Run runFloor(JdkFloor floor) throws Exception {
		long cpu = Results.processCpuNanos();
		long start = System.nanoTime();
		List<JsonNode> records = floor.getAll(PAGE_SIZE);
		Run run = new Run(Results.millis(System.nanoTime() - start), Results.millis(Results.processCpuNanos() - cpu));
		verify("floor", records);
		return run;
	}

	private static void verify(String variant, List<JsonNode> records) {
		long idSum = 0;
		for (JsonNode record : records) {
			idSum += record.get("id").asLong();
		}
		Results.check("getAll " + variant, RECORDS, JobRecords.idSum(0, RECORDS), records.size(), idSum);
	}

}
