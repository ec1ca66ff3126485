package io.github.servicetitan4j;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * The pool that fetches pages ahead of the consumer, created when first needed. Its threads are daemons and end after
 * a minute of idleness, so a client that is never closed holds no thread for long.
 */
final class PagingPool {

	private final int size;

	private final String owner;

	private final Object lock = new Object();

	private @Nullable ThreadPoolExecutor pool;

	private boolean closed;

	PagingPool(int size, String owner) {
		this.size = size;
		this.owner = owner;
	}

	ExecutorService get() {
		synchronized (this.lock) {
			if (this.closed) {
				throw new IllegalStateException(this.owner + " is closed");
			}
			if (this.pool == null) {
				AtomicInteger count = new AtomicInteger();
				ThreadFactory threads = (task) -> {
					Thread thread = new Thread(task, "servicetitan-paging-" + count.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				};
				ThreadPoolExecutor created = new ThreadPoolExecutor(this.size, this.size, 1, TimeUnit.MINUTES,
						new LinkedBlockingQueue<>(), threads);
				created.allowCoreThreadTimeOut(true);
				this.pool = created;
			}
			return this.pool;
		}
	}

	boolean isClosed() {
		synchronized (this.lock) {
			return this.closed;
		}
	}

	/** Stops the threads; walks still running fail on their next look-ahead page. */
	void close() {
		synchronized (this.lock) {
			this.closed = true;
			if (this.pool != null) {
				this.pool.shutdownNow();
				this.pool = null;
			}
		}
	}

}
