package io.github.servicetitan4j;

import java.time.Duration;

import org.springframework.util.Assert;

/**
 * How report runs are paced and paged.
 *
 * @param requestsPerMinute data requests allowed per minute for each report, on top of the tenant's rate limit; a run
 * of several pages makes one request per page. 0 turns the per-report limiter off.
 * @param maxWait longest a data request waits for its report's limiter before failing with a
 * {@link ReportRateLimiterTimeoutException}; a pause ServiceTitan asked for with a 429 is waited out on top of it
 * @param pageSize rows per data request, 1 to 5000 (ServiceTitan's own default is 1000)
 */
public record ReportingSettings(double requestsPerMinute, Duration maxWait, int pageSize) {

	/**
	 * The defaults: one data request per minute per report (the strictest limit published sources mention), a wait
	 * of up to 2 minutes, pages of 5000 rows.
	 */
	public static final ReportingSettings DEFAULTS = new ReportingSettings(1, Duration.ofMinutes(2), 5000);

	/**
	 * Checks the settings when they are made, not when a report first runs.
	 * @param requestsPerMinute data requests allowed per minute for each report, on top of the tenant's rate limit; a run
	 *        of several pages makes one request per page. 0 turns the per-report limiter off.
	 * @param maxWait longest a data request waits for its report's limiter before failing with a
	 *        {@link ReportRateLimiterTimeoutException}; a pause ServiceTitan asked for with a 429 is waited out on top of it
	 * @param pageSize rows per data request, 1 to 5000 (ServiceTitan's own default is 1000)
	 * @throws IllegalArgumentException if {@code requestsPerMinute} or {@code maxWait} is negative, or {@code pageSize}
	 *         is not 1 to 5000
	 */
	public ReportingSettings {
		Assert.isTrue(requestsPerMinute >= 0, "requestsPerMinute must be 0 (off) or more");
		Assert.isTrue(!maxWait.isNegative(), "maxWait must not be negative");
		Arguments.checkPageSize(pageSize);
	}

}
