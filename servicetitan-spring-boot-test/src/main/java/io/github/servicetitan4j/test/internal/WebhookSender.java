package io.github.servicetitan4j.test.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * Sends ServiceTitan-style webhook deliveries to the application under test: CloudEvents 1.0 envelopes for the changes
 * of the built-in resources (and events a test publishes), signed with HMAC-SHA256 in hex under
 * {@code X-ServiceTitan-Signature}, retried after 10, 30, 60 and 300 seconds of the simulator's clock when the answer
 * is not 2xx, then given up. Records every attempt and its answer.
 * <p>
 * Deliveries are sent by whoever calls {@link #deliverDue()}, never under the engine's lock, so an application that
 * calls the simulator while handling an event does not deadlock it.
 */
public final class WebhookSender {

	/** ServiceTitan's retry delays after a failed delivery. */
	public static final List<Duration> RETRY_DELAYS = List.of(Duration.ofSeconds(10), Duration.ofSeconds(30),
			Duration.ofSeconds(60), Duration.ofSeconds(300));

	/** The event a report query asked with {@code notifyWhenReady} fires when done. */
	public static final String REPORT_READY = "tn.rpr.report-data-ready";

	public static final String SIGNATURE_HEADER = "X-ServiceTitan-Signature";

	private static final String[][] RESOURCES = { { "crm", "customers", "crm", "customer" },
			{ "crm", "locations", "crm", "location" }, { "jpm", "jobs", "jpm", "job" },
			{ "jpm", "appointments", "jpm", "appointment" }, { "accounting", "invoices", "acc", "invoice" } };

	private final SimulatorEngine engine;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final Object lock = new Object();

	private final Map<String, Long> seen = new LinkedHashMap<>();

	private final List<Pending> pending = new ArrayList<>();

	private final List<Attempt> attempts = new ArrayList<>();

	private @Nullable String callback;

	private @Nullable String secret;

	WebhookSender(SimulatorEngine engine) {
		this.engine = engine;
	}

	/**
	 * Starts sending to a callback; changes made before are not sent.
	 * @param callback the application's URL; {@code {tenant}} in it is replaced with the tenant's name
	 * @param secret HMAC key, or null for unsigned deliveries
	 */
	public void subscribe(String callback, @Nullable String secret) {
		URI.create(callback.replace("{tenant}", "t"));
		synchronized (this.lock) {
			this.callback = callback;
			this.secret = secret;
			this.pending.clear();
			baseline();
		}
	}

	/** Stops sending, forgets what is pending and what was sent. */
	public void reset() {
		synchronized (this.lock) {
			this.callback = null;
			this.secret = null;
			this.pending.clear();
			this.attempts.clear();
			this.seen.clear();
		}
	}

	/**
	 * Queues an event of any type (a report's completion, say), due now.
	 * @return the event's id
	 */
	public String publish(String tenant, String type, Map<String, @Nullable Object> data) {
		String tenantId = this.engine.tenantSettings(tenant).tenantId;
		synchronized (this.lock) {
			String id = UUID.randomUUID().toString();
			Pending event = new Pending(id, type, tenant, envelope(id, type, tenantId, data),
					this.engine.clock().instant());
			this.pending.add(event);
			return event.id;
		}
	}

	/**
	 * Sends every delivery due by the simulator's clock, new changes first collected; waits for each answer.
	 * @return the attempts made
	 */
	public List<Attempt> deliverDue() {
		List<Pending> due = new ArrayList<>();
		String callback;
		String secret;
		synchronized (this.lock) {
			if (this.callback == null) {
				return List.of();
			}
			callback = this.callback;
			secret = this.secret;
			collectChanges();
			collectReadyReports();
			Instant now = this.engine.clock().instant();
			for (Pending event : this.pending) {
				if (!event.dueAt.isAfter(now)) {
					due.add(event);
				}
			}
			this.pending.removeAll(due);
		}
		List<Attempt> made = new ArrayList<>();
		for (Pending event : due) {
			int status = send(callback.replace("{tenant}", event.tenant), secret, event.body);
			Instant sentAt = this.engine.clock().instant();
			event.attempts++;
			boolean retry = (status < 200 || status > 299) && event.attempts <= RETRY_DELAYS.size();
			Attempt attempt = new Attempt(event.id, event.type, event.tenant, event.attempts, sentAt, status,
					event.body, retry ? sentAt.plus(RETRY_DELAYS.get(event.attempts - 1)) : null);
			made.add(attempt);
			synchronized (this.lock) {
				this.attempts.add(attempt);
				if (retry) {
					event.dueAt = attempt.nextAttemptAt;
					this.pending.add(event);
				}
			}
		}
		return made;
	}

	/** Every attempt so far, in order. */
	public List<Attempt> attempts() {
		synchronized (this.lock) {
			return List.copyOf(this.attempts);
		}
	}

	/** Deliveries waiting for their time (retries included). */
	public int pendingCount() {
		synchronized (this.lock) {
			return this.pending.size();
		}
	}

	private void baseline() {
		this.seen.clear();
		for (String tenant : this.engine.tenantNames()) {
			TenantState state = this.engine.tenant(tenant);
			for (String[] resource : RESOURCES) {
				RecordStore store = state.store(resource[0], resource[1]);
				if (store != null) {
					this.seen.put(tenant + "/" + resource[1], store.lastSequence());
				}
			}
		}
	}

	private void collectChanges() {
		Instant now = this.engine.clock().instant();
		for (String tenant : this.engine.tenantNames()) {
			TenantState state = this.engine.tenant(tenant);
			String tenantId = this.engine.tenantSettings(tenant).tenantId;
			for (String[] resource : RESOURCES) {
				RecordStore store = state.store(resource[0], resource[1]);
				if (store == null) {
					continue;
				}
				String key = tenant + "/" + resource[1];
				long after = this.seen.getOrDefault(key, 0L);
				// a reset reseeded the store: its sequence went back, start from where it is now
				if (store.lastSequence() < after) {
					this.seen.put(key, store.lastSequence());
					continue;
				}
				for (RecordStore.Change change : store.changesAfter(after, Integer.MAX_VALUE)) {
					Map<String, @Nullable Object> record = change.record();
					String what = Boolean.FALSE.equals(record.get("active")) ? "deleted"
							: (record.get("createdOn") != null && record.get("createdOn").equals(record.get("modifiedOn")))
									? "created" : "updated";
					String type = "tn." + resource[2] + "." + resource[3] + "-" + what;
					String id = UUID.randomUUID().toString();
					this.pending.add(new Pending(id, type, tenant, envelope(id, type, tenantId, record), now));
					after = change.sequence();
				}
				this.seen.put(key, after);
			}
		}
		// retries wait behind newer events only by their due time
		this.pending.sort((a, b) -> a.dueAt.compareTo(b.dueAt));
	}

	/** Report queries started with {@code notifyWhenReady=true} that finished: one event each, due when it finished. */
	private void collectReadyReports() {
		for (ReportsApi.ReadyQuery query : this.engine.reports().takeReady()) {
			String tenant = this.engine.tenantNames()
				.stream()
				.filter((name) -> this.engine.tenantSettings(name).tenantId.equals(query.tenantId))
				.findFirst()
				.orElse(null);
			if (tenant == null) {
				continue;
			}
			Map<String, @Nullable Object> data = new LinkedHashMap<>();
			data.put("token", query.token);
			data.put("reportId", query.reportId);
			String id = UUID.randomUUID().toString();
			this.pending.add(new Pending(id, REPORT_READY, tenant, envelope(id, REPORT_READY, query.tenantId, data),
					query.readyAt));
		}
		this.pending.sort((a, b) -> a.dueAt.compareTo(b.dueAt));
	}

	private String envelope(String id, String type, String tenantId, Map<String, @Nullable Object> data) {
		Map<String, @Nullable Object> envelope = new LinkedHashMap<>();
		envelope.put("specversion", "1.0");
		envelope.put("id", id);
		envelope.put("type", type);
		envelope.put("source", "servicetitan-simulator");
		envelope.put("time", Records.format(this.engine.clock().instant()));
		envelope.put("userassignedid", "simulator");
		envelope.put("tenantid", tenantId);
		envelope.put("datacontenttype", "application/json");
		envelope.put("data", data);
		return Json.write(envelope);
	}

	private int send(String url, @Nullable String secret, String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
		if (secret != null) {
			request.header(SIGNATURE_HEADER, sign(secret, body));
		}
		try {
			return this.http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (IOException ex) {
			return 0;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 0;
		}
	}

	/** HMAC-SHA256 of the body under the key, in lower-case hex. */
	public static String sign(String secret, String body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			StringBuilder hex = new StringBuilder(64);
			for (byte b : mac.doFinal(body.getBytes(StandardCharsets.UTF_8))) {
				hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
			}
			return hex.toString();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** One attempt to deliver an event; see {@code SimulatedWebhooks.Delivery}. */
	public static final class Attempt {

		public final String eventId;

		public final String type;

		public final String tenant;

		public final int attempt;

		public final Instant sentAt;

		public final int status;

		public final String body;

		public final @Nullable Instant nextAttemptAt;

		Attempt(String eventId, String type, String tenant, int attempt, Instant sentAt, int status, String body,
				@Nullable Instant nextAttemptAt) {
			this.eventId = eventId;
			this.type = type;
			this.tenant = tenant;
			this.attempt = attempt;
			this.sentAt = sentAt;
			this.status = status;
			this.body = body;
			this.nextAttemptAt = nextAttemptAt;
		}

	}

	private static final class Pending {

		final String id;

		final String type;

		final String tenant;

		final String body;

		Instant dueAt;

		int attempts;

		Pending(String id, String type, String tenant, String body, Instant dueAt) {
			this.id = id;
			this.type = type;
			this.tenant = tenant;
			this.body = body;
			this.dueAt = dueAt;
		}

	}

}
