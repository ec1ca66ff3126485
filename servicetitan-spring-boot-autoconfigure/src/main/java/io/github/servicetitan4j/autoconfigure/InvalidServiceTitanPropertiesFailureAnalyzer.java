package io.github.servicetitan4j.autoconfigure;

import java.util.List;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an {@link InvalidServiceTitanPropertiesException} at startup: one line per offending property, under a
 * heading and with an action that fit them: the connection properties (the multi-tenant YAML first when
 * {@code servicetitan.tenants.*} is in question), other values out of range, or a store that the application lacks
 * the dependencies of.
 */
class InvalidServiceTitanPropertiesFailureAnalyzer extends AbstractFailureAnalyzer<InvalidServiceTitanPropertiesException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidServiceTitanPropertiesException cause) {
		List<String> problems = cause.problems();
		boolean connection = ServiceTitanSetupHelp.concernsConnection(problems);
		String heading = (cause.heading() != null) ? cause.heading()
				: (connection ? ServiceTitanSetupHelp.CONNECTION_HEADING : ServiceTitanSetupHelp.SETTINGS_HEADING);
		String action = (cause.action() != null) ? cause.action()
				: (connection ? ServiceTitanSetupHelp.connectionAction(problems) : ServiceTitanSetupHelp.SETTINGS_ACTION);
		StringBuilder description = new StringBuilder(heading).append("\n");
		problems.forEach((problem) -> description.append("\n    - ").append(problem));
		return new FailureAnalysis(description.toString(), action, cause);
	}

}
