package io.github.servicetitan4j.test.internal;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The fake ServiceTitan itself, free of any HTTP server: takes a {@link SimRequest}, answers a {@link SimResponse}.
 * <p>
 * In order, a request meets: the fault rules a test set up; the token endpoint; the rate limit; the {@code ST-App-Key}
 * check; the bearer token check; the tenant check; and then the resource's handler. Handlers signal errors by
 * throwing {@link Problem}.
 */
public final class SimulatorEngine {

	/** Message ServiceTitan sends when the {@code ST-App-Key} header is missing. */
	public static final String MISSING_APP_KEY = "Application key not present, check ST-App-Key header value.";

	/** Message the simulator sends when the {@code ST-App-Key} header has a wrong value (not documented upstream). */
	public static final String WRONG_APP_KEY = "Application key is not valid, check ST-App-Key header value.";

	private final SimulatorSettings settings;

	private final Clock clock;

	private final TokenIssuer tokens;

	private final RateLimiter rateLimiter;

	private final FaultPlan faults = new FaultPlan();

	private final ExportFeed exportFeed;

	private final ReportsApi reports;

	private volatile TenantState tenant;

	public SimulatorEngine(SimulatorSettings settings) {
		settings.validate();
		this.settings = copy(settings);
		this.clock = settings.clock;
		this.tokens = new TokenIssuer(settings.clientId, settings.clientSecret, settings.tokenLifetime, this.clock);
		this.rateLimiter = new RateLimiter(settings.rateLimit, this.clock);
		this.exportFeed = new ExportFeed(settings.exportBatchSize);
		this.reports = new ReportsApi(settings.seed, this.clock);
		this.tenant = seeded();
	}

	/** Answers one request; never throws. */
	public synchronized SimResponse handle(SimRequest request) {
		try {
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
			return PricebookImagesApi.download(request, this.tenant);
		}
		List<String> segments = UrlCodec.segments(path);
		if (segments.size() < 5 || !segments.get(1).equals("v2") || !segments.get(2).equals("tenant")) {
			return Problem.of(404, "Not Found").response();
		}
		long retryAfter = this.rateLimiter.acquire();
		if (retryAfter > 0) {
			return Problem.of(429, "Rate limit is exceeded. Try again in " + retryAfter + " seconds.")
				.response()
				.withHeader("Retry-After", String.valueOf(retryAfter));
		}
		String appKey = request.header("ST-App-Key");
		if (appKey == null || appKey.trim().isEmpty()) {
			return unauthorized(MISSING_APP_KEY);
		}
		if (!appKey.equals(this.settings.appKey)) {
			return unauthorized(WRONG_APP_KEY);
		}
		if (!this.tokens.isValid(request.header("Authorization"))) {
			return SimResponse.empty(401).withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
		}
		if (!segments.get(3).equals(this.settings.tenantId)) {
			throw Problem.of(403, "The client is not authorized for tenant " + segments.get(3) + ".");
		}
		String folder = segments.get(0);
		ApiCall call = new ApiCall(request, folder, segments.subList(4, segments.size()), this.tenant, this.clock);
		return api(call);
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
	 * Puts the simulator back as it started: freshly seeded data, no fault rules, an unused rate limit and a zero
	 * token request count. Tokens already given stay valid, so a client's cached token keeps working.
	 */
	public synchronized void reset() {
		this.tenant = seeded();
		this.faults.clear();
		this.rateLimiter.reset();
		this.reports.reset();
		this.tokens.resetCount();
	}

	public TenantState tenant() {
		return this.tenant;
	}

	public FaultPlan faults() {
		return this.faults;
	}

	public TokenIssuer tokens() {
		return this.tokens;
	}

	/** The settings this engine runs with (a copy). */
	public SimulatorSettings settings() {
		return copy(this.settings);
	}

	private TenantState seeded() {
		TenantState state = new TenantState(this.clock);
		SeedData.fill(state, this.settings);
		return state;
	}

	private static SimResponse unauthorized(String message) {
		Map<String, @Nullable Object> body = new LinkedHashMap<>();
		body.put("title", message);
		body.put("status", 401L);
		body.put("traceId", Problem.nextTraceId());
		return SimResponse.json(401, body);
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

	private static SimulatorSettings copy(SimulatorSettings settings) {
		SimulatorSettings copy = new SimulatorSettings();
		copy.seed = settings.seed;
		copy.customers = settings.customers;
		copy.locations = settings.locations;
		copy.jobs = settings.jobs;
		copy.appointments = settings.appointments;
		copy.invoices = settings.invoices;
		copy.attachments = settings.attachments;
		copy.tokenLifetime = settings.tokenLifetime;
		copy.rateLimit = settings.rateLimit;
		copy.exportBatchSize = settings.exportBatchSize;
		copy.clock = settings.clock;
		copy.tenantId = settings.tenantId;
		copy.clientId = settings.clientId;
		copy.clientSecret = settings.clientSecret;
		copy.appKey = settings.appKey;
		return copy;
	}

}
