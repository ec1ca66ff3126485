package io.github.servicetitan4j.test.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The fake ServiceTitan itself, free of any HTTP server: takes a {@link SimRequest}, answers a {@link SimResponse}.
 * <p>
 * In order, a request meets: the admin API ({@code /__simulator/...}, which nothing else touches); the fault rules a
 * test set up; the token endpoint; the {@code ST-App-Key} check; the bearer token check; the tenant check (the token's
 * tenant must be the one in the path); the rate limit of that application and tenant; and then the resource's
 * handler. Calls refused for their credentials or their tenant use up no budget. Handlers signal errors by throwing
 * {@link Problem}.
 */
public final class SimulatorEngine {

	/** Message ServiceTitan sends when the {@code ST-App-Key} header is missing. */
	public static final String MISSING_APP_KEY = "Application key not present, check ST-App-Key header value.";

	/** Message the simulator sends when the {@code ST-App-Key} header has a wrong value (not documented upstream). */
	public static final String WRONG_APP_KEY = "Application key is not valid, check ST-App-Key header value.";

	private final SimulatorSettings settings;

	private final AdjustableClock clock;

	private final WebhookSender webhooks = new WebhookSender(this);

	private final TokenIssuer tokens;

	private final FaultPlan faults = new FaultPlan();

	private final ExportFeed exportFeed;

	private final ReportsApi reports;

	private final List<Tenant> tenants = new ArrayList<>();

	private final Map<String, Tenant> byTenantId = new HashMap<>();

	private final Map<String, RateLimiter> rateLimiters = new HashMap<>();

	private final RequestLog journal = new RequestLog();

	private final AdminApi admin = new AdminApi(this);

	public SimulatorEngine(SimulatorSettings settings) {
		settings.validate();
		this.settings = settings.copy();
		this.clock = new AdjustableClock(settings.clock);
		List<TenantSettings> all = this.settings.allTenants();
		this.tokens = new TokenIssuer(all, settings.tokenLifetime, this.clock);
		this.exportFeed = new ExportFeed(settings.exportBatchSize);
		this.reports = new ReportsApi(this.settings, this.clock, this::tooManyRequests);
		for (int i = 0; i < all.size(); i++) {
			// The default tenant keeps the seed as given, so its data stays what it always was.
			Tenant tenant = new Tenant(all.get(i), this.settings.seed + 1_000_003L * i);
			this.tenants.add(tenant);
			this.byTenantId.put(tenant.settings.tenantId, tenant);
		}
	}

	/** Answers one request; never throws. */
	public synchronized SimResponse handle(SimRequest request) {
		try {
			if (AdminApi.handles(request)) {
				return this.admin.handle(request);
			}
			this.journal.add(request, this.clock.instant());
			return dispatch(request);
		}
		catch (Problem problem) {
			return problem.response();
		}
		catch (RuntimeException ex) {
			return Problem.of(500, "The simulator failed: " + ex).response();
		}
	}

	private SimResponse dispatch(SimRequest request) {
		FaultPlan.Rule fault = this.faults.take(request);
		if (fault != null && fault.kind() == FaultPlan.Kind.STATUS) {
			SimResponse response = Problem.of(fault.status(), reason(fault.status())).response();
			return (fault.retryAfterSeconds() >= 0)
					? response.withHeader("Retry-After", String.valueOf(fault.retryAfterSeconds())) : response;
		}
		if (fault != null && fault.kind() == FaultPlan.Kind.BROKEN_CONNECTION) {
			return SimResponse.fault(fault.fault());
		}
		SimResponse response = route(request);
		if (fault != null && fault.kind() == FaultPlan.Kind.TRUNCATED_BODY) {
			return response.broken(SimFault.TRUNCATED_BODY);
		}
		if (fault != null && fault.kind() == FaultPlan.Kind.DELAY) {
			return response.delayed(fault.delayMillis());
		}
		return response;
	}

	private SimResponse route(SimRequest request) {
		String path = request.path();
		if (path.equals(FaultPlan.TOKEN_PATH)) {
			return this.tokens.handle(request);
		}
		if (path.equals(PricebookImagesApi.STORAGE_PATH) && request.method().equals("GET")) {
			return PricebookImagesApi.download(request, this.tenants.get(0).state);
		}
		List<String> segments = UrlCodec.segments(path);
		// v2 everywhere; another version (telecom's v3 calls) only for resources a test declares
		if (segments.size() < 5 || !segments.get(1).matches("v[0-9]+") || !segments.get(2).equals("tenant")) {
			return Problem.of(404, "Not Found").response();
		}
		String appKey = request.header("ST-App-Key");
		if (appKey == null || appKey.trim().isEmpty()) {
			return Problem.of(401, MISSING_APP_KEY).response();
		}
		if (!this.settings.allAppKeys().contains(appKey)) {
			return Problem.of(401, WRONG_APP_KEY).response();
		}
		String tokenTenant = this.tokens.tenantOf(request.header("Authorization"));
		if (tokenTenant == null) {
			return SimResponse.empty(401).withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
		}
		Tenant tenant = this.byTenantId.get(segments.get(3));
		if (tenant == null || !tokenTenant.equals(segments.get(3))) {
			throw Problem.of(403, "The client is not authorized for tenant " + segments.get(3) + ".");
		}
		long retryAfter = rateLimiter(appKey, tenant).acquire();
		if (retryAfter > 0) {
			return tooManyRequests(retryAfter);
		}
		String folder = segments.get(0);
		ApiCall call = new ApiCall(request, folder, segments.subList(4, segments.size()), tenant.state, this.clock);
		if (!segments.get(1).equals("v2") && tenant.state.declaredResource(folder, call.rest()) == null) {
			return Problem.of(404, "Not Found").response();
		}
		return api(call);
	}

	private SimResponse tooManyRequests(long computedSeconds) {
		long seconds = (this.settings.retryAfterSeconds > 0) ? this.settings.retryAfterSeconds : computedSeconds;
		String title = "Rate limit is exceeded."
				+ (this.settings.retryAfterHint ? " Try again in " + seconds + " seconds." : "");
		SimResponse response = Problem.of(429, title).response();
		return this.settings.retryAfterHeader ? response.withHeader("Retry-After", String.valueOf(seconds)) : response;
	}

	/** The budget of one application in one tenant: ServiceTitan's limit is per application per tenant. */
	private RateLimiter rateLimiter(String appKey, Tenant tenant) {
		String key = appKey + "\n" + tenant.settings.tenantId;
		RateLimiter limiter = this.rateLimiters.get(key);
		if (limiter == null) {
			int perSecond = (tenant.settings.rateLimit >= 0) ? tenant.settings.rateLimit : this.settings.rateLimit;
			limiter = new RateLimiter(perSecond, this.clock);
			this.rateLimiters.put(key, limiter);
		}
		return limiter;
	}

	private SimResponse api(ApiCall call) {
		TenantState tenant = call.tenant();
		if (call.folder().equals("reporting")) {
			return this.reports.handle(call);
		}
		String first = call.segment(0);
		if (first.equals("export")) {
			if (call.size() < 2) {
				throw Problem.of(404, "Not Found");
			}
			String resource = String.join("/", call.rest().subList(1, call.size()));
			RecordStore store = tenant.store(call.folder(), resource);
			if (store == null) {
				throw Problem.of(404, "Not Found");
			}
			if (!call.method().equals("GET")) {
				throw call.methodNotAllowed();
			}
			return SimResponse.json(200, this.exportFeed.export(call.folder() + "/" + resource, store, call.request()));
		}
		ResourceDefinition declared = tenant.declaredResource(call.folder(), call.rest());
		if (declared != null) {
			return GenericApi.handle(call, declared, tenant.declaredStore(declared.folder, declared.name));
		}
		switch (call.folder() + "/" + first) {
			case "crm/customers":
				return CustomersApi.handle(call);
			case "crm/locations":
				return ReadOnlyApi.handle(call, tenant.locations());
			case "jpm/jobs":
				return JobsApi.handle(call);
			case "jpm/appointments":
				return ReadOnlyApi.handle(call, tenant.appointments());
			case "accounting/invoices":
				return ReadOnlyApi.handle(call, tenant.invoices());
			case "forms/jobs":
				return AttachmentsApi.handle(call);
			case "pricebook/images":
				return PricebookImagesApi.handle(call);
			default:
				throw Problem.of(404, "Not Found");
		}
	}

	/**
	 * Puts the simulator back as it started: freshly seeded data in every tenant, no fault rules, unused rate limits,
	 * a zero token request count, an empty journal and a clock without adjustments. Tokens already given stay valid,
	 * so a client's cached token keeps working.
	 */
	public synchronized void reset() {
		for (Tenant tenant : this.tenants) {
			tenant.reseed();
		}
		this.faults.clear();
		this.rateLimiters.clear();
		this.reports.reset();
		this.tokens.resetCount();
		this.journal.clear();
		this.clock.resetOffset();
		this.webhooks.reset();
	}

	/** The reports API, whose finished queries the webhook sender announces. */
	public ReportsApi reports() {
		return this.reports;
	}

	/** The webhook deliveries to the application under test. */
	public WebhookSender webhooks() {
		return this.webhooks;
	}

	/** The default tenant's data. */
	public TenantState tenant() {
		return this.tenants.get(0).state;
	}

	/**
	 * The data of a tenant by name.
	 * @throws IllegalArgumentException for an unknown name, listing the known ones
	 */
	public TenantState tenant(String name) {
		return tenantNamed(name).state;
	}

	/**
	 * The settings of a tenant by name.
	 * @throws IllegalArgumentException for an unknown name, listing the known ones
	 */
	public TenantSettings tenantSettings(String name) {
		return tenantNamed(name).settings.copy();
	}

	/** Names of the tenants, the default one first. */
	public List<String> tenantNames() {
		List<String> names = new ArrayList<>();
		for (Tenant tenant : this.tenants) {
			names.add(tenant.settings.name);
		}
		return names;
	}

	private Tenant tenantNamed(String name) {
		for (Tenant tenant : this.tenants) {
			if (tenant.settings.name.equals(name)) {
				return tenant;
			}
		}
		throw new IllegalArgumentException("No simulated tenant '" + name + "'; known tenants: " + tenantNames());
	}

	public FaultPlan faults() {
		return this.faults;
	}

	public TokenIssuer tokens() {
		return this.tokens;
	}

	/** The clock the engine runs on, which the admin API can move. */
	public AdjustableClock clock() {
		return this.clock;
	}

	/** What the engine received (admin calls excepted), oldest first. */
	public RequestLog journal() {
		return this.journal;
	}

	/** The settings this engine runs with (a copy). */
	public SimulatorSettings settings() {
		return this.settings.copy();
	}

	private static String reason(int status) {
		switch (status) {
			case 429:
				return "Too Many Requests";
			case 500:
				return "Internal Server Error";
			case 502:
				return "Bad Gateway";
			case 503:
				return "Service Unavailable";
			case 504:
				return "Gateway Timeout";
			default:
				return "Simulated failure";
		}
	}

	/** One tenant: its settings, the seed of its data, and its current data. */
	private final class Tenant {

		private final TenantSettings settings;

		private final long seed;

		private volatile TenantState state;

		Tenant(TenantSettings settings, long seed) {
			this.settings = settings;
			this.seed = seed;
			this.state = seeded();
		}

		void reseed() {
			this.state = seeded();
		}

		private TenantState seeded() {
			SimulatorSettings all = SimulatorEngine.this.settings;
			List<ResourceDefinition> resources = new ArrayList<>();
			for (ResourceDefinition resource : all.resources) {
				if (resource.servedIn(this.settings.name)) {
					resources.add(resource);
				}
			}
			TenantState state = new TenantState(SimulatorEngine.this.clock, resources, this.seed);
			SeedData.fill(state, all, this.seed);
			return state;
		}

	}

	/** Requests as the engine received them, oldest first, at most {@value #CAPACITY} (older ones are dropped). */
	public static final class RequestLog {

		static final int CAPACITY = 10_000;

		private final ArrayDeque<Entry> entries = new ArrayDeque<>();

		synchronized void add(SimRequest request, java.time.Instant at) {
			if (this.entries.size() >= CAPACITY) {
				this.entries.removeFirst();
			}
			this.entries.add(new Entry(request, at));
		}

		public synchronized List<Entry> entries() {
			return Collections.unmodifiableList(new ArrayList<>(this.entries));
		}

		public synchronized void clear() {
			this.entries.clear();
		}

		/** One received request and when it arrived by the engine's clock. */
		public static final class Entry {

			public final SimRequest request;

			public final java.time.Instant receivedAt;

			Entry(SimRequest request, java.time.Instant receivedAt) {
				this.request = request;
				this.receivedAt = receivedAt;
			}

			Map<String, @Nullable Object> toJson() {
				Map<String, @Nullable Object> json = new LinkedHashMap<>();
				json.put("method", this.request.method());
				json.put("path", this.request.path());
				json.put("query", this.request.query());
				json.put("headers", this.request.headers());
				json.put("body", this.request.bodyAsString());
				json.put("receivedAt", Records.format(this.receivedAt));
				return json;
			}

		}

	}

}
