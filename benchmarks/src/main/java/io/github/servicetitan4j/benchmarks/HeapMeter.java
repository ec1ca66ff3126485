package io.github.servicetitan4j.benchmarks;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * Measures the heap of one run in this JVM: the peak of heap use (the fullest the heap was just before a collection,
 * or at the end) and the largest heap left after a collection (what the run kept alive: the number that says whether
 * memory grows with the data, since a small heap is always nearly full just before it is collected).
 */
final class HeapMeter implements AutoCloseable {

	private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans()
		.stream()
		.filter((pool) -> pool.getType() == MemoryType.HEAP)
		.toList();

	private final AtomicLong maxAfterGc = new AtomicLong();

	private final AtomicLong maxBeforeGc = new AtomicLong();

	private final AtomicLong collections = new AtomicLong();

	private final AtomicLong notified = new AtomicLong();

	private final NotificationListener listener = (notification, handback) -> {
		if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
			GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo
				.from((CompositeData) notification.getUserData());
			this.notified.incrementAndGet();
			this.collections.incrementAndGet();
			this.maxBeforeGc.accumulateAndGet(heapUsed(info.getGcInfo().getMemoryUsageBeforeGc()), Math::max);
			this.maxAfterGc.accumulateAndGet(heapUsed(info.getGcInfo().getMemoryUsageAfterGc()), Math::max);
		}
	};

	HeapMeter() {
		for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
			((NotificationEmitter) gc).addNotificationListener(this.listener, null, null);
		}
		// Collections before the listener was added will never be heard of: count them as heard.
		this.notified.addAndGet(collectionCount());
	}

	private static long collectionCount() {
		return ManagementFactory.getGarbageCollectorMXBeans()
			.stream()
			.mapToLong(GarbageCollectorMXBean::getCollectionCount)
			.sum();
	}

	private long heapUsed(Map<String, MemoryUsage> pools) {
		long used = 0;
		for (Map.Entry<String, MemoryUsage> pool : pools.entrySet()) {
			if (this.heapPools.stream().anyMatch((heapPool) -> heapPool.getName().equals(pool.getKey()))) {
				used += pool.getValue().getUsed();
			}
		}
		return used;
	}

	/** Collects what earlier runs left behind and starts a new measurement. */
	void reset() throws InterruptedException {
		System.gc();
		// Notifications arrive on a service thread, after the fact: wait for every collection so far to be heard,
		// else a late one from the previous run would count against this one.
		long collected = collectionCount();
		long deadline = System.nanoTime() + 2_000_000_000L;
		while (this.notified.get() < collected && System.nanoTime() < deadline) {
			Thread.sleep(5);
		}
		this.maxAfterGc.set(0);
		this.maxBeforeGc.set(0);
		this.collections.set(0);
	}

	/** The most heap in use since {@link #reset()}, in bytes: just before a collection, or now. */
	long peakUsed() {
		long now = this.heapPools.stream().mapToLong((pool) -> pool.getUsage().getUsed()).sum();
		return Math.max(now, this.maxBeforeGc.get());
	}

	/** The largest heap in use right after a collection since {@link #reset()}, in bytes (0 if none ran). */
	long maxAfterGc() {
		return this.maxAfterGc.get();
	}

	/** Collections since {@link #reset()}. */
	long collections() {
		return this.collections.get();
	}

	static long maxHeap() {
		return Runtime.getRuntime().maxMemory();
	}

	static String collectorNames() {
		return String.join("+", ManagementFactory.getGarbageCollectorMXBeans()
			.stream()
			.map(GarbageCollectorMXBean::getName)
			.toList());
	}

	@Override
	public void close() {
		for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
			try {
				((NotificationEmitter) gc).removeNotificationListener(this.listener);
			}
			catch (javax.management.ListenerNotFoundException ex) {
				// Already gone: nothing to undo.
			}
		}
	}

}
