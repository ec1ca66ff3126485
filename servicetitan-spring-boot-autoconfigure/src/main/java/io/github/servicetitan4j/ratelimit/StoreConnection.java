package io.github.servicetitan4j.ratelimit;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import org.jspecify.annotations.Nullable;

/**
 * The connection of a factory's limiters to their store, made once on a store thread: connect, then one round trip on
 * a bucket of its own ({@link #WARM_UP_BUCKET}), which loads the driver's and Bucket4j's classes and the store's
 * scripts. Only then is the connection established, and only from then on are round trips timed by the store timeout:
 * a cold first connection is timed by the startup timeout, and goes on in the background for the next caller when the
 * one who asked stops waiting. A connection that failed is made again at the next request.
 */
final class StoreConnection {

	/** The bucket the first round trip touches: it holds nothing of any tenant. */
	static final String WARM_UP_BUCKET = RateLimitKey.PREFIX + "warm-up";

	private static final BucketConfiguration WARM_UP = BucketConfiguration.builder()
		.addLimit(Bandwidth.builder().capacity(1).refillGreedy(1, Duration.ofSeconds(1)).build())
		.build();

	private final Supplier<ProxyManager<String>> connector;

	private final StoreCalls calls;

	private final Duration startupTimeout;

	private @Nullable Future<ProxyManager<String>> connecting;

	private volatile boolean everEstablished;

	StoreConnection(Supplier<ProxyManager<String>> connector, StoreCalls calls, Duration startupTimeout) {
		this.connector = connector;
		this.calls = calls;
		this.startupTimeout = startupTimeout;
	}

	/**
	 * The established connection, waiting for it to be made if need be: up to the startup timeout while it has never
	 * been established and the store has not failed, otherwise up to the given deadline.
	 * @param deadline the caller's own deadline, in {@code System.nanoTime()} terms
	 * @param cold whether the store has not failed yet (a first connection, not a reconnection during an outage)
	 * @return the connection
	 * @throws StoreCalls.StoreFailure if it could not be made in time
	 */
	ProxyManager<String> get(long deadline, boolean cold) {
		Future<ProxyManager<String>> pending;
		synchronized (this) {
			if (this.connecting == null || failed(this.connecting)) {
				this.connecting = this.calls.submit(this::connect);
			}
			pending = this.connecting;
		}
		if (pending.isDone() && !failed(pending)) {
			return this.calls.await(pending, deadline);
		}
		boolean startup = cold && !this.everEstablished;
		return this.calls.await(pending, startup ? System.nanoTime() + this.startupTimeout.toNanos() : deadline);
	}

	/**
	 * Makes the connection now, waiting up to the startup timeout.
	 * @throws StoreCalls.StoreFailure if it could not be made in time
	 */
	void establish() {
		get(System.nanoTime() + this.startupTimeout.toNanos(), true);
	}

	Duration startupTimeout() {
		return this.startupTimeout;
	}

	private ProxyManager<String> connect() {
		ProxyManager<String> store = this.connector.get();
		store.builder().build(WARM_UP_BUCKET, () -> WARM_UP).getAvailableTokens();
		this.everEstablished = true;
		return store;
	}

	private static boolean failed(Future<?> future) {
		if (!future.isDone()) {
			return false;
		}
		try {
			future.get();
			return false;
		}
		catch (ExecutionException ex) {
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return true;
		}
		catch (java.util.concurrent.CancellationException ex) {
			return true;
		}
	}

}
