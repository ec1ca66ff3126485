package io.github.servicetitan4j;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.github.servicetitan4j.auth.AccessTokenProvider;
import io.github.servicetitan4j.retry.Backoff;
import io.github.servicetitan4j.retry.RateLimiter;
import io.github.servicetitan4j.retry.RateLimiterTimeoutException;
import io.github.servicetitan4j.retry.RetrySettings;
import io.github.servicetitan4j.retry.Sleeper;
import io.github.servicetitan4j.retry.TransportFailures;
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
 * (connection refused, connect timeout, unknown host, 429). The delay is the server's Retry-After (or "Try again in N
 * seconds", read defensively and capped by {@code maxRetryAfter}) plus jitter, else exponential backoff with jitter. A
 * 401 drops the cached token and repeats the request once
 * with a new one.
 */
final class RequestExecutor {

	/** Request attribute holding the {@link CallDescriptor}, for observation conventions. */
	static final String CALL_ATTRIBUTE = CallDescriptor.class.getName();

	/** Request attribute holding the low-cardinality URI template, for observation conventions. */
	static final String URI_TEMPLATE_ATTRIBUTE = RequestExecutor.class.getName() + ".uriTemplate";

	static final String APP_KEY_HEADER = "ST-App-Key";

	private static final Log logger = LogFactory.getLog(RequestExecutor.class);

	private static final Set<Integer> RETRYABLE_STATUSES = Set.of(408, 429, 500, 502, 503, 504);

	private static final Set<Integer> REDIRECT_STATUSES = Set.of(301, 302, 303, 307, 308);

	private final RestClient restClient;

	private final AccessTokenProvider tokens;

	private final String appKey;

	private final RetrySettings retry;

	private final Backoff backoff;

	private final RateLimiter rateLimiter;

	private final Sleeper sleeper;

	private final ProblemReader problems;

	private final ServiceTitanClientListener listener;

	RequestExecutor(RestClient restClient, AccessTokenProvider tokens, String appKey, RetrySettings retry, Backoff backoff,
			RateLimiter rateLimiter, Clock clock, Sleeper sleeper, ServiceTitanClientListener listener) {
		this.restClient = restClient;
		this.tokens = tokens;
		this.appKey = appKey;
		this.retry = retry;
		this.backoff = backoff;
		this.rateLimiter = rateLimiter;
		this.sleeper = sleeper;
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
		// One entry per request sent, so that the final error can say what each attempt met.
		List<String> failures = new ArrayList<>();
		boolean tokenRenewed = false;
		// Whether an attempt that will be retried may have been acted on (a 5xx, or a failure after sending).
		boolean mayHaveActed = false;
		int attempt = 1;
		while (true) {
			// Token first: while a slow token request holds every caller, none of them may sit on a permit, or their
			// requests would reach the server all at once when the token arrives (at start-up and at each renewal).
			this.tokens.token();
			acquirePermit(request, failures);
			// Read again (from the cache): the wait for a permit may have crossed the token's renewal point.
			OAuth2AccessToken token = this.tokens.token();
			Duration delay;
			String reason;
			boolean waitAtLimiter = false;
			try {
				return send(request, token, handler, closeResponse, attempt);
			}
			catch (ServiceTitanApiException ex) {
				int status = ex.status();
				String outcome = status + ((ex.title() != null) ? " " + ex.title() : "");
				if (status == 401 && !tokenRenewed) {
					// The token may have been revoked or may have expired early: once more with a new one. The server
					// rejected the request, so this is safe for every method and does not use up a retry.
					logger.debug(request.method() + " " + request.uriTemplate() + " answered 401; renewing the token once");
					failures.add(outcome + " (token renewed)");
					this.tokens.invalidate(token);
					tokenRenewed = true;
					continue;
				}
				failures.add(outcome);
				if (status == 404 && mayHaveActed && HttpMethod.DELETE.equals(request.method())) {
					// An earlier attempt whose outcome is unknown deleted it: the call did what was asked.
					logger.info(request.method() + " " + request.uriTemplate() + " answered 404 after an earlier attempt "
							+ "may have reached the server; reported as deleted");
					return handledAsNoContent(handler);
				}
				Duration retryAfter = ex.retryAfterOrNull();
				boolean honoured = retryAfter == null || retryAfter.compareTo(this.retry.maxRetryAfter()) <= 0;
				if (status == 429) {
					// Every caller of the tenant (or of the request's own limit, such as one report's) waits out the
					// pause, so only a pause the client honours is passed on.
					throttled(request).onThrottled(honoured ? retryAfter : null);
				}
				if (!RETRYABLE_STATUSES.contains(status) || attempt >= this.retry.effectiveMaxAttempts()) {
					throw ex.withAttempts(failures);
				}
				if (!request.isIdempotent() && status != 429) {
					// Even a 503 with Retry-After may come from a gateway after the application acted on the request.
					throw ex.withAttempts(failures, "not repeated: a " + request.method()
							+ " is retried only when the server cannot have acted on it (429, or no connection made)");
				}
				if (!honoured) {
					// The server wants more patience than configured: fail now, with its value in the exception.
					throw ex.withAttempts(failures, "not retried: the server asked to wait " + retryAfter.toSeconds()
							+ " s (Retry-After), longer than servicetitan.retry.max-retry-after ("
							+ this.retry.maxRetryAfter().toSeconds() + " s)");
				}
				reason = Integer.toString(status);
				mayHaveActed |= status != 429 && status != 408;
				delay = (retryAfter != null) ? this.backoff.delayAfterHint(retryAfter)
						: this.backoff.delayBeforeRetry(attempt);
				// The request's own limiter now holds it until the pause is over: the retry waits there, where the
				// wait is reported as a rate-limit wait, rather than here.
				waitAtLimiter = status == 429 && request.limiter() != null;
			}
			catch (ResourceAccessException ex) {
				Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
				reason = transportReason(cause);
				String readable = reason.replace('_', ' ');
				failures.add(readable);
				// A POST or PATCH that may have reached the server is never sent twice: it could create a duplicate.
				boolean outcomeUnknown = !request.isIdempotent() && !TransportFailures.wasNotSent(cause);
				ServiceTitanException failure = new ServiceTitanTransportException(
						request.method() + " " + request.path() + " failed: " + readable
								+ ((cause.getMessage() != null) ? " (" + cause.getMessage() + ")" : ""),
						outcomeUnknown, ex);
				if (outcomeUnknown || attempt >= this.retry.effectiveMaxAttempts()) {
					throw failure.withAttempts(failures);
				}
				mayHaveActed |= !TransportFailures.wasNotSent(cause);
				delay = this.backoff.delayBeforeRetry(attempt);
			}
			this.listener.onRetry(request.call(), reason, delay);
			if (logger.isWarnEnabled()) {
				logger.warn("Retrying " + request.method() + " " + request.uriTemplate() + " of "
						+ request.call().folder() + "/" + request.call().endpoint() + " after " + reason.replace('_', ' ')
						+ " (attempt " + (attempt + 1) + " of " + this.retry.effectiveMaxAttempts() + ") in "
						+ delay.toMillis() + " ms" + (waitAtLimiter ? " (waited at its own rate limiter)" : ""));
			}
			if (!waitAtLimiter) {
				pause(delay);
			}
			attempt++;
		}
	}

	private void acquirePermit(ApiRequest request, List<String> failures) {
		Duration waited;
		try {
			// A request's own limit (one report's runs) first: its wait can be long, and no tenant permit may be held
			// meanwhile.
			RateLimiter own = request.limiter();
			waited = (own != null) ? own.acquire() : Duration.ZERO;
			waited = waited.plus(this.rateLimiter.acquire());
		}
		catch (RateLimiterTimeoutException ex) {
			if (!failures.isEmpty()) {
				ex.withAttempts(failures, "the retry of " + request.method() + " " + request.path() + " was not sent");
			}
			throw ex;
		}
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
			.attribute(CALL_ATTRIBUTE, request.call())
			.attribute(URI_TEMPLATE_ATTRIBUTE, request.uriTemplate());
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
	 * may be sent again (it is idempotent and attempts remain), else throws the transport failure. The caller then sends
	 * the request again through {@link #execute}, so that the rate limiter, the token and the status retries apply.
	 * @param request the request whose response broke
	 * @param cause what broke
	 * @param attempt how many times the response has been read so far (1 after the first break)
	 * @param failures why each read failed, oldest first; this failure is added
	 * @throws ServiceTitanTransportException if the request may not be repeated
	 */
	void awaitRetryOfBrokenBody(ApiRequest request, Throwable cause, int attempt, List<String> failures) {
		String reason = "truncated_response";
		failures.add("response body cut short");
		String detail = (cause instanceof JacksonException jackson) ? jackson.getOriginalMessage() : cause.getMessage();
		if (!request.isIdempotent() || attempt >= this.retry.effectiveMaxAttempts()) {
			throw new ServiceTitanTransportException(request.method() + " " + request.path()
					+ " failed: response body cut short while streaming (" + detail + ")", !request.isIdempotent(), cause)
				.withAttempts(failures);
		}
		Duration delay = this.backoff.delayBeforeRetry(attempt);
		this.listener.onRetry(request.call(), reason, delay);
		if (logger.isWarnEnabled()) {
			logger.warn("Reading " + request.method() + " " + request.uriTemplate() + " of " + request.call().folder() + "/"
					+ request.call().endpoint() + " again after its body was cut short (attempt " + (attempt + 1)
					+ " of " + this.retry.effectiveMaxAttempts() + ") in " + delay.toMillis()
					+ " ms; records already delivered are skipped");
		}
		pause(delay);
	}

	private void pause(Duration delay) {
		try {
			if (Thread.currentThread().isInterrupted()) {
				// A request cut off by an interrupt (the client closing its paging pool) is given up, never repeated.
				throw new InterruptedException();
			}
			this.sleeper.sleep(delay);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ServiceTitanInterruptedException("waiting to retry a request", ex);
		}
	}

	static String transportReason(Throwable cause) {
		// A 2xx whose body could not be read: the request reached the server and was acted on.
		return (cause instanceof ResponseReadException) ? "truncated_response" : TransportFailures.reason(cause);
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

	/**
	 * Reading a successful response failed part-way: the request reached the server and was acted on.
	 */
	static final class ResponseReadException extends IOException {

		private static final long serialVersionUID = 1L;

		ResponseReadException(String message, Throwable cause) {
			super(message, cause);
		}

	}

}
