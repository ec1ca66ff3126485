package io.github.servicetitan4j.autoconfigure;

/**
 * What to tell a user whose ServiceTitan configuration is missing or incomplete.
 */
final class ServiceTitanSetupHelp {

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

	private ServiceTitanSetupHelp() {
	}

}
