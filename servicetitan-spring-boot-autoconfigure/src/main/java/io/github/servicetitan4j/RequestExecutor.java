package io.github.servicetitan4j;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.github.servicetitan4j.auth.AccessTokenProvider;
import io.github.servicetitan4j.internal.Failures;
import io.github.servicetitan4j.internal.RequestAttributes;
import io.github.servicetitan4j.internal.ResponseReadException;
import io.github.servicetitan4j.internal.RetryPolicy;
import io.github.servicetitan4j.internal.RetryPolicy.Attempts;
import io.github.servicetitan4j.internal.RetryPolicy.Decision;
import io.github.servicetitan4j.retry.RateLimiter;
import io.github.servicetitan4j.retry.RateLimiterTimeoutException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

import org.springframework.http.MediaType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * Sends one request of an Endpoint operation: waits for the rate limiter, attaches a currently valid token and the app
 * key, maps error statuses to exceptions, and retries what may be retried.
 * <p>
 * Retried: transport failures, 408, 429, 500, 502, 503, 504. GET, PUT and DELETE are retried on any of them, and so is
 * a POST marked read-only (a report's data); other POSTs and PATCHes only when the server cannot have acted on them
 * (connection refused, connect timeout, 429, 503 with Retry-After). The delay is the server's Retry-After (or "Try
 * again in N seconds"), capped by
 * {@code maxRetryAfter}, else exponential backoff with jitter. A 401 drops the cached token and repeats the request once
 * with a new one. This class says what each failure means; the client's one {@link RetryPolicy} owns the loop, the
 * attempt budget (shared with re-reads of a body cut short) and the waits.
 */
final class RequestExecutor {

	static final String APP_KEY_HEADER = "ST-App-Key";

	private static final Log logger = LogFactory.getLog(RequestExecutor.class);

	private final RestClient restClient;

	private final AccessTokenProvider tokens;

	private final String appKey;

	private final RetryPolicy policy;

	private final RateLimiter rateLimiter;

	private final ProblemReader problems;

	private final ServiceTitanClientListener listener;

	RequestExecutor(RestClient restClient, AccessTokenProvider tokens, String appKey, RetryPolicy policy,
			RateLimiter rateLimiter, Clock clock, ServiceTitanClientListener listener) {
		this.restClient = restClient;
		this.tokens = tokens;
		this.appKey = appKey;
		this.policy = policy;
		this.rateLimiter = rateLimiter;
		this.problems = new ProblemReader(clock);
		this.listener = listener;
	}

	/**
	 * Sends the request and reads its successful response with the handler, retrying as described above.
	 * @param request the request
	 * @param handler reads a 2xx response
	 * @param closeResponse whether to close the response after the handler returns (false hands it to the caller)
	 * @param <T> what the handler reads
	 * @return what the handler read
	 */
	<T> T execute(ApiRequest request, ResponseHandler<T> handler, boolean closeResponse) {
		return execute(request, handler, closeResponse, this.policy.start());
	}

	/**
	 * Sends the request as {@link #execute(ApiRequest, ResponseHandler, boolean)} does, spending the given attempt
	 * record's budget: a request read again after its body broke shares one budget across every send.
	 * @param request the request
	 * @param handler reads a 2xx response
	 * @param closeResponse whether to close the response after the handler returns
	 * @param attempts the request's attempts so far
	 * @param <T> what the handler reads
	 * @return what the handler read
	 */
	<T> T execute(ApiRequest request, ResponseHandler<T> handler, boolean closeResponse, Attempts attempts) {
		return this.policy.run(attempts, new RetryPolicy.Attempt<T>() {

			private boolean tokenRenewed;

			private @Nullable OAuth2AccessToken token;

			private boolean waitAtLimiter;

			@Override
			public T run(int number) {
				// Token first: while a slow token request holds every caller, none of them may sit on a permit, or their
				// requests would reach the server all at once when the token arrives (at start-up and at each renewal).
				RequestExecutor.this.tokens.token();
				acquirePermit(request);
				// Read again (from the cache): the wait for a permit may have crossed the token's renewal point.
				OAuth2AccessToken current = RequestExecutor.this.tokens.token();
				this.token = current;
				return send(request, current, handler, closeResponse, number);
			}

			@Override
			public Decision onFailure(RuntimeException failure, Attempts attempts) {
				if (failure instanceof ServiceTitanApiException ex) {
					return onStatus(ex, attempts);
				}
				if (failure instanceof ResourceAccessException ex) {
					return onTransportFailure(ex);
				}
				if (failure instanceof RateLimiterTimeoutException ex && !attempts.failures().isEmpty()) {
					attempts.attachTo(ex, "the retry of " + request.method() + " " + request.path() + " was not sent");
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
					logger.debug(request.method() + " " + request.uriTemplate() + " answered 401; renewing the token once");
					attempts.failed(outcome + " (token renewed)");
					RequestExecutor.this.tokens.invalidate(rejected);
					this.tokenRenewed = true;
					return Decision.repeat();
				}
				Duration retryAfter = ex.retryAfterOrNull();
				if (status == 429) {
					// Every caller of the tenant (or of the request's own limit, such as one report's) waits out the
					// pause, so only a pause the client honours is passed on.
					throttled(request).onThrottled(RequestExecutor.this.policy.honours(retryAfter) ? retryAfter : null);
				}
				if (!Failures.isRetryable(status)) {
					return Decision.fail(ex, outcome);
				}
				String veto = (!request.isIdempotent() && status != 429 && !(status == 503 && retryAfter != null))
						? "not repeated: a " + request.method()
								+ " is retried only when the server cannot have acted on it (429, or 503 with Retry-After)"
						: null;
				// The request's own limiter now holds it until the pause is over: the retry waits there, where the
				// wait is reported as a rate-limit wait, rather than in the policy.
				this.waitAtLimiter = status == 429 && request.limiter() != null;
				return Decision.retry(ex, Integer.toString(status), outcome, retryAfter, veto)
					.waitingElsewhere(this.waitAtLimiter);
			}

			private Decision onTransportFailure(ResourceAccessException ex) {
				Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
				String reason = Failures.requestReason(cause);
				String readable = reason.replace('_', ' ');
				// A POST or PATCH that may have reached the server is never sent twice: it could create a duplicate.
				boolean outcomeUnknown = !request.isIdempotent() && !Failures.wasNotSent(cause);
				ServiceTitanException failure = new ServiceTitanTransportException(
						request.method() + " " + request.path() + " failed: " + readable
								+ ((cause.getMessage() != null) ? " (" + cause.getMessage() + ")" : ""),
						outcomeUnknown, ex);
				this.waitAtLimiter = false;
				return outcomeUnknown ? Decision.fail(failure, readable)
						: Decision.retry(failure, reason, readable, null, null);
			}

			@Override
			public void beforeRetry(String reason, Duration delay, Attempts attempts) {
				RequestExecutor.this.listener.onRetry(request.call(), reason, delay);
				if (logger.isWarnEnabled()) {
					logger.warn("Retrying " + request.method() + " " + request.uriTemplate() + " of "
							+ request.call().folder() + "/" + request.call().endpoint() + " after "
							+ reason.replace('_', ' ') + " (attempt " + (attempts.sent() + 1) + " of " + attempts.max()
							+ ") in " + delay.toMillis() + " ms"
							+ (this.waitAtLimiter ? " (waited at its own rate limiter)" : ""));
				}
			}

			@Override
			public String what() {
				return "a request";
			}

		});
	}

	private void acquirePermit(ApiRequest request) {
		// A request's own limit (one report's runs) first: its wait can be long, and no tenant permit may be held
		// meanwhile.
		RateLimiter own = request.limiter();
		Duration waited = (own != null) ? own.acquire() : Duration.ZERO;
		waited = waited.plus(this.rateLimiter.acquire());
		this.listener.onRateLimitWait(request.call(), waited);
	}

	private RateLimiter throttled(ApiRequest request) {
		RateLimiter own = request.limiter();
		return (own != null) ? own : this.rateLimiter;
	}

	private <T> T send(ApiRequest request, OAuth2AccessToken token, ResponseHandler<T> handler, boolean closeResponse,
			int attempt) {
		long start = System.nanoTime();
		RestClient.RequestBodySpec spec = this.restClient.method(request.method())
			.uri(request.uri())
			.headers((headers) -> {
				headers.setBearerAuth(token.getTokenValue());
				headers.set(APP_KEY_HEADER, this.appKey);
				headers.setAccept(List.of(request.accept()));
			})
			.attribute(RequestAttributes.CALL, request.call())
			.attribute(RequestAttributes.URI_TEMPLATE, request.uriTemplate());
		if (request.body() != null) {
			spec.contentType(MediaType.APPLICATION_JSON).body(request.body());
		}
		return spec.exchange((clientRequest, response) -> {
			int status = response.getStatusCode().value();
			if (logger.isDebugEnabled()) {
				logger.debug(request.method() + " " + request.uriTemplate() + " -> " + status + " in "
						+ Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms (attempt " + attempt + ", "
						+ request.call().folder() + "/" + request.call().endpoint() + ")");
			}
			boolean handedOver = false;
			try {
				if (status < 200 || status >= 300) {
					throw ServiceTitanApiException.of(this.problems.read(request, response));
				}
				T result = handler.handle(response);
				handedOver = true;
				return result;
			}
			catch (JacksonException ex) {
				throw new ResponseReadException("response body could not be read: " + ex.getOriginalMessage(), ex);
			}
			catch (IOException ex) {
				throw (ex instanceof ResponseReadException) ? ex
						: new ResponseReadException("response body was cut short: " + ex.getMessage(), ex);
			}
			finally {
				if (!closeResponse && !handedOver) {
					// RestClient closes only what it was asked to; a response meant for the caller that never reached
					// it must not hold its connection.
					response.close();
				}
			}
		}, closeResponse);
	}

	/**
	 * Decides what to do after the body of a response handed to the caller ({@code closeResponse = false}) broke while
	 * the caller was reading it, after {@link #execute} had returned: returns, after the backoff delay, when the request
	 * may be sent again (it is idempotent and the request's budget is not spent), else throws the transport failure.
	 * The caller then sends the request again through {@link #execute} with the same {@code attempts}, so that the rate
	 * limiter, the token, the status retries and one attempt budget apply.
	 * @param request the request whose response broke
	 * @param cause what broke
	 * @param attempts the request's attempts so far; this failure is added
	 * @throws ServiceTitanTransportException if the request may not be repeated
	 */
	void awaitRetryOfBrokenBody(ApiRequest request, Throwable cause, Attempts attempts) {
		String detail = (cause instanceof JacksonException jackson) ? jackson.getOriginalMessage() : cause.getMessage();
		ServiceTitanException failure = new ServiceTitanTransportException(request.method() + " " + request.path()
				+ " failed: response body cut short while streaming (" + detail + ")", !request.isIdempotent(), cause);
		String attemptFailure = "response body cut short";
		Decision decision = request.isIdempotent()
				? Decision.retry(failure, "truncated_response", attemptFailure, null, null)
				: Decision.fail(failure, attemptFailure);
		this.policy.resume(attempts, decision, new RetryPolicy.RetryListener() {

			@Override
			public void beforeRetry(String reason, Duration delay, Attempts attempts) {
				RequestExecutor.this.listener.onRetry(request.call(), reason, delay);
				if (logger.isWarnEnabled()) {
					logger.warn("Reading " + request.method() + " " + request.uriTemplate() + " of "
							+ request.call().folder() + "/" + request.call().endpoint()
							+ " again after its body was cut short (attempt " + (attempts.sent() + 1) + " of "
							+ attempts.max() + ") in " + delay.toMillis() + " ms; records already delivered are skipped");
				}
			}

			@Override
			public String what() {
				return "a request";
			}

		});
	}

	/** Starts the attempt record of one request. */
	Attempts attempts() {
		return this.policy.start();
	}

}
