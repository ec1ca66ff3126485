package io.github.servicetitan4j.benchmarks;

import java.net.URI;

import io.github.servicetitan4j.Endpoint;
import io.github.servicetitan4j.ServiceTitanClient;
import tools.jackson.databind.JsonNode;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * Scenario 3: the per-call overhead of {@code getOne} against a bare {@link RestClient} GET of the same record into a
 * {@link JsonNode}, with the same headers, through the same request factory (so the same connection pool). Calls
 * alternate one by one; each call is timed on its own and p50 and p99 are compared. A third caller, the client as users
 * get it (its own default request factory, not Spring's), shows what a user meets against a hand-written
 * {@code RestClient} over Spring's JDK factory.
 */
final class GetOneBenchmark {

	private static final int WARMUP_CALLS = 3_000;

	private static final int CALLS = 5_000;

	private static final int DISTINCT_IDS = 1_000;

	private GetOneBenchmark() {
	}

	static void run(URI server) {
		JdkClientHttpRequestFactory requestFactory = Clients.requestFactory();
		ServiceTitanClient client = Clients.client(server).requestFactory(requestFactory).build();
		Endpoint jobs = client.endpoint("jpm", "jobs");
		RestClient bare = RestClient.builder().requestFactory(requestFactory).build();
		Endpoint defaultJobs = Clients.client(server).build().endpoint("jpm", "jobs");
		String template = server + "/jpm/v2/tenant/{tenant}/jobs/{id}";
		double[] clientUs = new double[CALLS];
		double[] bareUs = new double[CALLS];
		double[] defaultUs = new double[CALLS];
		long checksum = 0;
		for (int call = -WARMUP_CALLS; call < CALLS; call++) {
			long id = JobRecords.id(Math.floorMod(call, DISTINCT_IDS));
			long c = 0;
			long b = 0;
			long d = 0;
			for (int turn = 0; turn < 3; turn++) {
				long start = System.nanoTime();
				JsonNode record;
				// Each caller goes first, second and third in turn.
				int caller = Math.floorMod(call + turn, 3);
				boolean clientTurn = caller == 0;
				if (clientTurn) {
					record = jobs.getOne(Long.toString(id));
					c = System.nanoTime() - start;
				}
				else if (caller == 2) {
					record = defaultJobs.getOne(Long.toString(id));
					d = System.nanoTime() - start;
				}
				else {
					record = bare.get()
						.uri(template, Clients.TENANT, id)
						.header("Authorization", "Bearer " + StubServer.TOKEN)
						.header("ST-App-Key", StubServer.APP_KEY)
						.retrieve()
						.body(JsonNode.class);
					b = System.nanoTime() - start;
				}
				if (record == null || record.get("id").asLong() != id) {
					throw new IllegalStateException((clientTurn ? "getOne" : (caller == 2) ? "getOne (default factory)"
							: "RestClient") + " read " + record + " for id " + id);
				}
				checksum += record.get("id").asLong();
			}
			if (call >= 0) {
				clientUs[call] = c / 1_000.0;
				bareUs[call] = b / 1_000.0;
				defaultUs[call] = d / 1_000.0;
			}
		}
		Results.progress("  getOne: %d warm-up and %d measured calls of each, alternating (checksum %d)", WARMUP_CALLS,
				CALLS, checksum);
		for (String percentile : new String[] { "p50", "p99" }) {
			double p = Double.parseDouble(percentile.substring(1));
			double clientP = Stats.percentile(clientUs, p);
			double bareP = Stats.percentile(bareUs, p);
			Results.put("getOne.client." + percentile + "_us", clientP);
			Results.put("getOne.bare." + percentile + "_us", bareP);
			Results.put("getOne." + percentile + "_ratio", clientP / bareP);
			double defaultP = Stats.percentile(defaultUs, p);
			Results.put("getOne.default." + percentile + "_us", defaultP);
			Results.put("getOne.default." + percentile + "_ratio", defaultP / bareP);
			Results.progress("  getOne %s: client %.1f us, RestClient %.1f us, ratio %.2f; client with its default "
					+ "request factory %.1f us, ratio %.2f", percentile, clientP, bareP, clientP / bareP, defaultP,
					defaultP / bareP);
		}
		// The spread: the same comparison on each half of the measured calls.
		for (int half = 0; half < 2; half++) {
			double[] c = java.util.Arrays.copyOfRange(clientUs, half * CALLS / 2, (half + 1) * CALLS / 2);
			double[] b = java.util.Arrays.copyOfRange(bareUs, half * CALLS / 2, (half + 1) * CALLS / 2);
			Results.put("getOne.half" + (half + 1) + ".p50_ratio", Stats.median(c) / Stats.median(b));
			Results.put("getOne.half" + (half + 1) + ".p99_ratio", Stats.percentile(c, 99) / Stats.percentile(b, 99));
			double[] d = java.util.Arrays.copyOfRange(defaultUs, half * CALLS / 2, (half + 1) * CALLS / 2);
			Results.put("getOne.default.half" + (half + 1) + ".p50_ratio", Stats.median(d) / Stats.median(b));
			Results.put("getOne.default.half" + (half + 1) + ".p99_ratio",
					Stats.percentile(d, 99) / Stats.percentile(b, 99));
		}
		Results.put("getOne.calls", CALLS);
	}

}
