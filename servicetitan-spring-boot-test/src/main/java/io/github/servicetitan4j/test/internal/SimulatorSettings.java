package io.github.servicetitan4j.test.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

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

	/** Tenants beside the default one, each with its own credentials, data and rate budget. */
	public List<TenantSettings> tenants = new ArrayList<>();

	/** Application keys accepted beside {@link #appKey}: each application has its own rate budget per tenant. */
	public List<String> appKeys = new ArrayList<>();

	/** {@code Retry-After} of a 429 in seconds; 0 for the time left in the current second, rounded up. */
	public long retryAfterSeconds;

	/** Whether a 429 carries the {@code Retry-After} header. */
	public boolean retryAfterHeader = true;

	/** Whether a 429's title ends with the hint "Try again in N seconds.". */
	public boolean retryAfterHint = true;

	/** Report results of at most this many rows answer a query at once (200); larger ones answer 202 and a token. */
	public int reportInlineRows = 1000;

	/** How long, on the simulator's clock, a query answered with a token takes to finish. */
	public Duration reportQueryTime = Duration.ofSeconds(20);

	/** Queries a tenant may run at once; one more answers 429 until a token is released. */
	public int reportQuerySlots = 2;

	/** Resources declared by the user, served in every tenant. */
	public List<ResourceDefinition> resources = new ArrayList<>();

	private static final Pattern TENANT_NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

	/**
	 * A named tenant with derived settings: tenant id {@code 1234567 + n}, client id
	 * {@code cid.servicetitan4j-simulator.<name>} and client secret {@code cs1.servicetitan4j-simulator-secret.<name>},
	 * where n counts the named tenants from 1.
	 */
	public static TenantSettings namedTenant(String name, int n) {
		return new TenantSettings(name, String.valueOf(Long.parseLong(DEFAULT_TENANT_ID) + n),
				DEFAULT_CLIENT_ID + "." + name, DEFAULT_CLIENT_SECRET + "." + name);
	}

	/** The default tenant followed by the named ones. */
	public List<TenantSettings> allTenants() {
		List<TenantSettings> all = new ArrayList<>();
		TenantSettings first = new TenantSettings(TenantSettings.DEFAULT_NAME, this.tenantId, this.clientId,
				this.clientSecret);
		all.add(first);
		for (TenantSettings tenant : this.tenants) {
			all.add(tenant.copy());
		}
		return all;
	}

	/** Every accepted application key, the default one first. */
	public List<String> allAppKeys() {
		List<String> all = new ArrayList<>();
		all.add(this.appKey);
		for (String key : this.appKeys) {
			if (!all.contains(key)) {
				all.add(key);
			}
		}
		return all;
	}

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
		for (String key : list(System.getProperty("servicetitan.simulator.app-keys", ""))) {
			settings.appKeys.add(key);
		}
		List<String> names = list(System.getProperty("servicetitan.simulator.tenants", ""));
		for (int i = 0; i < names.size(); i++) {
			settings.tenants.add(namedTenant(names.get(i), i + 1));
		}
		settings.retryAfterSeconds = Long.getLong("servicetitan.simulator.retry-after-seconds", 0L);
		settings.reportInlineRows = Integer.getInteger("servicetitan.simulator.report-inline-rows", settings.reportInlineRows);
		settings.reportQueryTime = Duration.ofSeconds(Long.getLong("servicetitan.simulator.report-query-seconds",
				settings.reportQueryTime.toSeconds()));
		settings.reportQuerySlots = Integer.getInteger("servicetitan.simulator.report-query-slots",
				settings.reportQuerySlots);
		settings.retryAfterHeader = Boolean
			.parseBoolean(System.getProperty("servicetitan.simulator.retry-after-header", "true"));
		settings.retryAfterHint = Boolean
			.parseBoolean(System.getProperty("servicetitan.simulator.retry-after-hint", "true"));
		// folder/name=location;... with a location on the class path or in the file system
		for (String resource : list(System.getProperty("servicetitan.simulator.resources", "").replace(';', ','))) {
			settings.resources.add(ResourceFiles.declaration(resource));
		}
		return settings;
	}

	private static List<String> list(String text) {
		List<String> items = new ArrayList<>();
		for (String item : text.split(",")) {
			if (!item.trim().isEmpty()) {
				items.add(item.trim());
			}
		}
		return items;
	}

	/** A deep copy: the engine keeps its own, so later changes to this object have no effect on it. */
	public SimulatorSettings copy() {
		SimulatorSettings copy = new SimulatorSettings();
		copy.seed = this.seed;
		copy.customers = this.customers;
		copy.locations = this.locations;
		copy.jobs = this.jobs;
		copy.appointments = this.appointments;
		copy.invoices = this.invoices;
		copy.attachments = this.attachments;
		copy.tokenLifetime = this.tokenLifetime;
		copy.rateLimit = this.rateLimit;
		copy.exportBatchSize = this.exportBatchSize;
		copy.clock = this.clock;
		copy.tenantId = this.tenantId;
		copy.clientId = this.clientId;
		copy.clientSecret = this.clientSecret;
		copy.appKey = this.appKey;
		for (TenantSettings tenant : this.tenants) {
			copy.tenants.add(tenant.copy());
		}
		copy.appKeys.addAll(this.appKeys);
		copy.retryAfterSeconds = this.retryAfterSeconds;
		copy.retryAfterHeader = this.retryAfterHeader;
		copy.retryAfterHint = this.retryAfterHint;
		copy.reportInlineRows = this.reportInlineRows;
		copy.reportQueryTime = this.reportQueryTime;
		copy.reportQuerySlots = this.reportQuerySlots;
		for (ResourceDefinition resource : this.resources) {
			copy.resources.add(resource.copy());
		}
		return copy;
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
		if (this.retryAfterSeconds < 0) {
			throw new IllegalArgumentException("retryAfter must not be negative");
		}
		Set<String> names = new LinkedHashSet<>();
		Set<String> tenantIds = new HashSet<>();
		Set<String> clientIds = new HashSet<>();
		for (TenantSettings tenant : allTenants()) {
			if (!TENANT_NAME.matcher(tenant.name).matches()) {
				throw new IllegalArgumentException("Tenant name '" + tenant.name
						+ "' must be lower-case letters, digits and dashes (it becomes servicetitan.tenants.<name>)");
			}
			if (!names.add(tenant.name)) {
				throw new IllegalArgumentException("Tenant '" + tenant.name + "' is declared twice");
			}
			if (!tenantIds.add(tenant.tenantId)) {
				throw new IllegalArgumentException("Tenant id " + tenant.tenantId + " of tenant '" + tenant.name
						+ "' is used by another tenant");
			}
			if (!clientIds.add(tenant.clientId)) {
				throw new IllegalArgumentException("The client id of tenant '" + tenant.name
						+ "' is used by another tenant");
			}
		}
		for (int i = 0; i < this.resources.size(); i++) {
			ResourceDefinition resource = this.resources.get(i);
			for (String tenant : resource.tenants) {
				if (!names.contains(tenant)) {
					throw new IllegalArgumentException("Resource " + resource.key() + " names tenant '" + tenant
							+ "', which is not declared; declared tenants: " + names);
				}
			}
			for (int j = 0; j < i; j++) {
				if (this.resources.get(j).overlaps(resource)) {
					throw new IllegalArgumentException("Resource " + resource.key() + " is declared twice for a tenant");
				}
			}
		}
	}

}
