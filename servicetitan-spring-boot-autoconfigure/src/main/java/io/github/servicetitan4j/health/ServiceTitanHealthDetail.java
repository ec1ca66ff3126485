package io.github.servicetitan4j.health;

/**
 * The details {@link ServiceTitanHealthIndicator} reports; never a secret, a token or the app key. The README's
 * "Monitoring" section is rendered from this list.
 */
public enum ServiceTitanHealthDetail {

	/** Environment. */
	ENVIRONMENT("environment", "`production`, `integration`, or `custom` when `api-url` names another root"),

	/** Tenant id. */
	TENANT_ID("tenantId", "tenant id"),

	/** API root. */
	API_URL("apiUrl", "API root the client calls"),

	/** Token expiry. */
	TOKEN_EXPIRES_AT("tokenExpiresAt", "expiry time of the cached token (UP only)"),

	/** Why the check failed. */
	REASON("reason",
			"why no token could be had (DOWN only): the OAuth error code (`invalid_client`, ...), `auth_server_unreachable`, `timeout`, `auth_server_error`, `http_<status>`"),

	/** The failure, without secrets. */
	ERROR("error", "the failure's message, naming the client id and never the secret (DOWN only)"),

	/** The shared rate-limit store. */
	RATE_LIMIT_STORE("rateLimitStore",
			"with a shared `rate-limit.store`: `store`, `available`, `onStoreFailure`, `failOpenShare` (with `fail-open`) "
					+ "and, while the store does not answer, `error` (an exception class) and `limiting` (what happens "
					+ "meanwhile: the share and rate each instance keeps to); does not change the status");

	private final String key;

	private final String description;

	ServiceTitanHealthDetail(String key, String description) {
		this.key = key;
		this.description = description;
	}

	/**
	 * Key in the health details.
	 * @return key, such as {@code error}
	 */
	public String key() {
		return this.key;
	}

	/**
	 * What the value says, for the README.
	 * @return description
	 */
	public String description() {
		return this.description;
	}

}
