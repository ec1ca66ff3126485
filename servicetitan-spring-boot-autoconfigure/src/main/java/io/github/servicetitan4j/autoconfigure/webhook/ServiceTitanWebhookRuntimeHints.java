package io.github.servicetitan4j.autoconfigure.webhook;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.boot.context.properties.bind.BindableRuntimeHintsRegistrar;

/**
 * What a native image needs for webhooks, registered through {@code META-INF/spring/aot.factories}: the script of
 * the JDBC delivery store and the binding of {@link ServiceTitanWebhookProperties}.
 */
class ServiceTitanWebhookRuntimeHints implements RuntimeHintsRegistrar {

	/** The script the JDBC delivery store runs at startup, from the class path. */
	static final String SCRIPT = "io/github/servicetitan4j/webhook/webhook-schema.sql";

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		hints.resources().registerPattern(SCRIPT);
		BindableRuntimeHintsRegistrar.forTypes(ServiceTitanWebhookProperties.class).registerHints(hints, classLoader);
	}

}
