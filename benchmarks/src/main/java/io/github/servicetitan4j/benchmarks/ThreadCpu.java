package io.github.servicetitan4j.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/**
 * CPU time by group of threads, so that a run tells where its time went: the consumer (the thread that walks), the
 * client's paging threads, the JDK HTTP client's threads, the stub server, and the rest of the JVM (garbage
 * collection and JIT compilation, which are not Java threads: the process's CPU time less the Java threads').
 */
final class ThreadCpu {

	/** The groups, in the order of {@link #snapshot()}'s figures. */
	static final String[] GROUPS = { "consumer", "paging", "http client", "server", "GC and JIT" };

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	private ThreadCpu() {
	}

	/**
	 * The CPU nanoseconds spent so far by each group, threads that have ended excepted (the pools' threads live on).
	 * @return one figure per group of {@link #GROUPS}
	 */
	static long[] snapshot() {
		long[] cpu = new long[GROUPS.length];
		long consumer = Thread.currentThread().getId();
		long javaThreads = 0;
		for (long id : THREADS.getAllThreadIds()) {
			long nanos = THREADS.getThreadCpuTime(id);
			ThreadInfo info = THREADS.getThreadInfo(id);
			if (nanos < 0 || info == null) {
				continue;
			}
			javaThreads += nanos;
			int group = (id == consumer) ? 0 : group(info.getThreadName());
			if (group >= 0) {
				cpu[group] += nanos;
			}
		}
		cpu[4] = Results.processCpuNanos() - javaThreads;
		return cpu;
	}

	/** The group of a thread other than the consumer, by its name; -1 for the JVM's own (counted in GC and JIT). */
	private static int group(String thread) {
		if (thread.startsWith("servicetitan-paging")) {
			return 1;
		}
		if (thread.startsWith("HttpClient")) {
			return 2;
		}
		if (thread.startsWith("stub-server") || thread.startsWith("HTTP-Dispatcher")) {
			return 3;
		}
		return -1;
	}

}
