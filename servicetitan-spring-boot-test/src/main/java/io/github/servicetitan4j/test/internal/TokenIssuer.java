package io.github.servicetitan4j.test.internal;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The token endpoint, {@code POST /connect/token}: client credentials in a form body give a bearer token that the API
 * accepts until it expires by the simulator's clock. No refresh tokens, no scopes, no HTTP Basic: credentials must be
 * in the body, as ServiceTitan wants them.
 */
public final class TokenIssuer {

	private final SecureRandom random = new SecureRandom();

	private final Map<String, TenantSettings> byClientId = new HashMap<>();

	private final Duration lifetime;

	private final Clock clock;

	private final Map<String, Grant> grants = new HashMap<>();

	private final Map<String, Integer> requestsByTenant = new HashMap<>();

	private int requests;

	/** An issuer for these tenants: each tenant's client credentials give tokens for that tenant only. */
	public TokenIssuer(List<TenantSettings> tenants, Duration lifetime, Clock clock) {
		for (TenantSettings tenant : tenants) {
			this.byClientId.put(tenant.clientId, tenant);
		}
		this.lifetime = lifetime;
		this.clock = clock;
	}

	/** Answers one call of the token endpoint. */
	public synchronized SimResponse handle(SimRequest request) {
		this.requests++;
		if (!request.method().equals("POST")) {
			return SimResponse.empty(405).withHeader("Allow", "POST");
		}
		String contentType = request.header("Content-Type");
		if (contentType == null || !contentType.toLowerCase(Locale.ROOT)
			.startsWith("application/x-www-form-urlencoded")) {
			return error("invalid_request");
		}
		Map<String, List<String>> form = UrlCodec.form(new String(request.body(), StandardCharsets.UTF_8));
		String clientId = first(form, "client_id");
		TenantSettings tenant = (clientId != null) ? this.byClientId.get(clientId) : null;
		if (tenant == null || !tenant.clientSecret.equals(first(form, "client_secret"))) {
			return error("invalid_client");
		}
		if (!"client_credentials".equals(first(form, "grant_type"))) {
			return error("unsupported_grant_type");
		}
		byte[] bytes = new byte[24];
		this.random.nextBytes(bytes);
		String token = "st-sim." + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		this.grants.put(token, new Grant(tenant.tenantId, this.clock.instant().plus(this.lifetime)));
		this.requestsByTenant.merge(tenant.name, 1, Integer::sum);
		Map<String, @Nullable Object> body = new LinkedHashMap<>();
		body.put("access_token", token);
		body.put("expires_in", this.lifetime.getSeconds());
		body.put("token_type", "Bearer");
		return SimResponse.json(200, body).withHeader("Cache-Control", "no-store");
	}

	/** Whether an {@code Authorization} header value carries a token this issuer gave and that has not expired. */
	public synchronized boolean isValid(@Nullable String authorization) {
		return tenantOf(authorization) != null;
	}

	/**
	 * The tenant id a valid, unexpired token in an {@code Authorization} header value was given for; null when the
	 * header carries no such token.
	 */
	public synchronized @Nullable String tenantOf(@Nullable String authorization) {
		if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return null;
		}
		Grant grant = this.grants.get(authorization.substring(7).trim());
		return (grant != null && this.clock.instant().isBefore(grant.expiry)) ? grant.tenantId : null;
	}

	/** Makes every token given so far invalid, as if its lifetime were over. */
	public synchronized void expireAll() {
		this.grants.clear();
	}

	/** Number of successful token requests with a tenant's credentials since the start or the last reset. */
	public synchronized int requestCount(String tenantName) {
		return this.requestsByTenant.getOrDefault(tenantName, 0);
	}

	/** Number of token endpoint calls since the start or the last {@link #resetCount()}. */
	public synchronized int requestCount() {
		return this.requests;
	}

	public synchronized void resetCount() {
		this.requests = 0;
		this.requestsByTenant.clear();
	}

	private static final class Grant {

		private final String tenantId;

		private final Instant expiry;

		Grant(String tenantId, Instant expiry) {
			this.tenantId = tenantId;
			this.expiry = expiry;
		}

	}

	private static @Nullable String first(Map<String, List<String>> form, String name) {
		List<String> values = form.get(name);
		return (values == null || values.isEmpty()) ? null : values.get(0);
	}

	private static SimResponse error(String error) {
		Map<String, @Nullable Object> body = new LinkedHashMap<>();
		body.put("error", error);
		return SimResponse.json(400, body).withHeader("Cache-Control", "no-store");
	}

}
