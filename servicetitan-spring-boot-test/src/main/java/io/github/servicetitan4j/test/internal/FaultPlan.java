package io.github.servicetitan4j.test.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Faults a test asked for: each rule matches requests by method and path and answers the next matching requests (a
 * number of them, or all) with an error status, a broken connection, a truncated body or a delay.
 */
public final class FaultPlan {

	/** Path of the token endpoint, which rules without a path leave alone. */
	public static final String TOKEN_PATH = "/connect/token";

	private final List<Rule> rules = new ArrayList<>();

	/** Adds a rule; rules are tried in the order they were added. */
	public synchronized void add(Rule rule) {
		this.rules.add(rule);
	}

	/** The first rule that matches and has uses left, using one of them; null when none does. */
	public synchronized @Nullable Rule take(SimRequest request) {
		for (Rule rule : this.rules) {
			if (rule.matches(request) && rule.remaining != 0) {
				if (rule.remaining > 0) {
					rule.remaining--;
				}
				return rule;
			}
		}
		return null;
	}

	public synchronized void clear() {
		this.rules.clear();
	}

	/** Turns a path template such as {@code /jpm/v2/tenant/{tenant}/jobs/{id}} into a pattern, one segment per braces. */
	public static Pattern template(String template) {
		StringBuilder regex = new StringBuilder();
		int from = 0;
		while (from < template.length()) {
			int open = template.indexOf('{', from);
			int close = (open >= 0) ? template.indexOf('}', open) : -1;
			if (open < 0 || close < 0) {
				regex.append(Pattern.quote(template.substring(from)));
				break;
			}
			if (open > from) {
				regex.append(Pattern.quote(template.substring(from, open)));
			}
			regex.append("[^/]+");
			from = close + 1;
		}
		return Pattern.compile(regex.toString());
	}

	/** What a rule does to a request it matches. */
	public enum Kind {

		/** Answer with a status and a problem body; the request is not processed. */
		STATUS,

		/** Break the connection; the request is not processed. */
		BROKEN_CONNECTION,

		/** Process the request, then break the response body off. */
		TRUNCATED_BODY,

		/** Process the request and answer after a delay. */
		DELAY

	}

	/** One fault rule. */
	public static final class Rule {

		private final @Nullable String method;

		private final @Nullable Pattern path;

		private final Kind kind;

		private final int status;

		private final long retryAfterSeconds;

		private final @Nullable SimFault fault;

		private final long delayMillis;

		private int remaining;

		/**
		 * @param method HTTP method to match, null for any
		 * @param path pattern the whole raw path must match, null for any path but the token endpoint's
		 * @param times how many matching requests the rule applies to, -1 for all
		 * @param kind what to do
		 * @param status status for {@link Kind#STATUS}
		 * @param retryAfterSeconds {@code Retry-After} for {@link Kind#STATUS}, negative for none
		 * @param fault the fault for {@link Kind#BROKEN_CONNECTION}
		 * @param delayMillis delay for {@link Kind#DELAY}
		 */
		public Rule(@Nullable String method, @Nullable Pattern path, int times, Kind kind, int status,
				long retryAfterSeconds, @Nullable SimFault fault, long delayMillis) {
			this.method = method;
			this.path = path;
			this.remaining = times;
			this.kind = kind;
			this.status = status;
			this.retryAfterSeconds = retryAfterSeconds;
			this.fault = fault;
			this.delayMillis = delayMillis;
		}

		boolean matches(SimRequest request) {
			if (this.method != null && !this.method.equalsIgnoreCase(request.method())) {
				return false;
			}
			if (this.path == null) {
				return !request.path().equals(TOKEN_PATH);
			}
			return this.path.matcher(request.path()).matches();
		}

		public Kind kind() {
			return this.kind;
		}

		public int status() {
			return this.status;
		}

		public long retryAfterSeconds() {
			return this.retryAfterSeconds;
		}

		public @Nullable SimFault fault() {
			return this.fault;
		}

		public long delayMillis() {
			return this.delayMillis;
		}

	}

}
