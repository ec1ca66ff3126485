package io.github.servicetitan4j;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.github.servicetitan4j.auth.AccessTokenProvider;
import io.github.servicetitan4j.errors.ServiceTitanApiException;
import io.github.servicetitan4j.errors.ServiceTitanException;
import io.github.servicetitan4j.errors.ServiceTitanRedirectException;
import io.github.servicetitan4j.errors.ServiceTitanTransportException;
import io.github.servicetitan4j.internal.Failures;
import io.github.servicetitan4j.internal.RequestAttributes;
import io.github.servicetitan4j.internal.ResponseReadException;
import io.github.servicetitan4j.internal.RetryPolicy.Attempts;
import io.github.servicetitan4j.internal.RetryPolicy.Decision;
import io.github.servicetitan4j.internal.RetryPolicy;
import io.github.servicetitan4j.ratelimit.RateLimiter;
import io.github.servicetitan4j.ratelimit.RateLimiterTimeoutException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * Sends one request of an Endpoint operation: waits for the rate limiter, attaches a currently valid token and the app
 * key, maps error statuses to exceptions, and retries what may be retried.
 * <p>
 * Retried: transport failures, 408, 429, 500, 502, 503, 504. GET, PUT and DELETE are retried on any of them, and so is
 * a POST marked read-only (a report's data); other POSTs and PATCHes only when the server cannot have acted on them
 * (connection refused, connect timeout, unknown host, 429). The delay is the server's Retry-After (or "Try
 * again in N seconds", read defensively), capped by
 * {@code maxRetryAfter}, else exponential backoff with jitter. A 401 drops the cached token and repeats the request once
 * with a new one. This class says what each failure means; the client's one {@link RetryPolicy} owns the loop, the
 * attempt budget (shared with re-reads of a body cut short) and the waits.
 */
final class RequestExecutor {

	static final String APP_KEY_HEADER = "ST-App-Key";

	private static final Log logger = LogFactory.getLog(RequestExecutor.class);

	private static final Set<Integer> REDIRECT_STATUSES = Set.of(301, 302, 303, 307, 308);

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

			// Whether an attempt that was retried may have been acted on (a 5xx, or a failure after sending).
			private boolean mayHaveActed;

			@Override
			public T run(int number) {
				// Token first: while a slow token request holds every caller, none of them may sit on a permit, or their
				// requests would reach the server all at once when the token arrives (at start-up and at each renewal).
				RequestExecutor.this.tokens.token();
				acquirePermit(request);
				// Read again (from the cache): the wait for a permit may have crossed the token's renewal point.
				OAuth2AccessToken current = RequestExecutor.this.tokens.token();
				this.token = current;
				try {
					return send(request, current, handler, closeResponse, number);
				}
				catch (ServiceTitanApiException ex) {
					if (ex.status() == 404 && this.mayHaveActed && HttpMethod.DELETE.equals(request.method())) {
						// An earlier attempt whose outcome is unknown deleted it: the call did what was asked.
						logger.info(request.method() + " " + request.uriTemplate() + " answered 404 after an earlier "
								+ "attempt may have reached the server; reported as deleted");
						return handledAsNoContent(handler);
					}
					throw ex;
				}
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
				Duration retryAfter = ex.retryAfter().orElse(null);
				if (status == 429) {
					// Every caller of the tenant (or of the request's own limit, such as one report's) waits out the
					// pause, so only a pause the client honours is passed on.
					throttled(request).onThrottled(RequestExecutor.this.policy.honours(retryAfter) ? retryAfter : null);
				}
				if (!Failures.isRetryable(status)) {
					return Decision.fail(ex, outcome);
				}
				// Even a 503 with Retry-After may come from a gateway after the application acted on the request.
				String veto = (!request.isIdempotent() && status != 429) ? "not repeated: a " + request.method()
						+ " is retried only when the server cannot have acted on it (429, or no connection made)" : null;
				this.mayHaveActed |= status != 429 && status != 408;
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
				this.mayHaveActed |= !Failures.wasNotSent(cause);
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
		URI uri = request.uri();
		boolean credentials = true;
		for (int hops = 0;; hops++) {
			Object result = exchange(request, uri, credentials ? token : null, handler, closeResponse, attempt);
			if (!(result instanceof Redirect redirect)) {
				@SuppressWarnings("unchecked")
				T handled = (T) result;
				return handled;
			}
			URI next = nextHop(request, uri, redirect.location(), hops);
			// Credentials belong to the configured API root only: a file store elsewhere gets none of them.
			credentials = sameOrigin(request.uri(), next);
			uri = next;
		}
	}

	static URI nextHop(ApiRequest request, URI from, String location, int hops) {
		URI next;
		try {
			next = from.resolve(location.trim());
		}
		catch (IllegalArgumentException ex) {
			throw new ServiceTitanRedirectException(request.method() + " " + request.path()
					+ " was redirected to an unreadable location", from);
		}
		String scheme = (next.getScheme() != null) ? next.getScheme().toLowerCase(Locale.ROOT) : "";
		String where = scheme + "://" + next.getRawAuthority() + next.getRawPath();
		if (!scheme.equals("https") && !scheme.equals("http")) {
			throw new ServiceTitanRedirectException(request.method() + " " + request.path()
					+ " was redirected to a location that is not HTTP: " + where, next);
		}
		if ("https".equalsIgnoreCase(from.getScheme()) && scheme.equals("http")) {
			throw new ServiceTitanRedirectException(request.method() + " " + request.path()
					+ " was redirected from https to plain http (" + where + "); not followed", next);
		}
		if (hops >= ServiceTitanRedirectException.MAX_HOPS) {
			throw new ServiceTitanRedirectException(request.method() + " " + request.path() + " was redirected more than "
					+ ServiceTitanRedirectException.MAX_HOPS + " times (last to " + where + "); not followed", next);
		}
		return next;
	}

	static boolean sameOrigin(URI a, URI b) {
		return a.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost() != null
				&& a.getHost().equalsIgnoreCase(b.getHost()) && port(a) == port(b);
	}

	private static int port(URI uri) {
		return (uri.getPort() != -1) ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
	}

	private Object exchange(ApiRequest request, URI uri, @Nullable OAuth2AccessToken token, ResponseHandler<?> handler,
			boolean closeResponse, int attempt) {
		long start = System.nanoTime();
		RestClient.RequestBodySpec spec = this.restClient.method(request.method())
			.uri(uri)
			.headers((headers) -> {
				if (token != null) {
					headers.setBearerAuth(token.getTokenValue());
					headers.set(APP_KEY_HEADER, this.appKey);
				}
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
				String location = response.getHeaders().getFirst(HttpHeaders.LOCATION);
				if (REDIRECT_STATUSES.contains(status) && location != null && HttpMethod.GET.equals(request.method())) {
					return new Redirect(location);
				}
				if (status < 200 || status >= 300) {
					throw ServiceTitanApiException.of(this.problems.read(request, response));
				}
				Object result = handler.handle(response);
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

	private static <T> T handledAsNoContent(ResponseHandler<T> handler) {
		try {
			return handler.handle(NoContent.INSTANCE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** What a DELETE answers when there is nothing to say: 204, no body. */
	private static final class NoContent implements ClientHttpResponse {

		static final NoContent INSTANCE = new NoContent();

		@Override
		public HttpStatusCode getStatusCode() {
			return HttpStatus.NO_CONTENT;
		}

		@Override
		public String getStatusText() {
			return HttpStatus.NO_CONTENT.getReasonPhrase();
		}

		@Override
		public HttpHeaders getHeaders() {
			return HttpHeaders.EMPTY;
		}

		@Override
		public InputStream getBody() {
			return InputStream.nullInputStream();
		}

		@Override
		public void close() {
		}

	}

	/** A redirect the client follows itself, so that it decides which headers go along. */
	private record Redirect(String location) {
	}

}
