package io.github.servicetitan4j.test;

import java.time.Duration;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import io.github.servicetitan4j.test.internal.FaultPlan;
import io.github.servicetitan4j.test.internal.SimFault;

/**
 * Which requests a fault applies to and how often; one of the terminal methods ({@link #status(int)},
 * {@link #connectionReset()}, ...) says what goes wrong and installs the rule.
 * <p>
 * Error statuses and broken connections stop the request before the simulator processes it. A truncated body or a
 * slow answer comes after the simulator processed it: a POST answered that way did create its record.
 */
public final class FaultSpec {

	private final FaultPlan plan;

	private final @Nullable String method;

	private final @Nullable Pattern path;

	private int times;

	FaultSpec(FaultPlan plan, @Nullable String method, @Nullable Pattern path, int times) {
		this.plan = plan;
		this.method = method;
		this.path = path;
		this.times = times;
	}

	/**
	 * Applies the fault to this many matching requests only.
	 * @param times how many matching requests get the fault
	 * @return this spec, to choose the fault
	 */
	public FaultSpec times(int times) {
		if (times < 1) {
			throw new IllegalArgumentException("times must be at least 1");
		}
		this.times = times;
		return this;
	}

	/**
	 * Answers with this status and a problem body, such as 503 or 500.
	 * @param status HTTP status, 400 to 599
	 */
	public void status(int status) {
		status(status, -1);
	}

	/**
	 * Answers with this status, a problem body and a {@code Retry-After} of whole seconds.
	 * @param status HTTP status, 400 to 599
	 * @param retryAfter wait to announce, rounded to whole seconds
	 */
	public void status(int status, Duration retryAfter) {
		status(status, retryAfter.toSeconds());
	}

	/** Resets the connection before any response. */
	public void connectionReset() {
		broken(SimFault.CONNECTION_RESET);
	}

	/** Closes the connection without any response. */
	public void emptyResponse() {
		broken(SimFault.EMPTY_RESPONSE);
	}

	/** Sends garbage instead of HTTP, then closes the connection. */
	public void randomDataThenClose() {
		broken(SimFault.RANDOM_DATA_THEN_CLOSE);
	}

	/** Processes the request, sends status and headers, then breaks the body off. */
	public void truncatedBody() {
		add(FaultPlan.Kind.TRUNCATED_BODY, 0, -1, null, 0);
	}

	/**
	 * Processes the request and answers after this delay (real time: keep it short, or test a client timeout).
	 * @param delay how long to hold the answer back
	 */
	public void slow(Duration delay) {
		if (delay.isNegative() || delay.compareTo(Duration.ofMinutes(5)) > 0) {
			throw new IllegalArgumentException("delay must be between 0 and 5 minutes");
		}
		add(FaultPlan.Kind.DELAY, 0, -1, null, delay.toMillis());
	}

	private void status(int status, long retryAfterSeconds) {
		if (status < 400 || status > 599) {
			throw new IllegalArgumentException("status must be an error status (4xx or 5xx)");
		}
		add(FaultPlan.Kind.STATUS, status, retryAfterSeconds, null, 0);
	}

	private void broken(SimFault fault) {
		add(FaultPlan.Kind.BROKEN_CONNECTION, 0, -1, fault, 0);
	}

	private void add(FaultPlan.Kind kind, int status, long retryAfterSeconds, @Nullable SimFault fault, long delay) {
		this.plan.add(new FaultPlan.Rule(this.method, this.path, this.times, kind, status, retryAfterSeconds, fault,
				delay));
	}

}
