package io.github.servicetitan4j.benchmarks;

import java.util.Arrays;
import java.util.List;

/**
 * The measured scenarios, each run in its own JVM with its own heap limit, against the fast or the slow stub server.
 */
enum Scenario {

	GET_ALL("getAll", "-Xmx1g", false),

	EXPORT("export", "-Xmx64m", false),

	GET_ONE("getOne", "-Xmx256m", false),

	CONCURRENCY("concurrency", "-Xmx256m", true);

	private final String id;

	private final String maxHeap;

	private final boolean slowServer;

	Scenario(String id, String maxHeap, boolean slowServer) {
		this.id = id;
		this.maxHeap = maxHeap;
		this.slowServer = slowServer;
	}

	String id() {
		return this.id;
	}

	/** The {@code -Xmx} option of the measuring JVM. */
	String maxHeap() {
		return this.maxHeap;
	}

	/** Whether the scenario runs against the server with 50 ms of latency. */
	boolean slowServer() {
		return this.slowServer;
	}

	static Scenario named(String id) {
		return Arrays.stream(values())
			.filter((scenario) -> scenario.id.equalsIgnoreCase(id))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("unknown scenario '" + id + "'; known: " + ids()));
	}

	static List<String> ids() {
		return Arrays.stream(values()).map(Scenario::id).toList();
	}

}
