package io.github.servicetitan4j.internal.auth;

import java.time.Duration;

/**
 * Hears each token request; the client hands its listener's {@code onTokenRequest} over, so that this package
 * depends on nothing of the client's.
 */
@FunctionalInterface
public interface TokenRequestListener {

	/**
	 * A token request ended.
	 * @param duration how long it took, retries included
	 * @param outcome how it ended ({@code success}, or the reason it failed)
	 */
	void onTokenRequest(Duration duration, String outcome);

}
