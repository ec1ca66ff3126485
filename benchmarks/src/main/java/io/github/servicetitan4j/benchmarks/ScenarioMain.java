package io.github.servicetitan4j.benchmarks;

import java.net.URI;

/**
 * Entry point of a measuring JVM, forked by {@link BenchmarkMain} with the heap limit of its scenario:
 * {@code ScenarioMain <scenario> <server-uri>}. Prints progress and {@code @result} lines; exits non-zero on failure.
 */
public final class ScenarioMain {

	private ScenarioMain() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length != 2) {
			System.err.println("usage: ScenarioMain <scenario> <server-uri>");
			System.exit(2);
		}
		Scenario scenario = Scenario.named(args[0]);
		URI server = URI.create(args[1]);
		switch (scenario) {
			case GET_ALL -> GetAllBenchmark.run(server);
			case EXPORT -> ExportBenchmark.run(server);
			case GET_ONE -> GetOneBenchmark.run(server);
			case CONCURRENCY -> PagingConcurrencyBenchmark.run(server);
		}
		System.exit(0);
	}

}
