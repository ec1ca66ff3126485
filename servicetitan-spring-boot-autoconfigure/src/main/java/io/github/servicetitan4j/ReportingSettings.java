package io.github.servicetitan4j;

import java.time.Duration;

import org.springframework.util.Assert;

/**
 * How report runs are paced and paged, and which of ServiceTitan's two data flows they use.
 *
 * @param requestsPerMinute data requests allowed per minute for each report, on top of the tenant's rate limit; a run
 * of several pages makes one request per page. 0 turns the per-report limiter off.
 * @param maxWait longest a data request waits for its report's limiter before failing with a
 * {@link ReportRateLimiterTimeoutException}; a pause ServiceTitan asked for with a 429 is waited out on top of it
 * @param pageSize rows per data request, 1 to 5000 (ServiceTitan's own default is 1000)
 * @param flow the synchronous {@code data} call, the asynchronous {@code data/query} one, or the asynchronous one with
 * a fall-back to the synchronous one where the server has no asynchronous flow
 * @param pollInterval first wait before polling a pending query; each later wait is twice the one before
 * @param maxPollInterval longest wait between two polls of a pending query
 * @param maxQueryDuration longest a query may stay pending; it is then cancelled and fails with a
 * {@link Reports.QueryTimeoutException}
 * @param maxConcurrentQueries asynchronous queries of the tenant running at once from this client; more wait their turn
 */
public record ReportingSettings(double requestsPerMinute, Duration maxWait, int pageSize, Flow flow,
		Duration pollInterval, Duration maxPollInterval, Duration maxQueryDuration, int maxConcurrentQueries) {

	/**
	 * The defaults: one data request per minute per report (the strictest limit published sources mention), a wait
	 * of up to 2 minutes, pages of 5000 rows; the automatic flow, polled after 1 second and then at most every 30
	 * seconds, for at most 30 minutes, one query of the tenant at a time.
	 */
	public static final ReportingSettings DEFAULTS = new ReportingSettings(1, Duration.ofMinutes(2), 5000);

	/**
	 * Checks the settings when they are made, not when a report first runs.
	 * @param requestsPerMinute data requests allowed per minute for each report; 0 turns the per-report limiter off
	 * @param maxWait longest a data request waits for its report's limiter
	 * @param pageSize rows per data request, 1 to 5000
	 * @param flow which data flow runs use
	 * @param pollInterval first wait before polling a pending query
	 * @param maxPollInterval longest wait between two polls
	 * @param maxQueryDuration longest a query may stay pending
	 * @param maxConcurrentQueries queries of the tenant running at once, 1 or more
	 * @throws IllegalArgumentException naming the setting out of range
	 */
	public ReportingSettings {
		Assert.isTrue(requestsPerMinute >= 0, "requestsPerMinute must be 0 (off) or more");
		Assert.isTrue(!maxWait.isNegative(), "maxWait must not be negative");
		Arguments.checkPageSize(pageSize);
		Assert.notNull(flow, "flow must not be null");
		Assert.isTrue(!pollInterval.isNegative() && !pollInterval.isZero(), "pollInterval must be positive");
		Assert.isTrue(maxPollInterval.compareTo(pollInterval) >= 0, "maxPollInterval must not be less than pollInterval");
		Assert.isTrue(!maxQueryDuration.isNegative() && !maxQueryDuration.isZero(), "maxQueryDuration must be positive");
		Assert.isTrue(maxConcurrentQueries >= 1, "maxConcurrentQueries must be 1 or more");
	}

	/**
	 * The pacing and paging settings with the default flow and polling.
	 * @param requestsPerMinute data requests allowed per minute for each report; 0 turns the per-report limiter off
	 * @param maxWait longest a data request waits for its report's limiter
	 * @param pageSize rows per data request, 1 to 5000
	 */
	public ReportingSettings(double requestsPerMinute, Duration maxWait, int pageSize) {
		this(requestsPerMinute, maxWait, pageSize, Flow.AUTOMATIC, Duration.ofSeconds(1), Duration.ofSeconds(30),
				Duration.ofMinutes(30), 1);
	}

	/**
	 * These settings with another flow.
	 * @param flow the flow
	 * @return the settings
	 */
	public ReportingSettings withFlow(Flow flow) {
		return new ReportingSettings(this.requestsPerMinute, this.maxWait, this.pageSize, flow, this.pollInterval,
				this.maxPollInterval, this.maxQueryDuration, this.maxConcurrentQueries);
	}

	/** Which of ServiceTitan's two report data flows runs use. */
	public enum Flow {

		/** {@code POST .../reports/{id}/data}: one answer per page (reported deprecated by a 2026 release). */
		SYNCHRONOUS,

		/**
		 * {@code POST .../reports/{id}/data/query}: the page at once (200) or a token to poll (202), cancelled when
		 * the run stops early.
		 */
		ASYNCHRONOUS,

		/**
		 * The asynchronous flow; where the server answers it 404 or 405 (an environment without it), the synchronous
		 * one, remembered for the client's life.
		 */
		AUTOMATIC

	}

}
