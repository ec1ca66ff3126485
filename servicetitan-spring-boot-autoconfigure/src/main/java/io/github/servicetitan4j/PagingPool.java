package io.github.servicetitan4j;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * The threads of one client that fetch pages ahead of a walk's consumer: started when first needed, stopped by
 * {@link #close()} (the client's). Its threads are daemons and end after a minute of idleness, so a client that is never
 * closed holds no thread for long. Part of the {@link ClientContext}, so that a walk asks it, never the client.
 */
final class PagingPool implements AutoCloseable {

	private final int concurrency;

	private final String owner;

	private final Object lock = new Object();

	private @Nullable Threads threads;

	private @Nullable Threads stopped;

	private boolean closed;

	/**
	 * Creates a pool that starts no thread until asked.
	 * @param concurrency pages fetched at once; 1 means walks never ask for the pool
	 * @param owner names the client in the message of a use after close
	 */
	PagingPool(int concurrency, String owner) {
		this.concurrency = concurrency;
		this.owner = owner;
	}

	/** Pages a walk fetches concurrently ahead of its consumer; 1 walks sequentially. */
	int concurrency() {
		return this.concurrency;
	}

	/**
	 * The threads, started on first use.
	 * @return the executor
	 * @throws IllegalStateException if the pool is closed
	 */
	ExecutorService executor() {
		synchronized (this.lock) {
			if (this.closed) {
				throw new IllegalStateException(this.owner + " is closed");
			}
			if (this.threads == null) {
				AtomicInteger count = new AtomicInteger();
				ThreadFactory factory = (task) -> {
					Thread thread = new Thread(task, "servicetitan-paging-" + count.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				};
				Threads started = new Threads(this.concurrency, factory);
				started.allowCoreThreadTimeOut(true);
				this.threads = started;
			}
			return this.threads;
		}
	}

	/**
	 * Stops the threads (walks still running fail on their next look-ahead page); every later {@link #executor()} fails.
	 */
	@Override
	public void close() {
		synchronized (this.lock) {
			this.closed = true;
			Threads running = this.threads;
			if (running != null) {
				running.shutdownNow();
				// Queued pages would never run and running ones may not heed the interrupt: cancel every one, so that
				// each consumer waiting for a page wakes with an exception instead of waiting forever.
				running.cancelAll();
				this.stopped = running;
				this.threads = null;
			}
		}
	}

	/** Whether {@link #close()} was called. */
	boolean isClosed() {
		synchronized (this.lock) {
			return this.closed;
		}
	}

	/**
	 * Waits until every thread that {@link #close()} stopped has ended, so that tests can count the requests sent once
	 * nothing can send any more.
	 * @param timeout the longest to wait
	 * @return whether the threads stopped in time (also when none had started)
	 * @throws InterruptedException if interrupted while waiting
	 */
	boolean awaitStopped(Duration timeout) throws InterruptedException {
		Threads pool;
		synchronized (this.lock) {
			pool = this.stopped;
		}
		return pool == null || pool.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS);
	}

	/** The executor, which knows its unfinished pages so that {@link #close()} can cancel them. */
	private static final class Threads extends ThreadPoolExecutor {

		private final Set<Future<?>> unfinished = ConcurrentHashMap.newKeySet();

		Threads(int threads, ThreadFactory threadFactory) {
			super(threads, threads, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(), threadFactory);
		}

		@Override
		protected <T> RunnableFuture<T> newTaskFor(Callable<T> callable) {
			FutureTask<T> task = new FutureTask<>(callable) {

				@Override
				protected void done() {
					Threads.this.unfinished.remove(this);
				}

			};
			this.unfinished.add(task);
			return task;
		}

		void cancelAll() {
			this.unfinished.forEach((task) -> task.cancel(true));
		}

	}

}
