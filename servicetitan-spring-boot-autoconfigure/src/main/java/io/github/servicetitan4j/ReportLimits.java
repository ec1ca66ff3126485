package io.github.servicetitan4j;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.servicetitan4j.Reports.ReportRateLimiterTimeoutException;
import io.github.servicetitan4j.ratelimit.RateLimiter;
import io.github.servicetitan4j.ratelimit.RateLimiter.RateLimiterTimeoutException;
import io.github.servicetitan4j.retry.Sleeper;
import org.jspecify.annotations.Nullable;

/**
 * One limiter per report of the tenant, pacing its data requests (one per page) at
 * {@link Reports.Settings#requestsPerMinute()} with no burst: ServiceTitan counts runs of the same report per
 * minute, whatever their page. Keyed by report id alone (ids are unique across categories), so a report reached
 * through two categories still shares one budget. The budget lives in a shared store when the {@link Source} keeps
 * one there (every instance then takes its turn from it), in this client's memory otherwise.
 * <p>
 * Also the tenant's query slots: at most {@link Reports.Settings#maxConcurrentQueries()} asynchronous queries of this
 * client run at once, the others wait their turn (local to this client: the slots are not shared across instances,
 * even when the budgets are).
 */
final class ReportLimits {

	private final Reports.Settings settings;

	private final Clock clock;

	private final Sleeper sleeper;

	private final Source shared;

	private final ConcurrentMap<Long, RateLimiter> limiters = new ConcurrentHashMap<>();

	private final Semaphore querySlots;

	private final AtomicBoolean synchronousOnly = new AtomicBoolean();

	ReportLimits(Reports.Settings settings, Source shared, Clock clock, Sleeper sleeper) {
		this.settings = settings;
		this.shared = shared;
		this.clock = clock;
		this.sleeper = sleeper;
		this.querySlots = new Semaphore(settings.maxConcurrentQueries(), true);
	}

	/** The clock polling measures a query's age with. */
	Clock clock() {
		return this.clock;
	}

	/** How polling waits. */
	Sleeper sleeper() {
		return this.sleeper;
	}

	/** The tenant's query slots, fair: the caller that waited longest gets the next free one. */
	Semaphore querySlots() {
		return this.querySlots;
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

	}

}
