package io.github.servicetitan4j.retry;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Client-side limit on the request rate of one tenant, shared by all of its endpoints.
 */
public interface RateLimiter {

	/** Lets every request through at once. */
	RateLimiter UNLIMITED = new RateLimiter() {

		@Override
		public Duration acquire() {
			return Duration.ZERO;
		}

		@Override
		public void onThrottled(@Nullable Duration retryAfter) {
		}

	};

	/**
	 * Waits until a request may be sent.
	 * @return how long the caller waited
	 * @throws RateLimiterTimeoutException if no permit could be had within the limiter's maximum wait
	 */
	Duration acquire();

	/**
	 * Tells the limiter that the server answered 429, so that it slows down for every caller of this tenant.
	 * @param retryAfter how long the server asked to wait, if it said and the client honours it (callers wait this
	 * long whatever their maximum wait)
	 */
	void onThrottled(@Nullable Duration retryAfter);

}
