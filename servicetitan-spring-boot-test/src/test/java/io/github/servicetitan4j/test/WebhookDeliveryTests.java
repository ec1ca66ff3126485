package io.github.servicetitan4j.test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.servicetitan4j.test.internal.Json;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator's webhook deliveries, received by a bare HTTP server on loopback that records what arrived and answers
 * the status a test sets: signed CloudEvents envelopes for resource changes, ServiceTitan's retry schedule on the
 * simulator's clock, and the same over the admin API.
 */
class WebhookDeliveryTests {

	private static final String KEY = "simulator-webhook-key-0123456789abcdef";

	private static final Instant START = Instant.parse("2026-12-04T10:00:00Z");

	private final ServiceTitanSimulator simulator = ServiceTitanSimulator.builder()
		.clock(Clock.fixed(START, ZoneOffset.UTC))
		.start();

	private final Receiver receiver = new Receiver();

	@AfterEach
	void stop() {
		this.simulator.close();
		this.receiver.server.stop(0);
	}

	@Test
	void whenAJobChangesThenASignedCloudEventReachesTheTenantsCallbackOnce() {
		this.simulator.webhooks().subscribe(this.receiver.url() + "/hooks/{tenant}", KEY);
		long jobId = id(this.simulator.tenant().jobs().get(0));
		SimulatorHttp http = new SimulatorHttp(this.simulator);
		assertThat(http.sendJson("PATCH", http.path("jpm", "jobs/" + jobId), Map.of("summary", "Fixed the boiler"))
			.statusCode()).isEqualTo(200);

		List<SimulatedWebhooks.Delivery> sent = this.simulator.webhooks().deliverDue();

		assertThat(sent).hasSize(1);
		assertThat(this.receiver.received).hasSize(1);
		Received delivery = this.receiver.received.get(0);
		assertThat(delivery.path).isEqualTo("/hooks/default");
		assertThat(delivery.signature).isEqualTo(SimulatedWebhooks.sign(KEY, delivery.body));
		Map<String, @Nullable Object> envelope = Json.parseObject(delivery.body);
		assertThat(envelope).containsEntry("specversion", "1.0")
			.containsEntry("type", "tn.jpm.job-updated")
			.containsEntry("id", sent.get(0).eventId())
			.containsEntry("tenantid", this.simulator.tenantId())
			.containsKeys("time", "source", "userassignedid");
		@SuppressWarnings("unchecked")
		Map<String, @Nullable Object> data = (Map<String, @Nullable Object>) envelope.get("data");
		assertThat(data).containsEntry("summary", "Fixed the boiler");
		assertThat(id(data)).isEqualTo(jobId);
		assertThat(sent.get(0).status()).isEqualTo(200);
		assertThat(sent.get(0).nextAttemptAt()).isNull();
		assertThat(this.simulator.webhooks().deliverDue()).isEmpty();
		assertThat(this.receiver.received).hasSize(1);
	}

	@Test
	void whenAReportQueryAskedToBeNotifiedFinishesOnTheSimulatorClockThenTheReportDataReadyEventNamesItsToken() {
		ServiceTitanSimulator reports = ServiceTitanSimulator.builder()
			.clock(Clock.fixed(START, ZoneOffset.UTC))
			.reportQueries(0, Duration.ofSeconds(20), 2)
			.start();
		try {
			reports.webhooks().subscribe(this.receiver.url() + "/hooks/{tenant}", KEY);
			SimulatorHttp http = new SimulatorHttp(reports);
			String query = http.path("reporting", "report-category/accounting/reports/41001/data/query?pageSize=50");
			Map<String, Object> october = Map.of("parameters", List.of(Map.of("name", "From", "value", "2026-10-01"),
					Map.of("name", "To", "value", "2026-10-31")));
			HttpResponse<String> notified = http.sendJson("POST", query + "&notifyWhenReady=true", october);
			HttpResponse<String> silent = http.sendJson("POST", query, october);
			assertThat(notified.statusCode()).isEqualTo(202);
			assertThat(silent.statusCode()).isEqualTo(202);
			String token = String.valueOf(SimulatorHttp.json(notified).get("token"));

			reports.advanceClock(Duration.ofSeconds(19));
			assertThat(this.receiver.received).isEmpty();
			reports.advanceClock(Duration.ofSeconds(1));
			reports.advanceClock(Duration.ofHours(1));

			assertThat(this.receiver.received).hasSize(1);
			Received delivery = this.receiver.received.get(0);
			assertThat(delivery.path).isEqualTo("/hooks/default");
			assertThat(delivery.signature).isEqualTo(SimulatedWebhooks.sign(KEY, delivery.body));
			Map<String, @Nullable Object> envelope = Json.parseObject(delivery.body);
			assertThat(envelope).containsEntry("type", "tn.rpr.report-data-ready")
				.containsEntry("tenantid", reports.tenantId());
			assertThat(envelope.get("data")).isEqualTo(Map.of("token", token, "reportId", 41001L));
			assertThat(reports.webhooks().deliveries()).extracting(SimulatedWebhooks.Delivery::status).containsExactly(200);
		}
		finally {
			reports.close();
		}
	}

	@Test
	void whenTheApplicationKeepsFailingThenTheDeliveryIsRetriedAfter10_30_60And300SecondsOfTheSimulatorClockThenGivenUp() {
		this.receiver.status.set(500);
		this.simulator.webhooks().subscribe(this.receiver.url() + "/hooks", KEY);
		String id = this.simulator.webhooks().publish("default", "tn.rpr.report-data-ready", Map.of("token", "q-1"));
		this.simulator.webhooks().deliverDue();
		for (long delay : new long[] { 10, 30, 60, 300 }) {
			int before = this.receiver.received.size();
			this.simulator.advanceClock(Duration.ofSeconds(delay - 1));
			assertThat(this.receiver.received).hasSize(before);
			this.simulator.advanceClock(Duration.ofSeconds(1));
			assertThat(this.receiver.received).hasSize(before + 1);
		}
		this.simulator.advanceClock(Duration.ofHours(1));
		List<SimulatedWebhooks.Delivery> deliveries = this.simulator.webhooks().deliveries();
		assertThat(deliveries).extracting(SimulatedWebhooks.Delivery::attempt).containsExactly(1, 2, 3, 4, 5);
		assertThat(deliveries).extracting(SimulatedWebhooks.Delivery::eventId).containsOnly(id);
		assertThat(deliveries).extracting(SimulatedWebhooks.Delivery::status).containsOnly(500);
		assertThat(deliveries).extracting(SimulatedWebhooks.Delivery::sentAt)
			.containsExactly(START, START.plusSeconds(10), START.plusSeconds(40), START.plusSeconds(100),
					START.plusSeconds(400));
		assertThat(deliveries.get(4).nextAttemptAt()).isNull();
		assertThat(this.simulator.webhooks().pending()).isZero();
		assertThat(this.receiver.received).extracting((received) -> received.body).containsOnly(deliveries.get(0).body());
	}

	@Test
	void whenTheApplicationRecoversThenTheNextRetrySucceedsAndNoMoreAreSent() {
		this.receiver.status.set(503);
		this.simulator.webhooks().subscribe(this.receiver.url() + "/hooks", null);
		this.simulator.webhooks().publish("default", "tn.jpm.job-completed", Map.of("id", 1));
		this.simulator.webhooks().deliverDue();
		this.receiver.status.set(200);
		this.simulator.advanceClock(Duration.ofSeconds(10));
		this.simulator.advanceClock(Duration.ofHours(1));
		assertThat(this.simulator.webhooks().deliveries()).extracting(SimulatedWebhooks.Delivery::status)
			.containsExactly(503, 200);
		assertThat(this.receiver.received).extracting((received) -> received.signature).containsOnly((String) null);
	}

	@Test
	void whenDrivenOverTheAdminApiThenItSubscribesPublishesDeliversAndRetriesOnTheClock() throws Exception {
		this.receiver.status.set(500);
		HttpClient http = HttpClient.newHttpClient();
		URI admin = this.simulator.apiUrl().resolve("/__simulator/webhooks");
		assertThat(post(http, admin, Json.write(Map.of("callback", this.receiver.url() + "/hooks/{tenant}", "secret", KEY)))
			.statusCode()).isEqualTo(204);
		HttpResponse<String> published = post(http, admin.resolve("/__simulator/webhooks/events"),
				Json.write(Map.of("tenant", "default", "type", "tn.jpm.job-completed", "data", Map.of("id", 7))));
		assertThat(published.statusCode()).isEqualTo(200);
		assertThat(post(http, admin.resolve("/__simulator/webhooks/deliver"), "").statusCode()).isEqualTo(202);
		List<?> first = awaitDeliveries(http, admin, 1);
		assertThat(post(http, this.simulator.apiUrl().resolve("/__simulator/clock"), "{\"advance\":\"PT10S\"}").statusCode())
			.isEqualTo(200);
		List<?> second = awaitDeliveries(http, admin, 2);
		@SuppressWarnings("unchecked")
		Map<String, @Nullable Object> retry = (Map<String, @Nullable Object>) second.get(1);
		assertThat(retry).containsEntry("attempt", 2L)
			.containsEntry("status", 500L)
			.containsEntry("sentAt", "2026-12-04T10:00:10Z")
			.containsEntry("nextAttemptAt", "2026-12-04T10:00:40Z")
			.containsEntry("eventId", Json.parseObject(published.body()).get("id"));
		assertThat(first).hasSize(1);
		assertThat(this.receiver.received).hasSize(2);
		assertThat(this.receiver.received.get(1).signature)
			.isEqualTo(SimulatedWebhooks.sign(KEY, this.receiver.received.get(1).body));
	}

	private static List<?> awaitDeliveries(HttpClient http, URI admin, int count) throws Exception {
		// the admin API sends in the background: wait (bounded) for the answer to be recorded
		for (int i = 0; i < 500; i++) {
			Map<String, @Nullable Object> body = Json
				.parseObject(http.send(HttpRequest.newBuilder(admin).build(), HttpResponse.BodyHandlers.ofString()).body());
			List<?> deliveries = (List<?>) body.get("deliveries");
			if (deliveries.size() >= count) {
				return deliveries;
			}
			Thread.sleep(10);
		}
		throw new AssertionError("no " + count + " deliveries recorded");
	}

	private static HttpResponse<String> post(HttpClient http, URI uri, String body) throws Exception {
		return http.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static long id(Map<String, @Nullable Object> record) {
		return ((Number) record.get("id")).longValue();
	}

	private static final class Received {

		final String path;

		final @Nullable String signature;

		final String body;

		Received(String path, @Nullable String signature, String body) {
			this.path = path;
			this.signature = signature;
			this.body = body;
		}

	}

	/** A bare HTTP server on loopback: records each request, answers {@link #status}. */
	private static final class Receiver {

		final HttpServer server;

		final List<Received> received = new CopyOnWriteArrayList<>();

		final AtomicInteger status = new AtomicInteger(200);

		Receiver() {
			try {
				this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			}
			catch (IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
			this.server.createContext("/", (exchange) -> {
				try (InputStream in = exchange.getRequestBody()) {
					this.received.add(new Received(exchange.getRequestURI().getPath(),
							exchange.getRequestHeaders().getFirst("X-ServiceTitan-Signature"),
							new String(in.readAllBytes(), StandardCharsets.UTF_8)));
				}
				exchange.sendResponseHeaders(this.status.get(), -1);
				exchange.close();
			});
			this.server.start();
		}

		String url() {
			return "http://127.0.0.1:" + this.server.getAddress().getPort();
		}

	}

}
