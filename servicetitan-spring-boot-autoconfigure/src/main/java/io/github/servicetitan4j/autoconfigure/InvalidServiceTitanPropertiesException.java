package io.github.servicetitan4j.autoconfigure;

import java.util.List;

/**
 * The {@code servicetitan.*} properties are incomplete or invalid. Lists every problem at once.
 */
class InvalidServiceTitanPropertiesException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	/** Each problem found. */
	private final List<String> problems;

	/**
	 * Creates the exception; its message lists every problem, so that one restart fixes them all.
	 * @param problems each offending property, with what is wrong with it; never a secret's value
	 */
	public InvalidServiceTitanPropertiesException(List<String> problems) {
		super("Invalid ServiceTitan configuration: " + String.join("; ", problems));
		this.problems = List.copyOf(problems);
	}

	/**
	 * Each offending property, with what is wrong with it.
	 * @return problems, in the order found
	 */
	public List<String> problems() {
		return this.problems;
	}

}
