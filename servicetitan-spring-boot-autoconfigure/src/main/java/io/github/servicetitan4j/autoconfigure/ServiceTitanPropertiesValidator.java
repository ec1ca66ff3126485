package io.github.servicetitan4j.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.github.servicetitan4j.ServiceTitanClient;
import io.github.servicetitan4j.ServiceTitanEnvironment;
import org.jspecify.annotations.Nullable;

/**
 * Checks {@link ServiceTitanProperties} as a whole, so that a misconfigured application fails at startup with one
 * message naming every offending property. Values of secrets are never quoted.
 */
final class ServiceTitanPropertiesValidator {

	private ServiceTitanPropertiesValidator() {
	}

	/**
	 * Validates the properties.
	 * @param properties the properties
	 * @param credentials whether the connection properties (credentials, tenant, environment) are in use and must be
	 * complete; false when a {@link ServiceTitanConnectionDetails} bean supplies them
	 */
	static void validate(ServiceTitanProperties properties, boolean credentials) {
		List<String> problems = new ArrayList<>();
		if (credentials) {
			validateConnection(properties, problems);
		}
		validateSettings(properties, problems);
		if (!problems.isEmpty()) {
			throw new InvalidServiceTitanPropertiesException(problems);
		}
	}

	private static void validateConnection(ServiceTitanProperties properties, List<String> problems) {
		required(problems, "servicetitan.client-id", properties.getClientId());
		required(problems, "servicetitan.client-secret", properties.getClientSecret());
		required(problems, "servicetitan.app-key", properties.getAppKey());
		String tenantId = properties.getTenantId();
		if (required(problems, "servicetitan.tenant-id", tenantId) && !tenantId.trim().matches("\\d{1,19}")) {
			problems.add("servicetitan.tenant-id must be a number, not '" + tenantId + "'");
		}
		if (environmentOrNull(properties.getEnvironment()) == null) {
			problems.add("servicetitan.environment must be 'production' or 'integration', not '"
					+ properties.getEnvironment() + "'");
		}
	}

	private static void validateSettings(ServiceTitanProperties properties, List<String> problems) {
		if (properties.getPageSize() < 1 || properties.getPageSize() > 5000) {
			problems.add("servicetitan.page-size must be between 1 and 5000, not " + properties.getPageSize());
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
		}
		int concurrency = properties.getPaging().getConcurrency();
		if (concurrency < 1 || concurrency > ServiceTitanClient.MAX_PAGING_CONCURRENCY) {
			problems.add("servicetitan.paging.concurrency must be between 1 and "
					+ ServiceTitanClient.MAX_PAGING_CONCURRENCY + ", not " + concurrency);
		}
	}

	private static boolean required(List<String> problems, String name, @Nullable String value) {
		if (value == null || value.isBlank()) {
			problems.add(name + " is required");
			return false;
		}
		return true;
	}

	private static void positive(List<String> problems, String name, Duration value) {
		if (value.isNegative() || value.isZero()) {
			problems.add(name + " must be positive, not " + value);
		}
	}

	static ServiceTitanEnvironment environment(String name) {
		ServiceTitanEnvironment environment = environmentOrNull(name);
		if (environment == null) {
			throw new IllegalArgumentException("Unknown ServiceTitan environment '" + name + "'");
		}
		return environment;
	}

	private static @Nullable ServiceTitanEnvironment environmentOrNull(@Nullable String name) {
		if (name == null) {
			return null;
		}
		return switch (name.trim().toLowerCase(Locale.ROOT)) {
			case "production" -> ServiceTitanEnvironment.PRODUCTION;
			case "integration" -> ServiceTitanEnvironment.INTEGRATION;
			default -> null;
		};
	}

}
