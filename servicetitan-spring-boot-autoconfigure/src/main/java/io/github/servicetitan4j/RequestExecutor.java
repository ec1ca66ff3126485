package io.github.servicetitan4j;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.github.servicetitan4j.auth.AccessTokenProvider;
import io.github.servicetitan4j.retry.Backoff;
import io.github.servicetitan4j.retry.RateLimiter;
import io.github.servicetitan4j.retry.RetrySettings;
import io.github.servicetitan4j.retry.Sleeper;
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
 * Retried: transport failures, 408, 429, 500, 502, 503, 504. GET, PUT and DELETE are retried on any of them; POST and
 * PATCH only when the server cannot have acted on them (connection refused, connect timeout, 429, 503 with
 * Retry-After). The delay is the server's Retry-After (or "Try again in N seconds"), capped by
 * {@code maxRetryAfter}, else exponential backoff with jitter. A 401 drops the cached token and repeats the request once
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
		List<String> failures = new ArrayList<>();
		boolean tokenRenewed = false;
		int attempt = 1;
		while (true) {
			Duration waited = this.rateLimiter.acquire();
			this.listener.onRateLimitWait(request.call(), waited);
			OAuth2AccessToken token = this.tokens.token();
			ServiceTitanException failure;
			Duration delay;
			String reason;
			try {
				return send(request, token, handler, closeResponse, attempt);
			}
			catch (ServiceTitanApiException ex) {
				if (ex.status() == 401 && !tokenRenewed) {
					logger.debug(request.method() + " " + request.uriTemplate() + " answered 401; renewing the token once");
					this.tokens.invalidate(token);
					tokenRenewed = true;
					continue;
				}
				failures.add(ex.status() + ((ex.title() != null) ? " " + ex.title() : ""));
				reason = Integer.toString(ex.status());
				failure = ex;
				Duration retryAfter = ex.retryAfterOrNull();
				if (ex.status() == 429) {
					this.rateLimiter.onThrottled(retryAfter);
				}
				if (!mayRetry(request, ex.status(), retryAfter, attempt)) {
					throw failure.withAttempts(failures);
				}
				if (retryAfter != null && retryAfter.compareTo(this.retry.maxRetryAfter()) > 0) {
					// The server wants more patience than configured: fail now, with its value in the exception.
					throw failure.withAttempts(failures);
				}
				delay = (retryAfter != null) ? retryAfter : this.backoff.delayBeforeRetry(attempt);
			}
			catch (ResourceAccessException ex) {
				Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
				boolean notSent = wasNotSent(cause);
				reason = transportReason(cause);
				failures.add(reason.replace('_', ' '));
				boolean retryable = request.isIdempotent() || notSent;
				failure = new ServiceTitanTransportException(request.method() + " " + request.path() + " failed: "
						+ reason.replace('_', ' ') + " (" + cause.getMessage() + ")", !retryable, ex);
				if (!retryable || attempt >= this.retry.effectiveMaxAttempts()) {
					throw failure.withAttempts(failures);
				}
				delay = this.backoff.delayBeforeRetry(attempt);
			}
			this.listener.onRetry(request.call(), reason, delay);
			if (logger.isWarnEnabled()) {
				logger.warn("Retrying " + request.method() + " " + request.uriTemplate() + " of "
						+ request.call().folder() + "/" + request.call().endpoint() + " after " + reason.replace('_', ' ')
						+ " (attempt " + (attempt + 1) + " of " + this.retry.effectiveMaxAttempts() + ") in "
						+ delay.toMillis() + " ms");
			}
			pause(delay);
			attempt++;
		}
	}

	private boolean mayRetry(ApiRequest request, int status, @Nullable Duration retryAfter, int attempt) {
		if (attempt >= this.retry.effectiveMaxAttempts() || !RETRYABLE_STATUSES.contains(status)) {
			return false;
		}
		if (request.isIdempotent()) {
			return true;
		}
		// A POST or PATCH is repeated only when the server says it did not act on it.
		return status == 429 || (status == 503 && retryAfter != null);
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
			this.sleeper.sleep(delay);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ServiceTitanInterruptedException("waiting to retry a request", ex);
		}
	}

	/** Whether the failure happened before any byte of the request could reach the server. */
	static boolean wasNotSent(Throwable cause) {
		return cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException
				|| cause instanceof UnknownHostException || cause instanceof NoRouteToHostException;
	}

	static String transportReason(Throwable cause) {
		if (cause instanceof ResponseReadException) {
			return "truncated_response";
		}
		if (cause instanceof HttpConnectTimeoutException) {
			return "connect_timeout";
		}
		if (cause instanceof ConnectException) {
			return "connection_refused";
		}
		if (cause instanceof HttpTimeoutException || cause instanceof InterruptedIOException) {
			return "timeout";
		}
		if (cause instanceof UnknownHostException) {
			return "unknown_host";
		}
		String message = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
		if (message.contains("reset")) {
			return "connection_reset";
		}
		if (message.contains("no bytes") || message.contains("eof") || message.contains("closed")
				|| message.contains("header parser")) {
			return "empty_response";
		}
		return (cause instanceof SocketException) ? "connection_reset" : "io_error";
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
