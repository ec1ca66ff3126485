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

import io.github.servicetitan4j.test.internal.SimulatorEngine;
import io.github.servicetitan4j.test.internal.SimulatorSettings;
import io.github.servicetitan4j.test.internal.SimulatorTransformer;

/**
 * A fake ServiceTitan on a free loopback port, for testing code that calls the ServiceTitan REST API without the real
 * one: the token endpoint, paged lists, export feeds, create/update/delete of customers and jobs, attachments, the
 * rate limit, and faults on demand, over one tenant seeded with deterministic data.
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

	private ServiceTitanSimulator(SimulatorSettings settings, int port) {
		this.engine = new SimulatorEngine(settings);
		this.settings = this.engine.settings();
		WireMockConfiguration options = WireMockConfiguration.options()
			.bindAddress("127.0.0.1")
			.port(port)
			.gzipDisabled(true)
			.extensions(new SimulatorTransformer(this.engine));
		this.server = new WireMockServer(options);
		this.server.start();
		this.server.addStubMapping(StubMapping.buildFrom(SimulatorContainerSupport.mappingJson()));
		this.faults = new SimulatorFaults(this.engine.faults());
		this.journal = new RequestJournal(this.server);
		this.tenant = new SimulatedTenant(this.engine);
	}

	/** Starts a simulator with the default settings. */
	public static ServiceTitanSimulator start() {
		return builder().start();
	}

	/** A builder for a simulator with other data, limits, credentials or clock. */
	public static Builder builder() {
		return new Builder();
	}

	/** API root to configure the client with, such as {@code http://127.0.0.1:53127}. */
	public URI apiUrl() {
		return baseUrl();
	}

	/** Auth root; the token endpoint is {@code {authUrl}/connect/token}. The same server as {@link #apiUrl()}. */
	public URI authUrl() {
		return baseUrl();
	}

	private URI baseUrl() {
		// Not "localhost", which may resolve to ::1 where nothing listens.
		return URI.create("http://127.0.0.1:" + this.server.port());
	}

	/** The port the simulator listens on, on 127.0.0.1. */
	public int port() {
		return this.server.port();
	}

	public String tenantId() {
		return this.settings.tenantId;
	}

	public String clientId() {
		return this.settings.clientId;
	}

	public String clientSecret() {
		return this.settings.clientSecret;
	}

	public String appKey() {
		return this.settings.appKey;
	}

	/**
	 * The starter's {@code servicetitan.*} properties that point a client at this simulator: {@code api-url},
	 * {@code auth-url}, {@code client-id}, {@code client-secret}, {@code app-key} and {@code tenant-id}.
	 */
	public Map<String, String> properties() {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("servicetitan.api-url", apiUrl().toString());
		properties.put("servicetitan.auth-url", authUrl().toString());
		properties.put("servicetitan.client-id", clientId());
		properties.put("servicetitan.client-secret", clientSecret());
		properties.put("servicetitan.app-key", appKey());
		properties.put("servicetitan.tenant-id", tenantId());
		return properties;
	}

	/** Fault injection: error statuses, broken connections, truncated bodies and slow answers on chosen requests. */
	public SimulatorFaults faults() {
		return this.faults;
	}

	/** Every request the simulator received, oldest first, for assertions. */
	public RequestJournal requests() {
		return this.journal;
	}

	/** The simulated tenant's current data, for assertions. */
	public SimulatedTenant tenant() {
		return this.tenant;
	}

	/** How many times the token endpoint was called since the start or the last {@link #reset()}. */
	public int tokenRequests() {
		return this.engine.tokens().requestCount();
	}

	/** Ends the life of every token given so far: the next API call with one answers 401. */
	public void expireTokens() {
		this.engine.tokens().expireAll();
	}

	/**
	 * Puts the simulator back as it started: freshly seeded data, an empty journal, no faults, an unused rate limit
	 * and a zero token count. Tokens already given stay valid, so a client's cached token keeps working.
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
	}

	/** The WireMock server underneath, for {@code verify}, {@code findAll} or stubs of one's own. */
	public WireMockServer wireMock() {
		return this.server;
	}

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

		private Builder() {
		}

		/** Seed of the generated data: the same seed and counts give the same data. */
		public Builder seed(long seed) {
			this.settings.seed = seed;
			return this;
		}

		public Builder customers(int count) {
			this.settings.customers = count;
			return this;
		}

		public Builder locations(int count) {
			this.settings.locations = count;
			return this;
		}

		public Builder jobs(int count) {
			this.settings.jobs = count;
			return this;
		}

		public Builder appointments(int count) {
			this.settings.appointments = count;
			return this;
		}

		public Builder invoices(int count) {
			this.settings.invoices = count;
			return this;
		}

		/** Job attachments to seed, spread over the first jobs. */
		public Builder attachments(int count) {
			this.settings.attachments = count;
			return this;
		}

		/** {@code expires_in} of the tokens, and how long the API accepts them. */
		public Builder tokenLifetime(Duration lifetime) {
			this.settings.tokenLifetime = lifetime;
			return this;
		}

		/** API requests allowed per second before 429; 0 turns the limit off. The token endpoint is not limited. */
		public Builder rateLimit(int requestsPerSecond) {
			this.settings.rateLimit = requestsPerSecond;
			return this;
		}

		/** Most records in one export response, 1 to 5000. */
		public Builder exportBatchSize(int size) {
			this.settings.exportBatchSize = size;
			return this;
		}

		/** Clock for token expiry, the rate limit's seconds and the {@code modifiedOn} of changes. */
		public Builder clock(Clock clock) {
			this.settings.clock = clock;
			return this;
		}

		public Builder tenantId(String tenantId) {
			this.settings.tenantId = tenantId;
			return this;
		}

		/** Client credentials the token endpoint accepts. */
		public Builder credentials(String clientId, String clientSecret) {
			this.settings.clientId = clientId;
			this.settings.clientSecret = clientSecret;
			return this;
		}

		public Builder appKey(String appKey) {
			this.settings.appKey = appKey;
			return this;
		}

		/** Port to listen on, 0 (the default) for a free one. */
		public Builder port(int port) {
			this.port = port;
			return this;
		}

		/**
		 * Seeds the data and starts the server.
		 * @throws IllegalArgumentException for settings out of range
		 */
		public ServiceTitanSimulator start() {
			return new ServiceTitanSimulator(this.settings, this.port);
		}

	}

}
