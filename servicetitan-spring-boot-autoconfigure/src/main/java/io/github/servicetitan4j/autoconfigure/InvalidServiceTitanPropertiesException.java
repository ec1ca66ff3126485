package io.github.servicetitan4j.autoconfigure;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The {@code servicetitan.*} properties are incomplete or invalid. Lists every problem at once.
 */
class InvalidServiceTitanPropertiesException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	/** Each problem found. */
	private final List<String> problems;

	private final @Nullable String heading;

	private final @Nullable String action;

	/**
	 * Creates the exception; its message lists every problem, so that one restart fixes them all.
	 * @param problems each offending property, with what is wrong with it; never a secret's value
	 */
	public InvalidServiceTitanPropertiesException(List<String> problems) {
		this(problems, null, null);
	}

	/**
	 * Creates the exception with the heading and the action its failure analysis shows, for a problem whose fix is
	 * not in the connection properties (a store without its dependencies).
	 * @param problems each offending property, with what is wrong with it; never a secret's value
	 * @param heading what the failure analysis says first, or null to choose by the problems
	 * @param action what the failure analysis tells the user to do, or null to choose by the problems
	 */
	InvalidServiceTitanPropertiesException(List<String> problems, @Nullable String heading, @Nullable String action) {
		super("Invalid ServiceTitan configuration: " + String.join("; ", problems));
		this.problems = List.copyOf(problems);
		this.heading = heading;
		this.action = action;
	}

	/**
	 * Each offending property, with what is wrong with it.
	 * @return problems, in the order found
	 */
	public List<String> problems() {
		return this.problems;
	}

	/** The failure analysis's heading, or null to choose it by the problems. */
	@Nullable String heading() {
		return this.heading;
	}

	/** The failure analysis's action, or null to choose it by the problems. */
	@Nullable String action() {
		return this.action;
	}

}
