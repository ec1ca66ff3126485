package io.github.servicetitan4j;

import java.time.Duration;

import io.github.servicetitan4j.errors.ServiceTitanApiException;
import io.github.servicetitan4j.errors.ServiceTitanTransportException;
import io.github.servicetitan4j.internal.RetryPolicy;
import io.github.servicetitan4j.internal.RetryPolicy.Attempts;
import io.github.servicetitan4j.internal.RetryPolicy.Decision;

import org.springframework.security.oauth2.core.OAuth2AccessToken;

/**
 * Sends the requests of a client through its one {@link RetryPolicy}, built from small parts with one job each: the
 * {@link Sender} makes one attempt (token, permit, {@code ST-App-Key}, redirects, error statuses to typed exceptions),
 * {@link RetryDecisions} says what each failure means, the policy owns the loop, the attempt budget and the waits, and
 * {@link RequestLog} logs. Every request of the client (endpoints, reports, and whatever comes next) goes through here.
 * <p>
 * Two uses, typed: {@link #read} reads a response before it is closed (a whole body, a file download), {@link #open}
 * hands an open response to the caller (a streamed body), whose re-reads after the body broke share the request's one
 * attempt budget ({@link #awaitRetryOfBrokenBody}).
 */
final class RequestExecutor {

	private final Sender sender;

	private final RetryPolicy policy;

	private final ServiceTitanClientListener listener;

	private final RequestLog log;

	RequestExecutor(Sender sender, RetryPolicy policy, ServiceTitanClientListener listener, RequestLog log) {
		this.sender = sender;
		this.policy = policy;
		this.listener = listener;
		this.log = log;
	}

	/**
	 * Sends the request and reads its successful response with the handler; the response is closed when the handler
	 * returns.
	 * @param request the request
	 * @param handler reads a 2xx response
	 * @param <T> what the handler reads
	 * @return what the handler read
	 */
	<T> T read(ApiRequest request, ResponseHandler<T> handler) {
		return run(request, new BodyUse.Whole<>(handler), this.policy.start());
	}

	/**
	 * Sends the request and reads its successful response with the handler, spending the given attempt record's budget
	 * (shared with a later re-read of the same request, see {@link #awaitRetryOfBrokenBody}).
	 * @param request the request
	 * @param handler reads a 2xx response
	 * @param attempts the request's attempts so far
	 * @param <T> what the handler reads
	 * @return what the handler read
	 */
	<T> T read(ApiRequest request, ResponseHandler<T> handler, Attempts attempts) {
		return run(request, new BodyUse.Whole<>(handler), attempts);
	}

	/**
	 * Sends the request and opens its successful response with the handler, whose result holds the response open for
	 * the caller to read and close; spends the given attempt record's budget, shared by every send of the request.
	 * @param request the request
	 * @param handler opens a reader of a 2xx response
	 * @param attempts the request's attempts so far
	 * @param <T> the reader
	 * @return the open reader
	 */
	<T extends AutoCloseable> T open(ApiRequest request, ResponseHandler<T> handler, Attempts attempts) {
		return run(request, new BodyUse.Streamed<>(handler), attempts);
	}

	/** Starts the attempt record of one request. */
	Attempts attempts() {
		return this.policy.start();
	}

	private <T> T run(ApiRequest request, BodyUse<T> use, Attempts attempts) {
		RetryDecisions decisions = new RetryDecisions(request, this.policy, this.sender.tokens(),
				this.sender.throttled(request), this.log);
		return this.policy.run(attempts, new RetryPolicy.Attempt<T>() {

			@Override
			public T run(int number) {
				OAuth2AccessToken token = RequestExecutor.this.sender.authorize(request);
				decisions.sending(token);
				try {
					return RequestExecutor.this.sender.send(request, token, use, number);
				}
				catch (ServiceTitanApiException ex) {
					if (decisions.deletedByEarlierAttempt(ex)) {
						RequestExecutor.this.log.reportedAsDeleted(request);
						return Sender.noContent(use);
					}
					throw ex;
				}
			}

			@Override
			public Decision onFailure(RuntimeException failure, Attempts attempts) {
				return decisions.onFailure(failure, attempts);
			}

			@Override
			public void beforeRetry(String reason, Duration delay, Attempts attempts) {
				RequestExecutor.this.listener.onRetry(request.call(), reason, delay);
				RequestExecutor.this.log.retrying(request, reason, delay, attempts, decisions.waitedAtLimiter());
			}

			@Override
			public String what() {
				return "a request";
			}

		});
	}

	/**
	 * Decides what to do after the body of a response handed to the caller by {@link #open} broke while the caller was
	 * reading it: returns, after the backoff delay, when the request may be sent again (it may be repeated and the
	 * request's budget is not spent), else throws the transport failure. The caller then opens the request again with
	 * the same {@code attempts}, so that the rate limiter, the token, the status retries and one attempt budget apply.
	 * @param request the request whose response broke
	 * @param cause what broke
	 * @param attempts the request's attempts so far; this failure is added
	 * @throws ServiceTitanTransportException if the request may not be repeated
	 */
	void awaitRetryOfBrokenBody(ApiRequest request, Throwable cause, Attempts attempts) {
		this.policy.resume(attempts, RetryDecisions.brokenBody(request, cause), new RetryPolicy.RetryListener() {

			@Override
			public void beforeRetry(String reason, Duration delay, Attempts attempts) {
				RequestExecutor.this.listener.onRetry(request.call(), reason, delay);
				RequestExecutor.this.log.readingAgain(request, delay, attempts);
			}

			@Override
			public String what() {
				return "a request";
			}

		});
	}

}
