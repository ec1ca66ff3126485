package io.github.servicetitan4j.autoconfigure;

import io.github.servicetitan4j.ExportPage;
import io.github.servicetitan4j.Page;
import io.github.servicetitan4j.Reports;
import io.github.servicetitan4j.webhook.WebhookEvent;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.annotation.RegisterReflectionForBinding;
import org.springframework.boot.context.properties.bind.BindableRuntimeHintsRegistrar;

/**
 * What a native image of an application using the starter needs beyond what Spring's AOT processing finds by itself,
 * registered through {@code META-INF/spring/aot.factories}:
 * <ul>
 * <li>the SQL scripts the JDBC stores run at startup (checkpoints, leases, rate limits);</li>
 * <li>the properties class, bound at run time by the beans that read which tenants are configured (also when the
 * properties bean itself is not created);</li>
 * <li>the failure analyzers, which Boot instantiates reflectively from {@code spring.factories};</li>
 * <li>the starter's public records that applications commonly serialize with Jackson (pages, report descriptions
 * and results, webhook events).</li>
 * </ul>
 * The starter reads ServiceTitan's JSON as trees, so nothing of its own is bound reflectively; an application's own
 * record types, given to {@code getAll(type)}, {@code WebhookEvent.data(type)} and the like, are the application's to
 * register, with {@link RegisterReflectionForBinding @RegisterReflectionForBinding}. The webhook package registers
 * its own.
 */
class ServiceTitanRuntimeHints implements RuntimeHintsRegistrar {

	/** The scripts the JDBC stores run at startup, from the class path. */
	static final String[] SCRIPTS = { "io/github/servicetitan4j/export/schema.sql",
			"io/github/servicetitan4j/export/lease-schema.sql", "io/github/servicetitan4j/ratelimit/schema-postgresql.sql" };

	/** The starter's records that applications serialize, with the types they refer to. */
	static final Class<?>[] SERIALIZED = { Page.class, ExportPage.class, WebhookEvent.class, Reports.Category.class,
			Reports.Summary.class, Reports.Value.class, Reports.Description.class, Reports.Result.class };

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		for (String script : SCRIPTS) {
			hints.resources().registerPattern(script);
		}
		BindableRuntimeHintsRegistrar.forTypes(ServiceTitanProperties.class).registerHints(hints, classLoader);
		for (Class<?> analyzer : new Class<?>[] { InvalidServiceTitanPropertiesFailureAnalyzer.class,
				MissingServiceTitanConfigurationFailureAnalyzer.class }) {
			hints.reflection().registerType(TypeReference.of(analyzer), MemberCategory.INVOKE_DECLARED_CONSTRUCTORS);
		}
		new BindingReflectionHintsRegistrar().registerReflectionHints(hints.reflection(), SERIALIZED);
	}

}
