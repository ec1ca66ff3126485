package io.github.servicetitan4j.test;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

import io.github.servicetitan4j.ServiceTitanClient;
import io.github.servicetitan4j.retry.RetrySettings;
import io.github.servicetitan4j.test.internal.ResourceFiles;
import io.github.servicetitan4j.test.internal.SimulatorEngine;
import io.github.servicetitan4j.test.internal.SimulatorSettings;
import io.github.servicetitan4j.test.internal.SimulatorTransformer;
import io.github.servicetitan4j.test.internal.TenantSettings;

/**
 * A fake ServiceTitan on a free loopback port, for testing code that calls the ServiceTitan REST API without the real
 * one: the token endpoint, paged lists, export feeds, create/update/delete of customers and jobs, attachments, the
 * rate limit, and faults on demand, over one tenant seeded with deterministic data, or several
 * ({@link Builder#tenant(String)}), each with its own credentials, data and rate budget. Resources it does not know
 * by itself can be declared with their records ({@link Builder#resource(SimulatedResource)}).
 * <p>
 * Start one with {@link #start()} or {@link #builder()}, point the client at {@link #properties()}, and close it when
 * done. Tests usually let {@link ServiceTitanSimulatorExtension} or {@link AutoConfigureServiceTitanSimulator} do
 * that. Credentials are fixed and public ({@link #DEFAULT_CLIENT_ID} and friends): the simulator guards nothing.
 * <p>
 * It runs on WireMock: {@link #wireMock()} gives the server for WireMock's own verification, and stubs added there
 * take precedence over the simulator.
 */
public final class ServiceTitanSimulator implements AutoCloseable {

	/** Tenant id of the simulated tenant unless the builder sets another. */
	public static final String DEFAULT_TENANT_ID = SimulatorSettings.DEFAULT_TENANT_ID;

	/** Client id the token endpoint accepts unless the builder sets another. */
	public static final String DEFAULT_CLIENT_ID = SimulatorSettings.DEFAULT_CLIENT_ID;

	/** Client secret the token endpoint accepts unless the builder sets another. */
	public static final String DEFAULT_CLIENT_SECRET = SimulatorSettings.DEFAULT_CLIENT_SECRET;

	/** Application key ({@code ST-App-Key}) the API accepts unless the builder sets another. */
	public static final String DEFAULT_APP_KEY = SimulatorSettings.DEFAULT_APP_KEY;

	/** Seed of the generated data unless the builder sets another. */
	public static final long DEFAULT_SEED = SimulatorSettings.DEFAULT_SEED;

	private final WireMockServer server;

	private final SimulatorEngine engine;

	private final SimulatorSettings settings;

	private final SimulatorFaults faults;

	private final RequestJournal journal;

	private final SimulatedTenant tenant;

	private final List<Runnable> resetActions = new CopyOnWriteArrayList<>();

	/** Name of the tenant the single-tenant settings describe, beside any named ones. */
	public static final String DEFAULT_TENANT = TenantSettings.DEFAULT_NAME;

	private ServiceTitanSimulator(SimulatorSettings settings, int port, String bindAddress) {
		this.engine = new SimulatorEngine(settings);
		this.settings = this.engine.settings();
		WireMockConfiguration options = WireMockConfiguration.options()
			.bindAddress(bindAddress)
			.port(port)
			.gzipDisabled(true)
			.extensions(new SimulatorTransformer(this.engine));
		this.server = new WireMockServer(options);
		this.server.start();
		this.server.addStubMapping(StubMapping.buildFrom(SimulatorContainerSupport.mappingJson()));
		this.faults = new SimulatorFaults(this.engine.faults());
		this.journal = new RequestJournal(this.server);
		this.tenant = new SimulatedTenant(this.engine, DEFAULT_TENANT);
	}

	/** Starts a simulator from settings as the standalone program reads them. */
	static ServiceTitanSimulator start(SimulatorSettings settings, int port, String bindAddress) {
		return new ServiceTitanSimulator(settings, port, bindAddress);
	}

	/**
	 * Starts a simulator with the default settings.
	 * @return running simulator; close it when done
	 */
	public static ServiceTitanSimulator start() {
		return builder().start();
	}

	/**
	 * A builder for a simulator with other data, limits, credentials or clock.
	 * @return new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * API root to configure the client with, such as {@code http://127.0.0.1:53127}.
	 * @return API root
	 */
	public URI apiUrl() {
		return baseUrl();
	}

	/**
	 * Auth root; the token endpoint is {@code {authUrl}/connect/token}. The same server as {@link #apiUrl()}.
	 * @return auth root
	 */
	public URI authUrl() {
		return baseUrl();
	}

	private URI baseUrl() {
		// Not "localhost", which may resolve to ::1 where nothing listens.
		return URI.create("http://127.0.0.1:" + this.server.port());
	}

	/**
	 * The port the simulator listens on, on 127.0.0.1.
	 * @return port
	 */
	public int port() {
		return this.server.port();
	}

	/**
	 * Tenant id of the default tenant, to configure the client with.
	 * @return tenant id
	 */
	public String tenantId() {
		return this.settings.tenantId;
	}

	/**
	 * Client id the token endpoint accepts for the default tenant.
	 * @return client id
	 */
	public String clientId() {
		return this.settings.clientId;
	}

	/**
	 * Client secret the token endpoint accepts for the default tenant; a test value, not a real secret.
	 * @return client secret
	 */
	public String clientSecret() {
		return this.settings.clientSecret;
	}

	/**
	 * Application key the API accepts first.
	 * @return application key
	 */
	public String appKey() {
		return this.settings.appKey;
	}

	/**
	 * Tenant id of a tenant by name ({@link #DEFAULT_TENANT} or one the builder named).
	 * @param tenant tenant name
	 * @return tenant id
	 * @throws IllegalArgumentException for an unknown tenant name
	 */
	public String tenantId(String tenant) {
		return this.engine.tenantSettings(tenant).tenantId;
	}

	/**
	 * Client id of a tenant by name.
	 * @param tenant tenant name
	 * @return client id
	 * @throws IllegalArgumentException for an unknown tenant name
	 */
	public String clientId(String tenant) {
		return this.engine.tenantSettings(tenant).clientId;
	}

	/**
	 * Client secret of a tenant by name.
	 * @param tenant tenant name
	 * @return client secret
	 * @throws IllegalArgumentException for an unknown tenant name
	 */
	public String clientSecret(String tenant) {
		return this.engine.tenantSettings(tenant).clientSecret;
	}

	/**
	 * Names of the tenants the simulator serves: {@link #DEFAULT_TENANT} first, then the ones the builder named.
	 * @return tenant names
	 */
	public List<String> tenantNames() {
		return this.engine.tenantNames();
	}

	/**
	 * Every application key the API accepts, {@link #appKey()} first; each has its own rate budget per tenant.
	 * @return application keys
	 */
	public List<String> appKeys() {
		return this.settings.allAppKeys();
	}

	/**
	 * The starter's {@code servicetitan.*} properties that point a client at this simulator. Without named tenants:
	 * {@code api-url}, {@code auth-url}, {@code client-id}, {@code client-secret}, {@code app-key} and
	 * {@code tenant-id}. With named tenants: {@code api-url}, {@code auth-url}, {@code app-key} and, for each named
	 * tenant, {@code tenants.<name>.tenant-id}, {@code tenants.<name>.client-id} and
	 * {@code tenants.<name>.client-secret} (the default tenant is still served, but not configured).
	 * @return properties by full name, such as {@code servicetitan.api-url}
	 */
	public Map<String, String> properties() {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("servicetitan.api-url", apiUrl().toString());
		properties.put("servicetitan.auth-url", authUrl().toString());
		List<String> names = tenantNames();
		if (names.size() == 1) {
			properties.put("servicetitan.client-id", clientId());
			properties.put("servicetitan.client-secret", clientSecret());
			properties.put("servicetitan.app-key", appKey());
			properties.put("servicetitan.tenant-id", tenantId());
			return properties;
		}
		properties.put("servicetitan.app-key", appKey());
		for (String name : names.subList(1, names.size())) {
			String prefix = "servicetitan.tenants." + name + ".";
			properties.put(prefix + "tenant-id", tenantId(name));
			properties.put(prefix + "client-id", clientId(name));
			properties.put(prefix + "client-secret", clientSecret(name));
		}
		return properties;
	}

	/**
	 * A builder of the project's own client, pointed at the default tenant of this simulator (roots, tenant id, app
	 * key, credentials) and retrying with a short backoff (10 ms to 100 ms) so that tests of failures run fast.
	 * Set anything else on it, then {@code build()} (and close the client).
	 * @throws NoClassDefFoundError when {@code servicetitan-spring-boot-autoconfigure} (the starter) is not on the class path
	 * @return client builder, not yet built
	 */
	public ServiceTitanClient.Builder clientBuilder() {
		return clientBuilder(DEFAULT_TENANT);
	}

	/**
	 * Like {@link #clientBuilder()}, for a tenant by name.
	 * @throws IllegalArgumentException for an unknown tenant name, listing the known ones
	 * @param tenant tenant name
	 * @return client builder, not yet built
	 */
	public ServiceTitanClient.Builder clientBuilder(String tenant) {
		return ServiceTitanClient.builder()
			.apiUrl(apiUrl())
			.authUrl(authUrl())
			.tenantId(tenantId(tenant))
			.clientId(clientId(tenant))
			.clientSecret(clientSecret(tenant))
			.appKey(appKey())
			.retry(new RetrySettings(true, 4, Duration.ofMillis(10), Duration.ofMillis(100), Duration.ofMinutes(2)));
	}

	/**
	 * Fault injection: error statuses, broken connections, truncated bodies and slow answers on chosen requests.
	 * @return faults of this simulator
	 */
	public SimulatorFaults faults() {
		return this.faults;
	}

	/**
	 * Every request the simulator received, oldest first, for assertions.
	 * @return request journal
	 */
	public RequestJournal requests() {
		return this.journal;
	}

	/**
	 * The default tenant's current data, for assertions.
	 * @return default tenant
	 */
	public SimulatedTenant tenant() {
		return this.tenant;
	}

	/**
	 * A tenant's current data, by name.
	 * @throws IllegalArgumentException for an unknown name, listing the known ones
	 * @param name tenant name
	 * @return tenant
	 */
	public SimulatedTenant tenant(String name) {
		this.engine.tenantSettings(name);
		return new SimulatedTenant(this.engine, name);
	}

	/**
	 * How many times the token endpoint was called since the start or the last {@link #reset()}.
	 * @return number of token requests, all tenants together
	 */
	public int tokenRequests() {
		return this.engine.tokens().requestCount();
	}

	/**
	 * How many tokens were given for a tenant's credentials since the start or the last {@link #reset()}.
	 * @param tenant tenant name
	 * @return number of tokens given
	 * @throws IllegalArgumentException for an unknown tenant name
	 */
	public int tokenRequests(String tenant) {
		this.engine.tenantSettings(tenant);
		return this.engine.tokens().requestCount(tenant);
	}

	/**
	 * Moves the simulator's clock (token expiry, the rate limit's second, {@code modifiedOn} of changes) forward by
	 * this amount, on top of the clock it was built with; {@link #reset()} takes the adjustment back. Then sends the
	 * webhook deliveries that became due ({@link #webhooks()}), waiting for the answers.
	 * @param amount how far to move, not negative
	 */
	public void advanceClock(Duration amount) {
		this.engine.clock().advance(amount);
		this.engine.webhooks().deliverDue();
	}

	/**
	 * Moves the simulator's clock forward without sending the webhook deliveries that became due: for a client's
	 * wait ({@link SimulatorSleeper}), which must not call the application back from inside its own call.
	 */
	void advanceClockOnly(Duration amount) {
		this.engine.clock().advance(amount);
	}

	/**
	 * The webhook deliveries this simulator sends to the application under test, once told where it listens.
	 * @return the webhooks
	 */
	public SimulatedWebhooks webhooks() {
		return new SimulatedWebhooks(this.engine.webhooks());
	}

	/** Ends the life of every token given so far: the next API call with one answers 401. */
	public void expireTokens() {
		this.engine.tokens().expireAll();
	}

	/**
	 * Puts the simulator back as it started: freshly seeded data (and declared records) in every tenant, an empty
	 * journal, no faults, unused rate limits, a zero token count and no clock adjustment. Tokens already given stay
	 * valid, so a client's cached token keeps working.
	 */
	public void reset() {
		this.engine.reset();
		this.journal.reset();
		this.resetActions.forEach(Runnable::run);
	}

	/**
	 * Runs an action after every {@link #reset()}, to put state that belongs with the simulator's data back too. Under
	 * {@link AutoConfigureServiceTitanSimulator} the starter's export checkpoint store is cleared this way: a token of
	 * the data before the reset means nothing to the data after it.
	 * @param action what to run
	 */
	public void onReset(Runnable action) {
		this.resetActions.add(action);
	}

	/** Clears the request journal only. */
	public void resetJournal() {
		this.journal.reset();
		this.engine.journal().clear();
	}

	/**
	 * The WireMock server underneath, for {@code verify}, {@code findAll} or stubs of one's own.
	 * @return WireMock server
	 */
	public WireMockServer wireMock() {
		return this.server;
	}

	/**
	 * Whether the server is still serving: true from {@code start()} until {@link #close()}.
	 * @return whether running
	 */
	public boolean isRunning() {
		return this.server.isRunning();
	}

	/** Stops the server; the simulator cannot be started again. */
	@Override
	public void close() {
		if (this.server.isRunning()) {
			this.server.stop();
		}
	}

	@Override
	public String toString() {
		return "ServiceTitanSimulator[" + baseUrl() + ", tenant " + tenantId() + "]";
	}

	/**
	 * Settings of a simulator to start. Defaults: seed {@value ServiceTitanSimulator#DEFAULT_SEED}, 250 customers, 250
	 * locations, 1000 jobs, 1500 appointments, 800 invoices, 5 attachments, tokens for 900 s, 60 API requests per second,
	 * export batches of 500, the system clock, the default credentials, a free port.
	 */
	public static final class Builder {

		private final SimulatorSettings settings = new SimulatorSettings();

		private int port;

		private String bindAddress = "127.0.0.1";

		private Builder() {
		}

		/**
		 * Serves one more tenant, named for tests and for the starter's {@code servicetitan.tenants.<name>}
		 * properties, with derived settings: tenant id {@code 1234567 + n} (n counting the named tenants from 1),
		 * client id {@code cid.servicetitan4j-simulator.<name>}, client secret
		 * {@code cs1.servicetitan4j-simulator-secret.<name>}. Its data is seeded from a seed of its own, so tenants
		 * hold different records.
		 * @param name lower-case letters, digits and dashes, such as {@code acme}
		 * @return this builder
		 */
		public Builder tenant(String name) {
			this.settings.tenants.add(SimulatorSettings.namedTenant(name, this.settings.tenants.size() + 1));
			return this;
		}

		/**
		 * Serves one more tenant with these settings (see {@link #tenant(String)}).
		 * @param name name to refer to the tenant by
		 * @param tenantId its tenant id, a number
		 * @param clientId client id its token endpoint accepts
		 * @param clientSecret client secret its token endpoint accepts
		 * @return this builder
		 */
		public Builder tenant(String name, String tenantId, String clientId, String clientSecret) {
			this.settings.tenants.add(new TenantSettings(name, tenantId, clientId, clientSecret));
			return this;
		}

		/**
		 * API requests per second and application allowed in one tenant ({@link #DEFAULT_TENANT} or a named one),
		 * instead of {@link #rateLimit(int)}; 0 turns its limit off.
		 * @param tenant tenant name
		 * @param requestsPerSecond requests per second, 0 for no limit
		 * @return this builder
		 */
		public Builder tenantRateLimit(String tenant, int requestsPerSecond) {
			if (requestsPerSecond < 0) {
				throw new IllegalArgumentException("requestsPerSecond must not be negative (0 turns the limit off)");
			}
			boolean found = false;
			for (TenantSettings named : this.settings.tenants) {
				if (named.name.equals(tenant)) {
					named.rateLimit = requestsPerSecond;
					found = true;
				}
			}
			if (tenant.equals(DEFAULT_TENANT)) {
				this.settings.rateLimit = requestsPerSecond;
				found = true;
			}
			if (!found) {
				throw new IllegalArgumentException("No tenant '" + tenant + "' declared yet: declare it with tenant(name) first");
			}
			return this;
		}

		/**
		 * Accepts one more application key beside {@link #appKey(String)}: another application calling the same
		 * tenants, with a rate budget of its own in each.
		 * @param appKey application key
		 * @return this builder
		 */
		public Builder application(String appKey) {
			this.settings.appKeys.add(appKey);
			return this;
		}

		/**
		 * {@code Retry-After} of the simulator's own 429s: a fixed number of seconds instead of the time left in the
		 * current second (rounded up, the default). The title's hint says the same number.
		 * @param retryAfter wait to announce, in whole seconds
		 * @return this builder
		 */
		public Builder retryAfter(Duration retryAfter) {
			if (retryAfter.isNegative() || retryAfter.isZero()) {
				throw new IllegalArgumentException("retryAfter must be positive");
			}
			this.settings.retryAfterSeconds = Math.max(1, retryAfter.toSeconds());
			return this;
		}

		/**
		 * Whether the simulator's own 429s carry a {@code Retry-After} header (by default they do).
		 * @param present whether to send the header
		 * @return this builder
		 */
		public Builder retryAfterHeader(boolean present) {
			this.settings.retryAfterHeader = present;
			return this;
		}

		/**
		 * Whether the title of the simulator's own 429s ends with "Try again in N seconds." (by default it does);
		 * without it the title is "Rate limit is exceeded.".
		 * @param present whether to add the hint
		 * @return this builder
		 */
		public Builder retryAfterHint(boolean present) {
			this.settings.retryAfterHint = present;
			return this;
		}

		/**
		 * How the asynchronous report flow ({@code POST .../data/query}) answers: results of at most
		 * {@code inlineRows} rows at once (200), larger ones with a token (202) that is polled until {@code queryTime}
		 * has passed on the simulator's clock; a tenant runs at most {@code slots} queries at once, one more answers 429
		 * until a token is released ({@code DELETE data-queries/{token}}). By default 1000 rows, 20 seconds, 2 slots.
		 * @param inlineRows largest result answered at once
		 * @param queryTime how long a query answered with a token takes
		 * @param slots queries of a tenant running at once
		 * @return this builder
		 */
		public Builder reportQueries(int inlineRows, Duration queryTime, int slots) {
			if (inlineRows < 0 || queryTime.isNegative() || slots < 1) {
				throw new IllegalArgumentException("inlineRows and queryTime must not be negative, slots at least 1");
			}
			this.settings.reportInlineRows = inlineRows;
			this.settings.reportQueryTime = queryTime;
			this.settings.reportQuerySlots = slots;
			return this;
		}

		/**
		 * Serves a resource the simulator does not know by itself, in every tenant, with its records.
		 * @param resource resource and its records
		 * @return this builder
		 */
		public Builder resource(SimulatedResource resource) {
			this.settings.resources.add(resource.definition().copy());
			return this;
		}

		/**
		 * Serves a resource declared as the standalone program's {@code --resources} declares one:
		 * {@code folder/name[:crud]=records.json} (a class-path resource, else a file).
		 * @throws IllegalArgumentException naming the declaration or the location when it is malformed or unreadable
		 */
		Builder resource(String declaration) {
			this.settings.resources.add(ResourceFiles.declaration(declaration));
			return this;
		}

		/**
		 * Address to listen on: 127.0.0.1 by default; 0.0.0.0 in a container.
		 * @param bindAddress IP address
		 * @return this builder
		 */
		public Builder bindAddress(String bindAddress) {
			this.bindAddress = bindAddress;
			return this;
		}

		/**
		 * Seed of the generated data: the same seed and counts give the same data.
		 * @param seed seed
		 * @return this builder
		 */
		public Builder seed(long seed) {
			this.settings.seed = seed;
			return this;
		}

		/**
		 * Customers to seed in each tenant; 250 by default.
		 * @param count number of customers
		 * @return this builder
		 */
		public Builder customers(int count) {
			this.settings.customers = count;
			return this;
		}

		/**
		 * Locations to seed in each tenant; 250 by default.
		 * @param count number of locations
		 * @return this builder
		 */
		public Builder locations(int count) {
			this.settings.locations = count;
			return this;
		}

		/**
		 * Jobs to seed in each tenant; 1000 by default.
		 * @param count number of jobs
		 * @return this builder
		 */
		public Builder jobs(int count) {
			this.settings.jobs = count;
			return this;
		}

		/**
		 * Appointments to seed in each tenant, spread over the jobs; 1500 by default.
		 * @param count number of appointments
		 * @return this builder
		 */
		public Builder appointments(int count) {
			this.settings.appointments = count;
			return this;
		}

		/**
		 * Invoices to seed in each tenant, spread over the jobs; 800 by default.
		 * @param count number of invoices
		 * @return this builder
		 */
		public Builder invoices(int count) {
			this.settings.invoices = count;
			return this;
		}

		/**
		 * Job attachments to seed, spread over the first jobs.
		 * @param count number of attachments
		 * @return this builder
		 */
		public Builder attachments(int count) {
			this.settings.attachments = count;
			return this;
		}

		/**
		 * {@code expires_in} of the tokens, and how long the API accepts them.
		 * @param lifetime token lifetime; 15 minutes by default
		 * @return this builder
		 */
		public Builder tokenLifetime(Duration lifetime) {
			this.settings.tokenLifetime = lifetime;
			return this;
		}

		/**
		 * API requests allowed per second before 429; 0 turns the limit off. The token endpoint is not limited.
		 * @param requestsPerSecond requests per second; 60 by default, as upstream
		 * @return this builder
		 */
		public Builder rateLimit(int requestsPerSecond) {
			this.settings.rateLimit = requestsPerSecond;
			return this;
		}

		/**
		 * Most records in one export response, 1 to 5000.
		 * @param size records per response; 500 by default
		 * @return this builder
		 */
		public Builder exportBatchSize(int size) {
			this.settings.exportBatchSize = size;
			return this;
		}

		/**
		 * Clock for token expiry, the rate limit's seconds and the {@code modifiedOn} of changes.
		 * @param clock clock; the system clock by default
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.settings.clock = clock;
			return this;
		}

		/**
		 * Tenant id of the default tenant.
		 * @param tenantId tenant id, a number
		 * @return this builder
		 */
		public Builder tenantId(String tenantId) {
			this.settings.tenantId = tenantId;
			return this;
		}

		/**
		 * Client credentials the token endpoint accepts.
		 * @param clientId client id
		 * @param clientSecret client secret
		 * @return this builder
		 */
		public Builder credentials(String clientId, String clientSecret) {
			this.settings.clientId = clientId;
			this.settings.clientSecret = clientSecret;
			return this;
		}

		/**
		 * Application key the API accepts (see {@link #application(String)} for more).
		 * @param appKey application key
		 * @return this builder
		 */
		public Builder appKey(String appKey) {
			this.settings.appKey = appKey;
			return this;
		}

		/**
		 * Port to listen on, 0 (the default) for a free one.
		 * @param port port
		 * @return this builder
		 */
		public Builder port(int port) {
			this.port = port;
			return this;
		}

		/**
		 * Seeds the data and starts the server.
		 * @throws IllegalArgumentException for settings out of range
		 * @return running simulator; close it when done
		 */
		public ServiceTitanSimulator start() {
			return new ServiceTitanSimulator(this.settings, this.port, this.bindAddress);
		}

	}

}
