package io.github.servicetitan4j;

import java.time.Duration;

import io.github.servicetitan4j.ratelimit.RateLimiterTimeoutException;

/**
 * A report's data request would have waited longer than {@code servicetitan.reporting.max-wait} for that report's
 * limiter (other runs of the same report hold its turns), so it was not sent.
 */
public class ReportRateLimiterTimeoutException extends RateLimiterTimeoutException {

	private static final long serialVersionUID = 1L;

	/** Report whose limiter was busy. */
	private final long reportId;

	/**
	 * Creates an exception.
	 * @param category the report's category
	 * @param reportId the report's id
	 * @param wouldWait how long the request would have had to wait
	 * @param maxWait the longest it was allowed to wait
	 */
	public ReportRateLimiterTimeoutException(String category, long reportId, Duration wouldWait, Duration maxWait) {
		super("Data request of report " + reportId + " (" + category + ") not sent: the report's rate limiter would have "
				+ "made it wait " + wouldWait.toMillis() + " ms, longer than the allowed " + maxWait.toMillis()
				+ " ms (servicetitan.reporting.max-wait); other runs of this report hold its turns until then",
				wouldWait, maxWait);
		this.reportId = reportId;
	}

	/**
	 * The report whose limiter was busy.
	 * @return report id
	 */
	public long reportId() {
		return this.reportId;
	}

}
