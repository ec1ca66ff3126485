package io.github.servicetitan4j.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;

import io.github.servicetitan4j.errors.ServiceTitanException;
import io.github.servicetitan4j.errors.ServiceTitanException.ServiceTitanInterruptedException;
import io.github.servicetitan4j.retry.RetrySettings;
import io.github.servicetitan4j.retry.Sleeper;
import org.jspecify.annotations.Nullable;

/**
 * The one retry loop of the client, used by API requests, by the re-read of a response body cut short while streaming,
 * and by token requests. Each caller says what a failure means ({@link Attempt#onFailure}); the policy alone decides
 * whether attempts remain, how long to wait (the server's Retry-After, else exponential backoff with jitter) and
 * records why each attempt failed, so that the final error lists them all.
 * <p>
 * The delays come from {@link Backoff}; the jitter source and the sleeper are injected so tests can pin the delays
 * and never sleep.
 */
public final class RetryPolicy {

	private final RetrySettings settings;

	private final Backoff backoff;

	private final Sleeper sleeper;

	/**
	 * Creates a policy.
	 * @param settings attempt budget and backoff bounds
	 * @param jitter returns a number in [0, 1)
	 * @param sleeper how the policy waits
	 */
	public RetryPolicy(RetrySettings settings, DoubleSupplier jitter, Sleeper sleeper) {
		this.settings = settings;
		this.backoff = new Backoff(settings, jitter);
		this.sleeper = sleeper;
	}

	/** The settings this policy applies. */
	public RetrySettings settings() {
		return this.settings;
	}

	/** Starts the attempt record of one request; share it between every send of that request. */
	public Attempts start() {
		return new Attempts(this.settings.effectiveMaxAttempts());
	}

	/**
	 * Runs the attempt until it succeeds or the policy gives up. Every run of the attempt is one send of the request
	 * and counts against the budget of {@code attempts}, except a {@linkplain Decision#repeat() free repeat}.
	 * @param attempts the request's attempt record (its budget may be partly spent already)
	 * @param attempt one try
	 * @param <T> the result
	 * @return the result of the first successful try
	 */
	public <T> T run(Attempts attempts, Attempt<T> attempt) {
		boolean counted = true;
		while (true) {
			if (counted) {
				attempts.sent++;
			}
			try {
				return attempt.run(attempts.sent);
			}
			catch (RuntimeException ex) {
				Decision decision = attempt.onFailure(ex, attempts);
				counted = !decision.free;
				if (!decision.free) {
					resume(attempts, decision, attempt);
				}
			}
		}
	}

	/**
	 * Decides after a failure that happened outside {@link #run} (a streamed body cut short after the request had
	 * returned): throws when the request may not be sent again, else waits for its retry. The caller then sends it
	 * again through {@link #run} with the same {@code attempts}, so the re-read spends the same budget.
	 * @param attempts the request's attempt record
	 * @param decision what the failure means
	 * @param listener hears the retry before the wait
	 */
	public void resume(Attempts attempts, Decision decision, RetryListener listener) {
		if (decision.failure == null) {
			throw new IllegalStateException("a decision to repeat has no failure");
		}
		if (decision.propagate) {
			throw decision.failure;
		}
		attempts.failures.add(decision.attemptFailure);
		if (decision.reason == null || !attempts.remain()) {
			throw attempts.attachTo(decision.failure, null);
		}
		if (decision.veto != null) {
			throw attempts.attachTo(decision.failure, decision.veto);
		}
		if (decision.retryAfter != null && decision.retryAfter.compareTo(this.settings.maxRetryAfter()) > 0) {
			// The server wants more patience than configured: fail now, with its value in the exception.
			throw attempts.attachTo(decision.failure, "not retried: the server asked to wait "
					+ decision.retryAfter.toSeconds() + " s (Retry-After), longer than servicetitan.retry.max-retry-after ("
					+ this.settings.maxRetryAfter().toSeconds() + " s)");
		}
		Duration delay = (decision.retryAfter != null) ? this.backoff.delayAfterHint(decision.retryAfter)
				: backoff(attempts.sent);
		listener.beforeRetry(decision.reason, delay, attempts);
		if (decision.waitsElsewhere) {
			return;
		}
		try {
			if (Thread.currentThread().isInterrupted()) {
				// A request cut off by an interrupt (the client closing its paging pool) is given up, never repeated.
				throw new InterruptedException();
			}
			this.sleeper.sleep(delay);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ServiceTitanInterruptedException("waiting to retry " + listener.what(), ex);
		}
	}

	/**
	 * Whether a Retry-After is short enough to be honoured.
	 * @param retryAfter the server's value, or null
	 * @return true when there is none or it is within {@code maxRetryAfter}
	 */
	public boolean honours(@Nullable Duration retryAfter) {
		return retryAfter == null || retryAfter.compareTo(this.settings.maxRetryAfter()) <= 0;
	}

	/**
	 * Delay before the given retry when the server names none.
	 * @param retry the retry number, 1 for the first retry
	 * @return the delay
	 */
	public Duration backoff(int retry) {
		return this.backoff.delayBeforeRetry(retry);
	}

	/**
	 * Hears a retry before its wait.
	 */
	public interface RetryListener {

		/**
		 * Called before the policy waits to retry.
		 * @param reason the failure's tag value ({@code 503}, {@code connection_reset})
		 * @param delay the wait
		 * @param attempts the attempts so far ({@link Attempts#sent()} of {@link Attempts#max()})
		 */
		default void beforeRetry(String reason, Duration delay, Attempts attempts) {
		}

		/** What is retried, for the message of an interrupted wait ("a request"). */
		String what();

	}

	/**
	 * One try of a request.
	 * @param <T> its result
	 */
	public interface Attempt<T> extends RetryListener {

		/**
		 * Sends the request once.
		 * @param number the number of this send, 1 for the first
		 * @return the result
		 */
		T run(int number);

		/**
		 * Says what a failure of {@link #run} means.
		 * @param failure what the try threw
		 * @param attempts the attempts so far
		 * @return the decision
		 */
		Decision onFailure(RuntimeException failure, Attempts attempts);

	}

	/**
	 * What a failed try means. The policy applies the budget, the Retry-After bound and the veto, in that order.
	 */
	public static final class Decision {

		private final @Nullable RuntimeException failure;

		private final @Nullable String reason;

		private final String attemptFailure;

		private final @Nullable Duration retryAfter;

		private final @Nullable String veto;

		private final boolean free;

		private final boolean propagate;

		private boolean waitsElsewhere;

		private Decision(@Nullable RuntimeException failure, @Nullable String reason, String attemptFailure,
				@Nullable Duration retryAfter, @Nullable String veto, boolean free, boolean propagate) {
			this.failure = failure;
			this.reason = reason;
			this.attemptFailure = attemptFailure;
			this.retryAfter = retryAfter;
			this.veto = veto;
			this.free = free;
			this.propagate = propagate;
		}

		/**
		 * The failure may pass: retry while attempts remain.
		 * @param failure thrown when the policy gives up
		 * @param reason the tag value ({@code 503}, {@code connection_reset})
		 * @param attemptFailure how the attempt is listed in the final error ("503 Service Unavailable")
		 * @param retryAfter the server's wait, or null for backoff
		 * @param veto why it must not be retried even though attempts remain, or null
		 * @return the decision
		 */
		public static Decision retry(RuntimeException failure, String reason, String attemptFailure,
				@Nullable Duration retryAfter, @Nullable String veto) {
			return new Decision(failure, reason, attemptFailure, retryAfter, veto, false, false);
		}

		/**
		 * Marks a retry whose wait happens elsewhere (the request's own rate limiter holds it until the server's pause
		 * is over): the policy still applies the budget and tells the listener, but does not sleep.
		 * @param elsewhere whether the wait happens elsewhere
		 * @return this decision
		 */
		public Decision waitingElsewhere(boolean elsewhere) {
			this.waitsElsewhere = elsewhere;
			return this;
		}

		/**
		 * The failure will not pass: give up now, listing the attempt.
		 * @param failure the failure to throw with the attempts
		 * @param attemptFailure how the attempt is listed
		 * @return the decision
		 */
		public static Decision fail(RuntimeException failure, String attemptFailure) {
			return new Decision(failure, null, attemptFailure, null, null, false, false);
		}

		/**
		 * Not a failure of the request (it was never sent, or the caller's own error): rethrow it unchanged.
		 * @param failure the failure
		 * @return the decision
		 */
		public static Decision propagate(RuntimeException failure) {
			return new Decision(failure, null, "", null, null, false, true);
		}

		/**
		 * Send again at once without spending the budget (a 401 answered with a renewed token; the attempt is listed
		 * by the caller).
		 * @return the decision
		 */
		public static Decision repeat() {
			return new Decision(null, null, "", null, null, true, false);
		}

	}

	/**
	 * The sends of one request so far and why each failed. Not thread-safe: a request is sent by one thread at a time.
	 */
	public static final class Attempts {

		private final int max;

		private int sent;

		private final List<String> failures = new ArrayList<>();

		Attempts(int max) {
			this.max = max;
		}

		/** Sends so far (a repeat with a renewed token not counted). */
		public int sent() {
			return this.sent;
		}

		/** Most sends the request may have. */
		public int max() {
			return this.max;
		}

		/** Whether another send is allowed. */
		public boolean remain() {
			return this.sent < this.max;
		}

		/** Why each attempt failed, oldest first. */
		public List<String> failures() {
			return List.copyOf(this.failures);
		}

		/**
		 * Lists a failed attempt that is not decided by the policy (a 401 before a free repeat).
		 * @param failure how the attempt is listed
		 */
		public void failed(String failure) {
			this.failures.add(failure);
		}

		/**
		 * Gives the failure the attempts list and why the client stopped early.
		 * @param failure the failure to throw
		 * @param stopReason why no further attempt was made, or null
		 * @param <E> the failure's type
		 * @return the failure
		 */
		public <E extends RuntimeException> E attachTo(E failure, @Nullable String stopReason) {
			if (failure instanceof ServiceTitanException exception) {
				exception.recordAttempts(List.copyOf(this.failures), stopReason);
			}
			return failure;
		}

	}

}
