package io.github.servicetitan4j.ratelimit;

/**
 * What a shared rate limiter does while its store cannot be reached.
 */
public enum StoreFailurePolicy {

	/**
	 * Each instance falls back to its own local limiter (warning once), and goes back to the store once it answers:
	 * calls go on, and the instances together may exceed the budget until the store is back.
	 */
	FAIL_OPEN,

	/**
	 * Calls fail with a {@link RateLimitStoreUnavailableException}, without reaching the server: the budget is never
	 * exceeded, and nothing is sent while the store is down.
	 */
	FAIL_CLOSED

}
