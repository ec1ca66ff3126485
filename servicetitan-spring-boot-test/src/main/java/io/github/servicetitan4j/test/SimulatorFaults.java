package io.github.servicetitan4j.test;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import io.github.servicetitan4j.test.internal.FaultPlan;

/**
 * Fault injection: makes chosen requests fail the ways ServiceTitan and networks fail, to test retries, timeouts and
 * error handling.
 * <pre>
 * simulator.faults().next(3).status(503);
 * simulator.faults().on("GET", "/jpm/v2/tenant/{tenant}/export/jobs").times(1).connectionReset();
 * simulator.faults().on("GET", "/crm/v2/tenant/{tenant}/customers").slow(Duration.ofSeconds(2));
 * </pre>
 * Rules are tried in the order they were added; the first that matches a request and has uses left decides. Faults
 * come before the rate limit and the credential checks, like a failing network or gateway. {@link #clear()} removes all
 * rules, and so does {@link ServiceTitanSimulator#reset()}.
 */
public final class SimulatorFaults {

	private final FaultPlan plan;

	SimulatorFaults(FaultPlan plan) {
		this.plan = plan;
	}

	/**
	 * The next {@code count} requests of any kind, except calls of the token endpoint.
	 * @param count number of requests
	 * @return spec, to choose the fault
	 */
	public FaultSpec next(int count) {
		if (count < 1) {
			throw new IllegalArgumentException("count must be at least 1");
		}
		return new FaultSpec(this.plan, null, null, count);
	}

	/**
	 * Every request with this method (or {@code "*"} for any) and a path matching the template, until
	 * {@link FaultSpec#times(int)} says otherwise. In the template {@code {name}} stands for one path segment, such as
	 * {@code /jpm/v2/tenant/{tenant}/jobs/{id}}; the query is not part of the path. {@code /connect/token} targets the
	 * token endpoint.
	 * @param method HTTP method, or {@code "*"}
	 * @param pathTemplate path with {@code {name}} placeholders
	 * @return spec, to choose the fault
	 */
	public FaultSpec on(String method, String pathTemplate) {
		return new FaultSpec(this.plan, method(method), FaultPlan.template(pathTemplate), -1);
	}

	/**
	 * Like {@link #on(String, String)}, with a regular expression that the whole raw path must match.
	 * @param method HTTP method, or {@code "*"}
	 * @param pathRegex regular expression for the whole path
	 * @return spec, to choose the fault
	 */
	public FaultSpec onPathMatching(String method, String pathRegex) {
		return new FaultSpec(this.plan, method(method), Pattern.compile(pathRegex), -1);
	}

	/** Removes every fault rule. */
	public void clear() {
		this.plan.clear();
	}

	private static @Nullable String method(String method) {
		return method.equals("*") ? null : method;
	}

}
