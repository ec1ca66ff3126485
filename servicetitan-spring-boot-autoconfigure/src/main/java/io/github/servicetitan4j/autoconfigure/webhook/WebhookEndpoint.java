package io.github.servicetitan4j.autoconfigure.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

import org.springframework.web.HttpRequestHandler;

import io.github.servicetitan4j.webhook.WebhookEvent;

/**
 * Receives one delivery: size bound, then signature over the raw bytes, then parse, tenant, claim of the event id,
 * handlers, and only then 2xx. A failing handler releases the claim and answers 500, so that ServiceTitan retries.
 * <p>
 * Answers: 200 handled (or handled before: a duplicate), 401 unsigned or badly signed (no body), 400 not an event,
 * 404 unknown tenant, 405 not a POST, 409 the same event is being handled right now (ServiceTitan retries), 413 too
 * large, 500 a handler failed.
 */
final class WebhookEndpoint implements HttpRequestHandler {

	private static final Log logger = LogFactory.getLog(WebhookEndpoint.class);

	private static final Pattern EVENT_TYPE = Pattern.compile("[a-z0-9]{1,16}(\\.[a-z0-9-]{1,40}){1,3}");

	private static final Duration PURGE_INTERVAL = Duration.ofHours(1);

	private final String path;

	private final String header;

	private final @Nullable SignatureVerifier verifier;

	private final boolean allowUnsigned;

	private final long maxBodySize;

	private final TenantRouter router;

	private final DeliveryStore store;

	private final Duration retention;

	private final WebhookDispatcher dispatcher;

	private final WebhookMeters meters;

	private final Clock clock;

	private final JsonMapper json = JsonMapper.builder().build();

	private final AtomicReference<Instant> lastPurge = new AtomicReference<>(Instant.MIN);

	WebhookEndpoint(ServiceTitanWebhookProperties properties, @Nullable SignatureVerifier verifier,
			TenantRouter router, DeliveryStore store, WebhookDispatcher dispatcher, WebhookMeters meters,
			Clock clock) {
		this.path = properties.getPath();
		this.header = properties.getHeader();
		this.verifier = verifier;
		this.allowUnsigned = properties.isAllowUnsigned();
		this.maxBodySize = properties.getMaxBodySize().toBytes();
		this.router = router;
		this.store = store;
		this.retention = properties.getDedup().getRetention();
		this.dispatcher = dispatcher;
		this.meters = meters;
		this.clock = clock;
	}

	@Override
	public void handleRequest(HttpServletRequest request, HttpServletResponse response) throws IOException {
		if (!"POST".equals(request.getMethod())) {
			response.setHeader("Allow", "POST");
			response.setStatus(405);
			return;
		}
		String pathTenant = pathTenant(request);
		String receivedTenant = (pathTenant != null && this.router.isConfigured(pathTenant)) ? pathTenant : "unknown";
		this.meters.count("received", receivedTenant, "unknown", "none");
		long declared = request.getContentLengthLong();
		if (declared > this.maxBodySize) {
			refuse(response, 413, receivedTenant, "unknown", "too-large");
			return;
		}
		byte[] body = read(request.getInputStream());
		if (body == null) {
			refuse(response, 413, receivedTenant, "unknown", "too-large");
			return;
		}
		String signature = request.getHeader(this.header);
		boolean verified;
		if (signature == null && this.allowUnsigned) {
			verified = true;
		}
		else {
			verified = this.verifier != null && this.verifier.verify(signature, body);
		}
		if (!verified) {
			refuse(response, 401, receivedTenant, "unknown", (signature == null) ? "unsigned" : "signature");
			return;
		}
		this.meters.count("verified", receivedTenant, "unknown", "none");
		JsonNode envelope;
		try {
			envelope = this.json.readTree(body);
		}
		catch (JacksonException ex) {
			refuse(response, 400, receivedTenant, "unknown", "malformed");
			return;
		}
		String id = text(envelope, "id");
		String type = text(envelope, "type");
		if (!envelope.isObject() || id == null || type == null) {
			refuse(response, 400, receivedTenant, "unknown", "malformed");
			return;
		}
		String typeTag = EVENT_TYPE.matcher(type).matches() ? type : "other";
		String tenant = this.router.route(pathTenant, envelope);
		if (tenant == null) {
			refuse(response, 404, receivedTenant, typeTag, "unknown-tenant");
			return;
		}
		String tenantTag = this.router.isConfigured(tenant) ? tenant : "runtime";
		Instant now = this.clock.instant();
		purgeIfDue(now);
		String token = UUID.randomUUID().toString();
		DeliveryStore.Claim claim = this.store.claim(id, token, now);
		if (claim == DeliveryStore.Claim.DONE) {
			this.meters.count("duplicate", tenantTag, typeTag, "none");
			response.setStatus(200);
			return;
		}
		if (claim == DeliveryStore.Claim.BUSY) {
			this.meters.count("duplicate", tenantTag, typeTag, "in-progress");
			response.setStatus(409);
			return;
		}
		WebhookEvent event = new WebhookEvent(tenant, type, id, time(envelope), text(envelope, "source"),
				envelope.has("data") ? envelope.get("data") : MissingNode.getInstance());
		try {
			this.dispatcher.dispatch(event);
		}
		catch (Throwable ex) {
			this.store.release(id, token);
			this.meters.count("failed", tenantTag, typeTag, ex.getClass().getSimpleName());
			logger.warn("Webhook event " + id + " (" + type + ", tenant " + tenant
					+ ") failed in its handler; answered 500 so that ServiceTitan retries it", ex);
			response.setStatus(500);
			return;
		}
		this.store.complete(id, token, this.clock.instant());
		this.meters.count("handled", tenantTag, typeTag, "none");
		response.setStatus(200);
	}

	private void refuse(HttpServletResponse response, int status, String tenant, String type, String reason) {
		this.meters.count("refused", tenant, type, reason);
		response.setStatus(status);
	}

	private @Nullable String pathTenant(HttpServletRequest request) {
		String uri = request.getRequestURI().substring(request.getContextPath().length());
		String prefix = this.path.endsWith("/") ? this.path : this.path + "/";
		if (!uri.startsWith(prefix) || uri.length() == prefix.length()) {
			return null;
		}
		return URLDecoder.decode(uri.substring(prefix.length()), StandardCharsets.UTF_8);
	}

	/** The body, or null if it is longer than the limit; never reads more than the limit and one byte. */
	private byte @Nullable [] read(InputStream in) throws IOException {
		byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, this.maxBodySize + 1));
		return (bytes.length > this.maxBodySize) ? null : bytes;
	}

	private void purgeIfDue(Instant now) {
		Instant last = this.lastPurge.get();
		if (last.plus(PURGE_INTERVAL).isBefore(now) && this.lastPurge.compareAndSet(last, now)) {
			try {
				this.store.purge(now.minus(this.retention));
			}
			catch (RuntimeException ex) {
				logger.warn("Could not forget webhook event ids older than " + this.retention, ex);
			}
		}
	}

	private static @Nullable String text(JsonNode envelope, String field) {
		JsonNode node = envelope.path(field);
		return (node.isString() && !node.asString().isBlank()) ? node.asString() : null;
	}

	private static @Nullable Instant time(JsonNode envelope) {
		String time = text(envelope, "time");
		if (time == null) {
			return null;
		}
		try {
			return OffsetDateTime.parse(time).toInstant();
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	List<String> paths() {
		String base = this.path.endsWith("/") ? this.path.substring(0, this.path.length() - 1) : this.path;
		return List.of(base, base + "/*");
	}

}
