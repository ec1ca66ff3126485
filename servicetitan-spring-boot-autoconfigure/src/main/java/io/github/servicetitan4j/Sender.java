package io.github.servicetitan4j;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import io.github.servicetitan4j.auth.AccessTokenProvider;
import io.github.servicetitan4j.errors.ServiceTitanApiException;
import io.github.servicetitan4j.internal.RequestAttributes;
import io.github.servicetitan4j.internal.ResponseReadException;
import io.github.servicetitan4j.ratelimit.RateLimiter;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.web.client.RestClient;

/**
 * One attempt of a request: a currently valid token, a rate-limiter permit, then the request sent with the bearer token
 * and {@code ST-App-Key}, following {@link Redirects} itself and turning an error status into its typed exception
 * ({@link ProblemReader}). Whether to try again is not its business: that is the {@link RetryDecisions}'.
 */
final class Sender {

	static final String APP_KEY_HEADER = "ST-App-Key";

	private final RestClient restClient;

	private final AccessTokenProvider tokens;

	private final String appKey;

	private final RateLimiter rateLimiter;

	private final ProblemReader problems;

	private final ServiceTitanClientListener listener;

	private final RequestLog log;

	Sender(RestClient restClient, AccessTokenProvider tokens, String appKey, RateLimiter rateLimiter,
			ProblemReader problems, ServiceTitanClientListener listener, RequestLog log) {
		this.restClient = restClient;
		this.tokens = tokens;
		this.appKey = appKey;
		this.rateLimiter = rateLimiter;
		this.problems = problems;
		this.listener = listener;
		this.log = log;
	}

	/** The token supplier the attempts use. */
	AccessTokenProvider tokens() {
		return this.tokens;
	}

	/**
	 * The limiter a 429 to this request is reported to: the request's own (a report's), else the tenant's.
	 * @param request the request
	 * @return the limiter
	 */
	RateLimiter throttled(ApiRequest request) {
		RateLimiter own = request.limiter();
		return (own != null) ? own : this.rateLimiter;
	}

	/**
	 * Gets a token and waits for a permit, in that order.
	 * @param request the request about to be sent
	 * @return the token to send it with
	 */
	OAuth2AccessToken authorize(ApiRequest request) {
		// Token first: while a slow token request holds every caller, none of them may sit on a permit, or their
		// requests would reach the server all at once when the token arrives (at start-up and at each renewal).
		this.tokens.token();
		acquirePermit(request);
		// Read again (from the cache): the wait for a permit may have crossed the token's renewal point.
		return this.tokens.token();
	}

	private void acquirePermit(ApiRequest request) {
		// A request's own limit (one report's runs) first: its wait can be long, and no tenant permit may be held
		// meanwhile.
		RateLimiter own = request.limiter();
		Duration waited = (own != null) ? own.acquire() : Duration.ZERO;
		waited = waited.plus(this.rateLimiter.acquire());
		this.listener.onRateLimitWait(request.call(), waited);
	}

	/**
	 * Sends the request, following redirects, and reads a 2xx answer as the use says.
	 * @param request the request
	 * @param token the token from {@link #authorize}
	 * @param use how the answer is read
	 * @param attempt the attempt's number, for the log
	 * @param <T> what is read
	 * @return what was read
	 * @throws ServiceTitanApiException on an error status
	 */
	<T> T send(ApiRequest request, OAuth2AccessToken token, BodyUse<T> use, int attempt) {
		URI uri = request.uri();
		boolean credentials = true;
		for (int hops = 0;; hops++) {
			Hop<T> hop = exchange(request, uri, credentials ? token : null, use, attempt);
			if (hop instanceof Hop.Answer<T> answer) {
				return answer.value();
			}
			URI next = Redirects.nextHop(request, uri, ((Hop.Redirect<T>) hop).location(), hops);
			// Credentials belong to the configured API root only: a file store elsewhere gets none of them.
			credentials = Redirects.carriesCredentials(request.uri(), next);
			uri = next;
		}
	}

	private <T> Hop<T> exchange(ApiRequest request, URI uri, @Nullable OAuth2AccessToken token, BodyUse<T> use,
			int attempt) {
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
		if (request.body() != null && request.contentType() != null) {
			spec.contentType(request.contentType()).body(request.body());
		}
		boolean handedOver = use instanceof BodyUse.Streamed;
		return spec.exchange((clientRequest, response) -> {
			int status = response.getStatusCode().value();
			this.log.answered(request, status, start, attempt);
			boolean kept = false;
			try {
				String location = response.getHeaders().getFirst(HttpHeaders.LOCATION);
				if (Redirects.isFollowed(request, status, location)) {
					return new Hop.Redirect<>(location);
				}
				if (status < 200 || status >= 300) {
					throw this.problems.exception(request, response);
				}
				T value = use.handler().handle(response);
				kept = true;
				return new Hop.Answer<>(value);
			}
			catch (JacksonException ex) {
				throw new ResponseReadException("response body could not be read: " + ex.getOriginalMessage(), ex);
			}
			catch (IOException ex) {
				throw (ex instanceof ResponseReadException) ? ex
						: new ResponseReadException("response body was cut short: " + ex.getMessage(), ex);
			}
			finally {
				if (handedOver && !kept) {
					// RestClient closes only what it was asked to; a response meant for the caller that never reached
					// it must not hold its connection.
					response.close();
				}
			}
		}, !handedOver);
	}

	/** Reads what a DELETE answers when there is nothing to say (204, no body) with the use's handler. */
	static <T> T noContent(BodyUse<T> use) {
		try {
			return use.handler().handle(NoContent.INSTANCE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** What one exchange came to: an answer, or a redirect the client follows itself. */
	private sealed interface Hop<T> {

		record Answer<T>(T value) implements Hop<T> {
		}

		record Redirect<T>(String location) implements Hop<T> {
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

}
