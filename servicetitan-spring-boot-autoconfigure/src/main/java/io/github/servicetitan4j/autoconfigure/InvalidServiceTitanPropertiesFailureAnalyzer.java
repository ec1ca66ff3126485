package io.github.servicetitan4j.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an {@link InvalidServiceTitanPropertiesException} at startup: one line per offending property.
 */
class InvalidServiceTitanPropertiesFailureAnalyzer extends AbstractFailureAnalyzer<InvalidServiceTitanPropertiesException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidServiceTitanPropertiesException cause) {
		StringBuilder description = new StringBuilder("The ServiceTitan client is configured, but not completely:\n");
		cause.problems().forEach((problem) -> description.append("\n    - ").append(problem));
		return new FailureAnalysis(description.toString(), ServiceTitanSetupHelp.ACTION, cause);
	}

}
