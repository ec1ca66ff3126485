package io.github.servicetitan4j.autoconfigure;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What to tell a user whose ServiceTitan configuration is missing, incomplete or asks for what the application lacks:
 * a heading and an action that fit the problem (credentials of one tenant, of several, a store without its
 * dependencies, a value out of range).
 */
final class ServiceTitanSetupHelp {

	/** Heading of a connection (credentials) that is partly configured. */
	static final String CONNECTION_HEADING = "The ServiceTitan client is configured, but not completely:";

	/** Heading of other properties with invalid values. */
	static final String SETTINGS_HEADING = "Some servicetitan.* properties have invalid values:";

	/** Heading of a store that the properties ask for and the application cannot provide. */
	static final String STORE_HEADING = "A store that the servicetitan.* properties ask for cannot be set up:";

	static final String ACTION = """
			Set the ServiceTitan connection properties, for example in application.yml:

			    servicetitan:
			      client-id: <the tenant's client id>
			      client-secret: <the tenant's client secret>
			      app-key: <your application key>
			      tenant-id: <the tenant id, a number>
			      environment: production   # or integration

			or as environment variables SERVICETITAN_CLIENT_ID, SERVICETITAN_CLIENT_SECRET, SERVICETITAN_APP_KEY and \
			SERVICETITAN_TENANT_ID. For several tenants, set app-key once and each tenant's tenant-id, client-id and \
			client-secret under servicetitan.tenants.<name>.""";

	static final String SETTINGS_ACTION = "Correct each property listed above (the reference: docs/properties.md).";

	private static final Pattern TENANT = Pattern.compile("servicetitan\\.tenants\\.([^.\\s]+)\\.");

	private ServiceTitanSetupHelp() {
	}

	/**
	 * The action for problems with the connection properties: the multi-tenant YAML first when the problems concern
	 * {@code servicetitan.tenants.*}, the single-tenant YAML otherwise.
	 * @param problems the problems found
	 * @return the action
	 */
	static String connectionAction(List<String> problems) {
		for (String problem : problems) {
			Matcher tenant = TENANT.matcher(problem);
			if (tenant.find()) {
				return multiTenantAction(tenant.group(1));
			}
			if (problem.startsWith("servicetitan.tenants")) {
				return multiTenantAction("acme");
			}
		}
		return ACTION;
	}

	private static String multiTenantAction(String tenant) {
		String variable = tenant.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
		return """
				Set the application key once and each tenant's credentials, for example in application.yml:

				    servicetitan:
				      app-key: ${SERVICETITAN_APP_KEY}
				      environment: production   # or integration
				      tenants:
				        %1$s:
				          tenant-id: <the tenant id, a number>
				          client-id: ${%2$s_CLIENT_ID}
				          client-secret: ${%2$s_CLIENT_SECRET}

				and give every placeholder a value (here the environment variables SERVICETITAN_APP_KEY, \
				%2$s_CLIENT_ID and %2$s_CLIENT_SECRET). servicetitan.tenants cannot be combined with the single-tenant \
				servicetitan.client-id, client-secret and tenant-id.""".formatted(tenant, variable);
	}

	/**
	 * Whether any of the problems concerns the connection properties (credentials, tenants).
	 * @param problems the problems found
	 * @return whether the connection is the problem
	 */
	static boolean concernsConnection(List<String> problems) {
		return problems.stream()
			.anyMatch((problem) -> problem.startsWith("servicetitan.client-id")
					|| problem.startsWith("servicetitan.client-secret") || problem.startsWith("servicetitan.app-key")
					|| problem.startsWith("servicetitan.tenant-id") || problem.startsWith("servicetitan.tenants")
					|| problem.startsWith("servicetitan.default-tenant"));
	}

	/**
	 * What to add for {@code servicetitan.rate-limit.store}: the dependencies and the connection each store needs.
	 * @param store redis or jdbc
	 * @return the action
	 */
	static String rateLimitStoreAction(String store) {
		String dependencies = store.equals("redis") ? dependencies("org.springframework.boot",
				"spring-boot-starter-data-redis", "com.bucket4j", "bucket4j_jdk17-lettuce")
				: dependencies("org.springframework.boot", "spring-boot-starter-jdbc", "com.bucket4j",
						"bucket4j_jdk17-postgresql");
		String connection = store.equals("redis") ? "point spring.data.redis.* at your Redis"
				: "point spring.datasource.* at your PostgreSQL";
		return "Add what the " + store + " store needs:\n\n" + dependencies + "\nand " + connection
				+ " (Bucket4j's version is managed by the io.github.servicetitan4j:servicetitan-spring-boot-dependencies "
				+ "BOM, not by Spring Boot); or set servicetitan.rate-limit.store to local, where each instance "
				+ "limits its own calls.";
	}

	/**
	 * What to add for {@code servicetitan.export.checkpoints: jdbc}.
	 * @return the action
	 */
	static String checkpointStoreAction() {
		return "Add what the jdbc checkpoint store needs:\n\n"
				+ dependencies("org.springframework.boot", "spring-boot-starter-jdbc")
				+ "\nand point spring.datasource.* at your database; or set servicetitan.export.checkpoints to memory "
				+ "(checkpoints then live as long as the application).";
	}

	/**
	 * What to add for {@code servicetitan.export.lease.store}.
	 * @param store redis or jdbc
	 * @return the action
	 */
	static String leaseStoreAction(String store) {
		String dependencies = store.equals("redis") ? dependencies("org.springframework.boot",
				"spring-boot-starter-data-redis", "org.springframework.integration", "spring-integration-redis")
				: dependencies("org.springframework.boot", "spring-boot-starter-jdbc",
						"org.springframework.integration", "spring-integration-jdbc");
		String connection = store.equals("redis") ? "point spring.data.redis.* at your Redis"
				: "point spring.datasource.* at your database";
		return "Add what the " + store + " lease store needs:\n\n" + dependencies + "\nand " + connection
				+ "; or set servicetitan.export.lease.store to none (each instance then exports alone).";
	}

	/** Maven dependencies, given as group id, artifact id, group id, artifact id... */
	private static String dependencies(String... coordinates) {
		StringBuilder xml = new StringBuilder();
		for (int i = 0; i + 1 < coordinates.length; i += 2) {
			xml.append("    <dependency>\n        <groupId>")
				.append(coordinates[i])
				.append("</groupId>\n        <artifactId>")
				.append(coordinates[i + 1])
				.append("</artifactId>\n    </dependency>\n");
		}
		return xml.toString();
	}

}
