package io.github.servicetitan4j;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.servicetitan4j.Reports.ReportRateLimiterTimeoutException;
import io.github.servicetitan4j.ratelimit.RateLimiter;
import io.github.servicetitan4j.ratelimit.RateLimiter.RateLimiterTimeoutException;
import io.github.servicetitan4j.ratelimit.RateLimiterFactory;
import io.github.servicetitan4j.ratelimit.RateLimiterFactory.RateLimitStoreUnavailableException;
import io.github.servicetitan4j.retry.Sleeper;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * One limiter per report of the tenant, pacing its data requests (one per page) at
 * {@link Reports.Settings#requestsPerMinute()} with no burst: ServiceTitan counts runs of the same report per
 * minute, whatever their page. Keyed by report id alone (ids are unique across categories), so a report reached
 * through two categories still shares one budget. The budget lives in a shared store when the {@link Source} keeps
 * one there (every instance then takes its turn from it), in this client's memory otherwise.
 * <p>
 * Also the tenant's query slots: at most {@link Reports.Settings#maxConcurrentQueries()} asynchronous queries run at
 * once, the others wait their turn. When the {@link Source} keeps the slots in a shared store (the same switch as the
 * budgets), the limit holds across every instance: a query takes a lease of {@link #lease()} in the store, polling it
 * at {@link Reports.Settings#pollInterval()} while every slot is taken, for at most
 * {@link Reports.Settings#maxQueryDuration()}. A lease is not renewed: it outlasts the longest query, so that a killed
 * instance holds its slot no longer than that. While the store does not answer, a fail-open store leaves the caller to
 * this client's own slots; a fail-closed one fails the query. Without a store, the slots are this client's own, fair.
 */
final class ReportLimits {

	private static final Log logger = LogFactory.getLog(ReportLimits.class);

	private final Reports.Settings settings;

	private final Clock clock;

	private final Sleeper sleeper;

	private final Source shared;

	private final ConcurrentMap<Long, RateLimiter> limiters = new ConcurrentHashMap<>();

	private final Semaphore querySlots;

	private final AtomicBoolean synchronousOnly = new AtomicBoolean();

	private final Optional<RateLimiterFactory.QuerySlots> sharedSlots;

	/** Longer than any query holds its slot: its longest pending time plus this margin (start, retries, cancel). */
	static final Duration LEASE_MARGIN = Duration.ofMinutes(5);

	ReportLimits(Reports.Settings settings, Source shared, Clock clock, Sleeper sleeper) {
		this.settings = settings;
		this.shared = shared;
		this.clock = clock;
		this.sleeper = sleeper;
		this.querySlots = new Semaphore(settings.maxConcurrentQueries(), true);
		this.sharedSlots = shared.querySlots(settings.maxConcurrentQueries());
	}

	/** The clock polling measures a query's age with. */
	Clock clock() {
		return this.clock;
	}

	/** How polling waits. */
	Sleeper sleeper() {
		return this.sleeper;
	}

	/** How long a query's slot in a shared store stays taken unless it is released first. */
	Duration lease() {
		return this.settings.maxQueryDuration().plus(LEASE_MARGIN);
	}

	/**
	 * Takes one of the tenant's query slots, waiting for one.
	 * @param category the report's category, for messages
	 * @param reportId the report, for messages
	 * @return what frees the slot, once
	 * @throws InterruptedException if the caller was interrupted while waiting on this client's own slots
	 * @throws Reports.QuerySlotTimeoutException if no shared slot came free within the longest query duration
	 * @throws RateLimitStoreUnavailableException if the store does not answer and fails closed
	 */
	Runnable acquireSlot(String category, long reportId) throws InterruptedException {
		if (this.sharedSlots.isPresent()) {
			Runnable shared = acquireShared(this.sharedSlots.get(), category, reportId);
			if (shared != null) {
				return shared;
			}
		}
		this.querySlots.acquire();
		AtomicBoolean released = new AtomicBoolean();
		return () -> {
			if (released.compareAndSet(false, true)) {
				this.querySlots.release();
			}
		};
	}

	/** A shared slot's release, or null to fall back on this client's slots (fail-open store unavailable). */
	private @Nullable Runnable acquireShared(RateLimiterFactory.QuerySlots slots, String category, long reportId)
			throws InterruptedException {
		String holder = UUID.randomUUID().toString();
		Instant started = this.clock.instant();
		int tries = 0;
		while (true) {
			boolean got;
			try {
				got = slots.tryAcquire(holder, lease());
			}
			catch (RateLimitStoreUnavailableException ex) {
				if (slots.onStoreFailure() == RateLimiterFactory.StoreFailurePolicy.FAIL_CLOSED) {
					throw ex;
				}
				logger.warn("Report " + reportId + " (" + category + "): the query slot store is unavailable ("
						+ ((ex.getCause() != null) ? ex.getCause().getClass().getSimpleName() : "?")
						+ "); using this instance's own slots (servicetitan.rate-limit.on-store-failure=fail-open)");
				return null;
			}
			tries++;
			if (got) {
				AtomicBoolean released = new AtomicBoolean();
				return () -> {
					if (released.compareAndSet(false, true)) {
						releaseShared(slots, holder, category, reportId);
					}
				};
			}
			Duration left = this.settings.maxQueryDuration().minus(Duration.between(started, this.clock.instant()));
			if (left.isNegative() || left.isZero()) {
				throw new Reports.QuerySlotTimeoutException(category, reportId, this.settings.maxQueryDuration(),
						this.settings.maxConcurrentQueries(), tries);
			}
			Duration interval = this.settings.pollInterval();
			this.sleeper.sleep((interval.compareTo(left) < 0) ? interval : left);
		}
	}

	private static void releaseShared(RateLimiterFactory.QuerySlots slots, String holder, String category,
			long reportId) {
		try {
			slots.release(holder);
		}
		catch (RuntimeException ex) {
			// Never thrown over the query's own outcome: the lease expires in the store.
			logger.warn("Report " + reportId + " (" + category + "): its query slot could not be freed in the store ("
					+ ex.getClass().getSimpleName() + "); it stays taken until its lease expires");
		}
	}

	/** Whether the automatic flow found the server without the asynchronous one. */
	boolean synchronousOnly() {
		return this.synchronousOnly.get();
	}

	/** Remembers that the server has no asynchronous flow. */
	void markSynchronousOnly() {
		this.synchronousOnly.set(true);
	}

	/**
	 * The limiter of a report.
	 * @param category the report's category, for messages
	 * @param reportId the report's id
	 * @return its limiter, or null when the per-report limit is off
	 */
	@Nullable RateLimiter of(String category, long reportId) {
		if (this.settings.requestsPerMinute() == 0) {
			return null;
		}
		return this.limiters.computeIfAbsent(reportId, (id) -> new ReportLimiter(category, id));
	}

	private final class ReportLimiter implements RateLimiter {

		private final String category;

		private final long reportId;

		private final Duration interval;

		private final RateLimiter delegate;

		ReportLimiter(String category, long reportId) {
			this.category = category;
			this.reportId = reportId;
			double perSecond = ReportLimits.this.settings.requestsPerMinute() / 60;
			this.interval = Duration.ofNanos((long) (1_000_000_000L / perSecond));
			this.delegate = ReportLimits.this.shared
				.limiter(reportId, ReportLimits.this.settings.requestsPerMinute(), ReportLimits.this.settings.maxWait())
				.orElseGet(() -> RateLimiter.adaptive(perSecond, 1, ReportLimits.this.settings.maxWait(),
						ReportLimits.this.clock, ReportLimits.this.sleeper));
		}

		@Override
		public Duration acquire() {
			try {
				return this.delegate.acquire();
			}
			catch (RateLimiterTimeoutException ex) {
				throw new ReportRateLimiterTimeoutException(this.category, this.reportId, ex.wouldWait(), ex.maxWait());
			}
		}

		@Override
		public void onThrottled(@Nullable Duration retryAfter) {
			// Without a hint, one interval of the report's own pace is the least the server can want.
			this.delegate.onThrottled((retryAfter != null) ? retryAfter : this.interval);
		}

	}

	/** Where a report's budget lives when it is shared between instances. */
	@FunctionalInterface
	interface Source {

		/** Every report's budget in this client's memory. */
		Source NONE = (reportId, requestsPerMinute, maxWait) -> Optional.empty();

		/**
		 * The shared limiter of a report.
		 * @param reportId the report
		 * @param requestsPerMinute its pace, more than 0
		 * @param maxWait longest a data request waits for its turn
		 * @return the limiter, or empty to keep the budget in memory
		 */
		Optional<RateLimiter> limiter(long reportId, double requestsPerMinute, Duration maxWait);

		/**
		 * The tenant's query slots shared between instances.
		 * @param slots queries running at once
		 * @return the slots, or empty to keep them in memory
		 */
		default Optional<RateLimiterFactory.QuerySlots> querySlots(int slots) {
			return Optional.empty();
		}

	}

}
