package io.github.servicetitan4j;

import java.time.Duration;

import io.github.servicetitan4j.auth.AccessTokenProvider;
import io.github.servicetitan4j.errors.ServiceTitanApiException;
import io.github.servicetitan4j.errors.ServiceTitanException;
import io.github.servicetitan4j.errors.ServiceTitanTransportException;
import io.github.servicetitan4j.internal.Failures;
import io.github.servicetitan4j.internal.RetryPolicy;
import io.github.servicetitan4j.internal.RetryPolicy.Attempts;
import io.github.servicetitan4j.internal.RetryPolicy.Decision;
import io.github.servicetitan4j.ratelimit.RateLimiter;
import io.github.servicetitan4j.ratelimit.RateLimiter.RateLimiterTimeoutException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

import org.springframework.http.HttpMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.web.client.ResourceAccessException;

/**
 * What each failure of one request means, the decision table of the client; {@link RetryPolicy} applies it (the budget,
 * the waits). One instance per request, since the answer depends on what its earlier attempts did.
 * <table>
 * <caption>Failures and decisions</caption>
 * <tr><th>failure</th><th>decision</th></tr>
 * <tr><td>401, first time</td><td>drop the token, repeat once with a new one (does not use up a retry)</td></tr>
 * <tr><td>408, 429, 500, 502, 503, 504</td><td>retry a request that {@linkplain ApiRequest#isIdempotent() may be
 * repeated} (GET, PUT, DELETE, a read-only POST); a POST or PATCH only on 429; a 429 also tells the limiter</td></tr>
 * <tr><td>other statuses</td><td>fail with the typed exception</td></tr>
 * <tr><td>transport failure</td><td>retry, unless a POST or PATCH may have reached the server: then fail, outcome
 * unknown</td></tr>
 * <tr><td>404 to a DELETE after an attempt that may have acted</td><td>done: an earlier attempt deleted it</td></tr>
 * <tr><td>body cut short while streaming</td><td>read again if the request may be repeated</td></tr>
 * <tr><td>rate-limiter timeout, anything else</td><td>propagate</td></tr>
 * </table>
 */
final class RetryDecisions {

	private final ApiRequest request;

	private final RetryPolicy policy;

	private final AccessTokenProvider tokens;

	private final RateLimiter throttled;

	private final RequestLog log;

	private boolean tokenRenewed;

	private @Nullable OAuth2AccessToken token;

	private boolean waitAtLimiter;

	// Whether an attempt that was retried may have been acted on (a 5xx, or a failure after sending).
	private boolean mayHaveActed;

	/**
	 * The decisions of one request.
	 * @param request the request
	 * @param policy says which Retry-After it honours
	 * @param tokens told of a token the API rejected
	 * @param throttled the limiter a 429 is reported to (the request's own, else the tenant's)
	 * @param log logs the token renewal
	 */
	RetryDecisions(ApiRequest request, RetryPolicy policy, AccessTokenProvider tokens, RateLimiter throttled,
			RequestLog log) {
		this.request = request;
		this.policy = policy;
		this.tokens = tokens;
		this.throttled = throttled;
		this.log = log;
	}

	/** Remembers the token the current attempt carries, the one to drop if the API rejects it. */
	void sending(OAuth2AccessToken token) {
		this.token = token;
	}

	/**
	 * The DELETE-after-unknown-outcome rule: a 404 to a DELETE after an earlier attempt that may have reached the server
	 * means that attempt deleted it, so the call did what was asked.
	 * @param failure the status failure of this attempt
	 * @return whether to report the call done
	 */
	boolean deletedByEarlierAttempt(ServiceTitanApiException failure) {
		return failure.status() == 404 && this.mayHaveActed && HttpMethod.DELETE.equals(this.request.method());
	}

	/** Whether the retry about to happen waited out its pause at the request's own limiter, not in the policy. */
	boolean waitedAtLimiter() {
		return this.waitAtLimiter;
	}

	Decision onFailure(RuntimeException failure, Attempts attempts) {
		if (failure instanceof ServiceTitanApiException ex) {
			return onStatus(ex, attempts);
		}
		if (failure instanceof ResourceAccessException ex) {
			return onTransportFailure(ex);
		}
		if (failure instanceof RateLimiterTimeoutException ex && !attempts.failures().isEmpty()) {
			attempts.attachTo(ex, "the retry of " + this.request.method() + " " + this.request.path() + " was not sent");
		}
		return Decision.propagate(failure);
	}

	private Decision onStatus(ServiceTitanApiException ex, Attempts attempts) {
		int status = ex.status();
		String outcome = status + ((ex.title() != null) ? " " + ex.title() : "");
		OAuth2AccessToken rejected = this.token;
		if (status == 401 && !this.tokenRenewed && rejected != null) {
			// The token may have been revoked or may have expired early: once more with a new one. The server
			// rejected the request, so this is safe for every method and does not use up a retry.
			this.log.renewingToken(this.request);
			attempts.failed(outcome + " (token renewed)");
			this.tokens.invalidate(rejected);
			this.tokenRenewed = true;
			return Decision.repeat();
		}
		Duration retryAfter = ex.retryAfter().orElse(null);
		if (status == 429) {
			// Every caller of the tenant (or of the request's own limit, such as one report's) waits out the
			// pause, so only a pause the client honours is passed on.
			this.throttled.onThrottled(this.policy.honours(retryAfter) ? retryAfter : null);
		}
		if (!Failures.isRetryable(status)) {
			return Decision.fail(ex, outcome);
		}
		// Even a 503 with Retry-After may come from a gateway after the application acted on the request.
		String veto = (!this.request.isIdempotent() && status != 429) ? "not repeated: a " + this.request.method()
				+ " is retried only when the server cannot have acted on it (429, or no connection made)" : null;
		this.mayHaveActed |= status != 429 && status != 408;
		// The request's own limiter now holds it until the pause is over: the retry waits there, where the
		// wait is reported as a rate-limit wait, rather than in the policy.
		this.waitAtLimiter = status == 429 && this.request.limiter() != null;
		return Decision.retry(ex, Integer.toString(status), outcome, retryAfter, veto)
			.waitingElsewhere(this.waitAtLimiter);
	}

	private Decision onTransportFailure(ResourceAccessException ex) {
		Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
		String reason = Failures.requestReason(cause);
		String readable = reason.replace('_', ' ');
		// A POST or PATCH that may have reached the server is never sent twice: it could create a duplicate.
		boolean outcomeUnknown = !this.request.isIdempotent() && !Failures.wasNotSent(cause);
		ServiceTitanException failure = new ServiceTitanTransportException(
				this.request.method() + " " + this.request.path() + " failed: " + readable
						+ ((cause.getMessage() != null) ? " (" + cause.getMessage() + ")" : ""),
				outcomeUnknown, ex);
		this.waitAtLimiter = false;
		this.mayHaveActed |= !Failures.wasNotSent(cause);
		return outcomeUnknown ? Decision.fail(failure, readable) : Decision.retry(failure, reason, readable, null, null);
	}

	/**
	 * What a body cut short while the caller streamed it means: read again when the request may be repeated, else the
	 * transport failure (outcome unknown).
	 * @param request the request whose response broke
	 * @param cause what broke
	 * @return the decision
	 */
	static Decision brokenBody(ApiRequest request, Throwable cause) {
		String detail = (cause instanceof JacksonException jackson) ? jackson.getOriginalMessage() : cause.getMessage();
		ServiceTitanException failure = new ServiceTitanTransportException(request.method() + " " + request.path()
				+ " failed: response body cut short while streaming (" + detail + ")", !request.isIdempotent(), cause);
		String attemptFailure = "response body cut short";
		return request.isIdempotent() ? Decision.retry(failure, "truncated_response", attemptFailure, null, null)
				: Decision.fail(failure, attemptFailure);
	}

}
