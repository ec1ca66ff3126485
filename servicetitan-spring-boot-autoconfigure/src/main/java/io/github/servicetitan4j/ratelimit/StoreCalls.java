package io.github.servicetitan4j.ratelimit;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.servicetitan4j.errors.ServiceTitanException.ServiceTitanInterruptedException;

/**
 * Runs store round trips with a deadline, whatever the driver does: a pool that waits for a connection, a TCP connect
 * that hangs, or a Redis client that queues commands while it reconnects. A call that misses the deadline is left to
 * finish on its daemon thread (it can at most take one token nobody uses).
 */
final class StoreCalls implements AutoCloseable {

	private final ExecutorService threads;

	private final Duration timeout;

	StoreCalls(Duration timeout) {
		this.timeout = timeout;
		AtomicInteger count = new AtomicInteger();
		this.threads = Executors.newCachedThreadPool((task) -> {
			Thread thread = new Thread(task, "servicetitan-rate-limit-store-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	/** A deadline for the store calls of one permit, one timeout from now. */
	long deadline() {
		return System.nanoTime() + this.timeout.toNanos();
	}

	/**
	 * Runs a round trip.
	 * @param call the round trip
	 * @param deadline from {@link #deadline()}
	 * @return its result
	 * @throws StoreFailure if it failed or missed the deadline
	 */
	<T> T call(Callable<T> call, long deadline) {
		Future<T> result = this.threads.submit(call);
		try {
			return result.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			result.cancel(true);
			Thread.currentThread().interrupt();
			throw new ServiceTitanInterruptedException("waiting for the rate-limit store", ex);
		}
		catch (TimeoutException ex) {
			result.cancel(true);
			throw new StoreFailure(ex);
		}
		catch (ExecutionException ex) {
			throw new StoreFailure(ex.getCause());
		}
	}

	/**
	 * Starts a task on a store thread, for a caller to {@link #await} (a connection that outlives the caller who
	 * asked for it).
	 * @param task the task
	 * @return its future
	 */
	<T> Future<T> submit(Callable<T> task) {
		return this.threads.submit(task);
	}

	/**
	 * Waits for a task started with {@link #submit} without cancelling it when the deadline passes: a slow
	 * connection goes on being made for the next caller.
	 * @param task the task
	 * @param deadline in {@code System.nanoTime()} terms
	 * @return its result
	 * @throws StoreFailure if it failed or the deadline passed
	 */
	<T> T await(Future<T> task, long deadline) {
		try {
			return task.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ServiceTitanInterruptedException("waiting for the rate-limit store", ex);
		}
		catch (TimeoutException ex) {
			throw new StoreFailure(ex);
		}
		catch (ExecutionException ex) {
			throw new StoreFailure(ex.getCause());
		}
	}

	@Override
	public void close() {
		this.threads.shutdownNow();
	}

	/** A store round trip that failed or took too long. */
	static final class StoreFailure extends RuntimeException {

		private static final long serialVersionUID = 1L;

		StoreFailure(Throwable cause) {
			super(cause);
		}

	}

}
