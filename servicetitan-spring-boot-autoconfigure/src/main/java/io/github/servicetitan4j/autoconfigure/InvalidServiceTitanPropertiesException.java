package io.github.servicetitan4j.autoconfigure;

import java.util.List;

/**
 * The {@code servicetitan.*} properties are incomplete or invalid. Lists every problem at once.
 */
public class InvalidServiceTitanPropertiesException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	private final List<String> problems;

	public InvalidServiceTitanPropertiesException(List<String> problems) {
		super("Invalid ServiceTitan configuration: " + String.join("; ", problems));
		this.problems = List.copyOf(problems);
	}

	/** Each offending property, with what is wrong with it. */
	public List<String> problems() {
		return this.problems;
	}

}
