package io.github.servicetitan4j.ratelimit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.servicetitan4j.ratelimit.RateLimiterFactory.StoreFailurePolicy;
import io.github.servicetitan4j.ratelimit.RateLimiterFactory.StoreSettings;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Whether the store of the shared rate limiters answers, for all the limiters over it: warns once when it stops
 * answering (and says so again once it is back), decides how long the limiters keep to their local state before trying
 * the store again, and tells the health endpoint. Only exception class names are kept: a driver's message may name a
 * host or a user.
 */
final class StoreHealth implements RateLimiterFactory.StoreStatus {

	private static final Log logger = LogFactory.getLog(StoreHealth.class);

	private final String store;

	private final StoreFailurePolicy policy;

	private final double failOpenShare;

	private final double fallbackRate;

	private volatile boolean down;

	private volatile @Nullable String lastError;

	private volatile @Nullable Instant fallbackUntil;

	StoreHealth(String store, StoreSettings settings, RateLimiter.Budget budget) {
		this.store = store;
		this.policy = settings.onStoreFailure();
		this.failOpenShare = settings.failOpenShare();
		this.fallbackRate = settings.fallback(budget).requestsPerSecond();
	}

	boolean usingFallback(Instant now) {
		Instant until = this.fallbackUntil;
		return until != null && now.isBefore(until);
	}

	void storeAnswered() {
		if (this.down) {
			synchronized (this) {
				if (this.down) {
					this.down = false;
					this.fallbackUntil = null;
					logger.info("The " + this.store + " rate-limit store answers again: the rate budget is shared again");
				}
			}
		}
	}

	/**
	 * Records a failure.
	 * @param cause what failed
	 * @param now when, if the limiters fall back to their local state (fail-open); null when they fail closed
	 */
	void storeFailed(Throwable cause, @Nullable Instant now) {
		this.lastError = cause.getClass().getName();
		if (now != null) {
			this.fallbackUntil = now.plus(SharedRateLimiter.STORE_RETRY);
		}
		if (!this.down) {
			synchronized (this) {
				if (!this.down) {
					this.down = true;
					logger.warn("The " + this.store + " rate-limit store is unavailable (" + this.lastError + "): "
							+ ((this.policy == StoreFailurePolicy.FAIL_OPEN)
									? "each instance now limits itself locally to " + share() + " of the budget ("
											+ rate() + " requests per second for a tenant) until it answers"
									: "requests fail until it answers again (fail-closed)"));
				}
			}
		}
	}

	/**
	 * Whether the store answered the last time it was asked.
	 * @return false from a failed call until a call succeeds again
	 */
	public boolean available() {
		return !this.down;
	}

	/**
	 * What the health endpoint shows.
	 * @return the store, whether it answers, the policy and, while it does not, the consequence
	 */
	public Map<String, Object> details() {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("store", this.store);
		details.put("available", available());
		details.put("onStoreFailure", (this.policy == StoreFailurePolicy.FAIL_OPEN) ? "fail-open" : "fail-closed");
		if (this.policy == StoreFailurePolicy.FAIL_OPEN) {
			details.put("failOpenShare", this.failOpenShare);
		}
		if (this.down) {
			details.put("error", this.lastError);
			details.put("limiting", (this.policy == StoreFailurePolicy.FAIL_OPEN)
					? "locally in each instance at " + share() + " of the budget (" + rate()
							+ " requests per second for a tenant)"
					: "nothing is sent");
		}
		return details;
	}

	private String share() {
		return Math.round(this.failOpenShare * 1000) / 10.0 + "%";
	}

	private String rate() {
		return Double.toString(Math.round(this.fallbackRate * 100) / 100.0);
	}

}
