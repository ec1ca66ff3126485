package io.github.servicetitan4j.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.github.servicetitan4j.ServiceTitanClient;
import org.jspecify.annotations.Nullable;

/**
 * Checks {@link ServiceTitanProperties} as a whole, so that a misconfigured application fails at startup with one
 * message naming every offending property. Values of secrets are never quoted.
 */
final class ServiceTitanPropertiesValidator {

	private ServiceTitanPropertiesValidator() {
	}

	/**
	 * Validates the properties of an application with one tenant, set by the top-level connection properties or a
	 * {@link ServiceTitanConnectionDetails} bean.
	 * @param properties the properties
	 * @param credentials whether the connection properties (credentials, tenant) are in use and must be
	 * complete; false when a {@link ServiceTitanConnectionDetails} bean supplies them
	 */
	static void validate(ServiceTitanProperties properties, boolean credentials) {
		List<String> problems = new ArrayList<>();
		if (credentials) {
			credential(problems, "servicetitan.app-key", properties.getAppKey());
			connection(problems, "servicetitan.", properties.getTenantId(), properties.getClientId(),
					properties.getClientSecret());
		}
		if (!properties.getTenants().isEmpty()) {
			problems.add("servicetitan.tenants cannot be combined with servicetitan.tenant-id, client-id and "
					+ "client-secret (or a ServiceTitanConnectionDetails bean): move that tenant under "
					+ "servicetitan.tenants.<name>");
		}
		else if (properties.getDefaultTenant() != null) {
			problems.add("servicetitan.default-tenant names '" + properties.getDefaultTenant()
					+ "', but servicetitan.tenants is empty");
		}
		validateSettings(properties, problems);
		throwIfAny(problems);
	}

	/**
	 * Validates the properties of an application serving the tenants of {@code servicetitan.tenants} and those a
	 * {@link ServiceTitanTenantSource} supplies: each tenant is checked as the single tenant would be, and named in
	 * each of its problems.
	 * @param properties the properties
	 */
	static void validateTenants(ServiceTitanProperties properties) {
		List<String> problems = new ArrayList<>();
		credential(problems, "servicetitan.app-key", properties.getAppKey());
		properties.getTenants().forEach((name, tenant) -> {
			String prefix = "servicetitan.tenants." + name + ".";
			connection(problems, prefix, tenant.getTenantId(), tenant.getClientId(), tenant.getClientSecret());
		});
		String defaultTenant = properties.getDefaultTenant();
		if (defaultTenant != null && !properties.getTenants().containsKey(defaultTenant)) {
			problems.add("servicetitan.default-tenant names '" + defaultTenant
					+ "', which is not a tenant of servicetitan.tenants " + properties.getTenants().keySet());
		}
		validateSettings(properties, problems);
		throwIfAny(problems);
	}

	/** The checks of one tenant's connection, wherever it is configured; prefix ends with a dot. */
	private static void connection(List<String> problems, String prefix, @Nullable String tenantId,
			@Nullable String clientId, @Nullable String clientSecret) {
		credential(problems, prefix + "client-id", clientId);
		credential(problems, prefix + "client-secret", clientSecret);
		tenantId(problems, prefix + "tenant-id", tenantId);
	}

	private static void throwIfAny(List<String> problems) {
		if (!problems.isEmpty()) {
			throw new InvalidServiceTitanPropertiesException(problems);
		}
	}

	/**
	 * Checks one credential property (see {@link CredentialValue}), adding its problem if any.
	 * @return the value to use, or null when there is a problem
	 */
	static @Nullable String credential(List<String> problems, String property, @Nullable String raw) {
		CredentialValue credential = CredentialValue.of(property, raw);
		if (credential.problem() != null) {
			problems.add(credential.problem());
		}
		return credential.value();
	}

	/** Checks a tenant id property: a credential that must also be a number. */
	static @Nullable String tenantId(List<String> problems, String property, @Nullable String raw) {
		String tenantId = credential(problems, property, raw);
		if (tenantId != null && !ServiceTitanClient.isValidTenantId(tenantId)) {
			problems.add(property + " must be a number, not '" + tenantId + "'");
			return null;
		}
		return tenantId;
	}

	private static void validateSettings(ServiceTitanProperties properties, List<String> problems) {
		if (properties.getPageSize() < 1 || properties.getPageSize() > ServiceTitanClient.MAX_PAGE_SIZE) {
			problems.add("servicetitan.page-size must be between 1 and " + ServiceTitanClient.MAX_PAGE_SIZE + ", not "
					+ properties.getPageSize());
		}
		positive(problems, "servicetitan.connect-timeout", properties.getConnectTimeout());
		positive(problems, "servicetitan.read-timeout", properties.getReadTimeout());
		ServiceTitanProperties.Retry retry = properties.getRetry();
		if (retry.getMaxAttempts() < 1) {
			problems.add("servicetitan.retry.max-attempts must be at least 1, not " + retry.getMaxAttempts());
		}
		if (retry.getInitialBackoff().isNegative() || retry.getMaxBackoff().compareTo(retry.getInitialBackoff()) < 0) {
			problems.add("servicetitan.retry.initial-backoff (" + retry.getInitialBackoff()
					+ ") must not be negative nor above servicetitan.retry.max-backoff (" + retry.getMaxBackoff() + ")");
		}
		if (retry.getMaxRetryAfter().isNegative()) {
			problems.add("servicetitan.retry.max-retry-after must not be negative");
		}
		ServiceTitanProperties.RateLimit rateLimit = properties.getRateLimit();
		if (rateLimit.getRequestsPerSecond() < 0) {
			problems.add("servicetitan.rate-limit.requests-per-second must be 0 (off) or more, not "
					+ rateLimit.getRequestsPerSecond());
		}
		if (rateLimit.getBurst() < 1) {
			problems.add("servicetitan.rate-limit.burst must be at least 1, not " + rateLimit.getBurst());
		}
		if (rateLimit.getMaxWait().isNegative()) {
			problems.add("servicetitan.rate-limit.max-wait must not be negative");
		}
		if (rateLimit.getStore() != ServiceTitanProperties.RateLimit.Store.LOCAL) {
			if (rateLimit.getRequestsPerSecond() == 0) {
				problems.add("servicetitan.rate-limit.store is '" + rateLimit.getStore().name().toLowerCase(Locale.ROOT)
						+ "' but servicetitan.rate-limit.requests-per-second is 0 (no limit to share)");
			}
			positive(problems, "servicetitan.rate-limit.store-timeout", rateLimit.getStoreTimeout());
			positive(problems, "servicetitan.rate-limit.store-startup-timeout", rateLimit.getStoreStartupTimeout());
			if (!(rateLimit.getFailOpenShare() > 0 && rateLimit.getFailOpenShare() <= 1)) {
				problems.add("servicetitan.rate-limit.fail-open-share must be more than 0 and at most 1, not "
						+ rateLimit.getFailOpenShare());
			}
		}
		ServiceTitanProperties.Reporting reporting = properties.getReporting();
		if (reporting.getRequestsPerMinute() < 0) {
			problems.add("servicetitan.reporting.requests-per-minute must be 0 (off) or more, not "
					+ reporting.getRequestsPerMinute());
		}
		if (reporting.getMaxWait().isNegative()) {
			problems.add("servicetitan.reporting.max-wait must not be negative");
		}
		if (reporting.getPageSize() < 1 || reporting.getPageSize() > ServiceTitanClient.MAX_PAGE_SIZE) {
			problems.add("servicetitan.reporting.page-size must be between 1 and " + ServiceTitanClient.MAX_PAGE_SIZE
					+ ", not " + reporting.getPageSize());
		}
		positive(problems, "servicetitan.reporting.poll-interval", reporting.getPollInterval());
		positive(problems, "servicetitan.reporting.max-query-duration", reporting.getMaxQueryDuration());
		if (reporting.getMaxPollInterval().compareTo(reporting.getPollInterval()) < 0) {
			problems.add("servicetitan.reporting.max-poll-interval (" + reporting.getMaxPollInterval()
					+ ") must not be less than servicetitan.reporting.poll-interval (" + reporting.getPollInterval() + ")");
		}
		if (reporting.getMaxConcurrentQueries() < 1) {
			problems.add("servicetitan.reporting.max-concurrent-queries must be at least 1, not "
					+ reporting.getMaxConcurrentQueries());
		}
		if (properties.getRuntimeTenants().getMaxClients() < 1) {
			problems.add("servicetitan.runtime-tenants.max-clients must be at least 1, not "
					+ properties.getRuntimeTenants().getMaxClients());
		}
		int concurrency = properties.getPaging().getConcurrency();
		if (concurrency < 1 || concurrency > ServiceTitanClient.MAX_PAGING_CONCURRENCY) {
			problems.add("servicetitan.paging.concurrency must be between 1 and "
					+ ServiceTitanClient.MAX_PAGING_CONCURRENCY + ", not " + concurrency);
		}
	}

	private static void positive(List<String> problems, String name, Duration value) {
		if (value.isNegative() || value.isZero()) {
			problems.add(name + " must be positive, not " + value);
		}
	}

}
