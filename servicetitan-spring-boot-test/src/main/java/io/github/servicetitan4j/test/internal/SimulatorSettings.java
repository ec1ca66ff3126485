package io.github.servicetitan4j.test.internal;

import java.time.Clock;
import java.time.Duration;

/**
 * Everything a simulator is started with. Defaults are the documented test credentials and data sizes; the engine
 * copies what it needs when it starts, so later changes to a settings object have no effect on it.
 */
public final class SimulatorSettings {

	/** Tenant id of the simulated tenant unless another is set. */
	public static final String DEFAULT_TENANT_ID = "1234567";

	/** Client id the token endpoint accepts unless another is set. */
	public static final String DEFAULT_CLIENT_ID = "cid.servicetitan4j-simulator";

	/** Client secret the token endpoint accepts unless another is set. */
	public static final String DEFAULT_CLIENT_SECRET = "cs1.servicetitan4j-simulator-secret";

	/** Application key the API accepts unless another is set. */
	public static final String DEFAULT_APP_KEY = "ak1.servicetitan4j-simulator";

	/** Seed of the generated data unless another is set. */
	public static final long DEFAULT_SEED = 20240101L;

	public long seed = DEFAULT_SEED;

	public int customers = 250;

	public int locations = 250;

	public int jobs = 1000;

	public int appointments = 1500;

	public int invoices = 800;

	public int attachments = 5;

	public Duration tokenLifetime = Duration.ofSeconds(900);

	/** API requests allowed per second, 0 for no limit. */
	public int rateLimit = 60;

	public int exportBatchSize = 500;

	public Clock clock = Clock.systemUTC();

	public String tenantId = DEFAULT_TENANT_ID;

	public String clientId = DEFAULT_CLIENT_ID;

	public String clientSecret = DEFAULT_CLIENT_SECRET;

	public String appKey = DEFAULT_APP_KEY;

	/**
	 * Settings from {@code servicetitan.simulator.*} system properties ({@code seed}, {@code customers}, {@code jobs},
	 * {@code rate-limit}, {@code export-batch-size}, {@code token-lifetime-seconds}, ...) over the defaults: how the
	 * WireMock container, which creates the extension itself, is configured ({@code JAVA_OPTS}).
	 */
	public static SimulatorSettings fromSystemProperties() {
		SimulatorSettings settings = new SimulatorSettings();
		settings.seed = Long.getLong("servicetitan.simulator.seed", settings.seed);
		settings.customers = Integer.getInteger("servicetitan.simulator.customers", settings.customers);
		settings.locations = Integer.getInteger("servicetitan.simulator.locations", settings.locations);
		settings.jobs = Integer.getInteger("servicetitan.simulator.jobs", settings.jobs);
		settings.appointments = Integer.getInteger("servicetitan.simulator.appointments", settings.appointments);
		settings.invoices = Integer.getInteger("servicetitan.simulator.invoices", settings.invoices);
		settings.attachments = Integer.getInteger("servicetitan.simulator.attachments", settings.attachments);
		settings.rateLimit = Integer.getInteger("servicetitan.simulator.rate-limit", settings.rateLimit);
		settings.exportBatchSize = Integer.getInteger("servicetitan.simulator.export-batch-size",
				settings.exportBatchSize);
		settings.tokenLifetime = Duration.ofSeconds(Long.getLong("servicetitan.simulator.token-lifetime-seconds",
				settings.tokenLifetime.getSeconds()));
		settings.tenantId = System.getProperty("servicetitan.simulator.tenant-id", settings.tenantId);
		settings.clientId = System.getProperty("servicetitan.simulator.client-id", settings.clientId);
		settings.clientSecret = System.getProperty("servicetitan.simulator.client-secret", settings.clientSecret);
		settings.appKey = System.getProperty("servicetitan.simulator.app-key", settings.appKey);
		return settings;
	}

	/** Fails on values the engine cannot work with. */
	public void validate() {
		if (this.customers < 0 || this.locations < 0 || this.jobs < 0 || this.appointments < 0 || this.invoices < 0
				|| this.attachments < 0) {
			throw new IllegalArgumentException("Record counts must not be negative");
		}
		if (this.rateLimit < 0) {
			throw new IllegalArgumentException("rateLimit must not be negative (0 turns it off)");
		}
		if (this.exportBatchSize < 1 || this.exportBatchSize > PagedQuery.MAX_PAGE_SIZE) {
			throw new IllegalArgumentException("exportBatchSize must be between 1 and 5000");
		}
		if (this.tokenLifetime.isNegative() || this.tokenLifetime.isZero()) {
			throw new IllegalArgumentException("tokenLifetime must be positive");
		}
	}

}
