package io.github.servicetitan4j.autoconfigure.webhook;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CompletableFuture;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import io.github.servicetitan4j.CapturedLogs;
import io.github.servicetitan4j.internal.ReportReadySignals;
import io.github.servicetitan4j.webhook.WebhookEvent;

import static io.github.servicetitan4j.autoconfigure.webhook.WebhookApp.KEY;
import static io.github.servicetitan4j.autoconfigure.webhook.WebhookApp.OLD_KEY;
import static io.github.servicetitan4j.autoconfigure.webhook.WebhookApp.base64;
import static io.github.servicetitan4j.autoconfigure.webhook.WebhookApp.event;
import static io.github.servicetitan4j.autoconfigure.webhook.WebhookApp.hex;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deliveries sent over HTTP to the endpoint of a real Spring MVC application on a free port.
 */
class WebhookWireTests {

	private static final String JOB = "tn.jpm.job-completed";

	private static final String PATH = "/servicetitan/webhooks";

	@Test
	void whenASignedDeliveryArrivesThenTheHandlerAndTheListenerGetTheEventOnceAndTheAnswerIs200() {
		try (WebhookApp app = new WebhookApp("servicetitan.tenant-id=42", "servicetitan.webhooks.secrets=" + KEY)) {
			HttpResponse<String> response = app.deliver(event("e-1", JOB, "{\"id\":77,\"jobNumber\":\"J-77\"}"));
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).isEmpty();
			assertThat(app.recorder().handled).hasSize(1);
			assertThat(app.recorder().listened).hasSize(1);
			WebhookEvent event = app.recorder().handled.get(0);
			assertThat(event.tenant()).isEqualTo("default");
			assertThat(event.type()).isEqualTo(JOB);
			assertThat(event.id()).isEqualTo("e-1");
			assertThat(event.time()).isEqualTo(Instant.parse("2026-12-04T10:15:30Z"));
			assertThat(event.source()).isEqualTo("servicetitan");
			assertThat(event.data().path("id").asLong()).isEqualTo(77);
			assertThat(event.dataAs(Job.class)).isEqualTo(new Job(77, "J-77"));
		}
	}

	@Test
	void whenAnEventOfAnotherTypeArrivesThenOnlyTheListenerGetsIt() {
		try (WebhookApp app = new WebhookApp("servicetitan.tenant-id=42", "servicetitan.webhooks.secrets=" + KEY)) {
			assertThat(app.deliver(event("e-2", "tn.crm.lead-created", "{}")).statusCode()).isEqualTo(200);
			assertThat(app.recorder().handled).isEmpty();
			assertThat(app.recorder().listened).extracting(WebhookEvent::type).containsExactly("tn.crm.lead-created");
		}
	}

	@Test
	void whenTheSignatureIsWrongOrMissingThenTheDeliveryIsRefusedWith401AndNoDetail() {
		try (WebhookApp app = new WebhookApp("servicetitan.tenant-id=42", "servicetitan.webhooks.secrets=" + KEY)) {
			String body = event("e-3", JOB, "{}");
			HttpResponse<String> wrongKey = app.send(PATH, body,
					Map.of("X-ServiceTitan-Signature", hex("w".repeat(40), body)));
			HttpResponse<String> tampered = app.send(PATH, body.replace("e-3", "e-4"),
					Map.of("X-ServiceTitan-Signature", hex(KEY, body)));
			HttpResponse<String> garbage = app.send(PATH, body, Map.of("X-ServiceTitan-Signature", "not a signature"));
			HttpResponse<String> missing = app.send(PATH, body, Map.of());
			for (HttpResponse<String> response : List.of(wrongKey, tampered, garbage, missing)) {
				assertThat(response.statusCode()).isEqualTo(401);
				assertThat(response.body()).isEmpty();
			}
			assertThat(app.recorder().handled).isEmpty();
			assertThat(app.recorder().listened).isEmpty();
		}
	}

	@Test
	void whenUnsignedDeliveriesAreAllowedThenOneWithoutSignatureIsHandledButABadSignatureIsStillRefused() {
		try (WebhookApp app = new WebhookApp("servicetitan.tenant-id=42", "servicetitan.webhooks.allow-unsigned=true")) {
			String body = event("e-5", JOB, "{}");
			assertThat(app.send(PATH, body, Map.of()).statusCode()).isEqualTo(200);
			assertThat(app.send(PATH, event("e-6", JOB, "{}"), Map.of("X-ServiceTitan-Signature", hex(KEY, body)))
				.statusCode()).isEqualTo(401);
			assertThat(app.recorder().handled).extracting(WebhookEvent::id).containsExactly("e-5");
		}
	}

	@Test
	void whenTheSameEventIsDeliveredAgainThenItIsAnswered200AndNotHandledAgain() {
		try (WebhookApp app = new WebhookApp("servicetitan.tenant-id=42", "servicetitan.webhooks.secrets=" + KEY)) {
			String body = event("e-7", JOB, "{}");
			assertThat(app.deliver(body).statusCode()).isEqualTo(200);
			assertThat(app.deliver(body).statusCode()).isEqualTo(200);
			assertThat(app.deliver(body).statusCode()).isEqualTo(200);
			assertThat(app.recorder().handled).hasSize(1);
			assertThat(app.recorder().listened).hasSize(1);
		}
	}

	@Test
	void whenTheHandlerFailsThenTheAnswerIs500AndTheRedeliveryIsHandledExactlyOnce() {
		try (WebhookApp app = new WebhookApp("servicetitan.tenant-id=42", "servicetitan.webhooks.secrets=" + KEY)) {
			List<String> attempts = new CopyOnWriteArrayList<>();
			app.recorder().action = (event) -> {
				attempts.add(event.id());
				if (attempts.size() == 1) {
					throw new IllegalStateException("database down");
				}
			};
			String body = event("e-8", JOB, "{}");
			HttpResponse<String> failed = app.deliver(body);
			assertThat(failed.statusCode()).isEqualTo(500);
			assertThat(failed.body()).doesNotContain("database down");
			assertThat(app.deliver(body).statusCode()).isEqualTo(200);
			assertThat(app.deliver(body).statusCode()).isEqualTo(200);
			assertThat(attempts).containsExactly("e-8", "e-8");
			assertThat(app.recorder().handled).hasSize(1);
			assertThat(app.recorder().listened).hasSize(1);
		}
	}

	@Test
	void whenTheKeyIsRotatedThenDeliveriesSignedWithEitherKeyInHexOrBase64AreHandled() {
		try (WebhookApp app = new WebhookApp("servicetitan.tenant-id=42",
				"servicetitan.webhooks.secrets[0]=" + KEY, "servicetitan.webhooks.secrets[1]=" + OLD_KEY)) {
			String newHex = event("e-9", JOB, "{}");
			String oldHex = event("e-10", JOB, "{}");
			String newBase64 = event("e-11", JOB, "{}");
			String oldBase64 = event("e-12", JOB, "{}");
			assertThat(app.send(PATH, newHex, Map.of("X-ServiceTitan-Signature", hex(KEY, newHex))).statusCode())
				.isEqualTo(200);
			assertThat(app.send(PATH, oldHex, Map.of("X-ServiceTitan-Signature", hex(OLD_KEY, oldHex))).statusCode())
				.isEqualTo(200);
			assertThat(app.send(PATH, newBase64, Map.of("X-ServiceTitan-Signature", base64(KEY, newBase64)))
				.statusCode()).isEqualTo(200);
			assertThat(app.send(PATH, oldBase64, Map.of("X-ServiceTitan-Signature", "sha256=" + base64(OLD_KEY, oldBase64)))
				.statusCode()).isEqualTo(200);
			assertThat(app.recorder().handled).extracting(WebhookEvent::id).containsExactly("e-9", "e-10", "e-11", "e-12");
		}
	}

	@Test
	void whenTheEncodingIsHexThenABase64SignatureIsRefused() {
		try (WebhookApp app = new WebhookApp("servicetitan.tenant-id=42", "servicetitan.webhooks.secrets=" + KEY,
				"servicetitan.webhooks.encoding=hex", "servicetitan.webhooks.header=X-Signature")) {
			String body = event("e-13", JOB, "{}");
			assertThat(app.send(PATH, body, Map.of("X-Signature", base64(KEY, body))).statusCode()).isEqualTo(401);
			assertThat(app.send(PATH, body, Map.of("X-Signature", hex(KEY, body).toUpperCase())).statusCode())
				.isEqualTo(200);
			assertThat(app.recorder().handled).hasSize(1);
		}
	}

	@Test
	void whenTheBodyIsLargerThanTheLimitThenItIsRefusedWith413AndNotHandled() {
		try (WebhookApp app = new WebhookApp("servicetitan.tenant-id=42", "servicetitan.webhooks.secrets=" + KEY,
				"servicetitan.webhooks.max-body-size=1KB")) {
			String body = event("e-14", JOB, "{\"notes\":\"" + "x".repeat(2000) + "\"}");
			assertThat(app.deliver(body).statusCode()).isEqualTo(413);
			assertThat(app.recorder().handled).isEmpty();
		}
	}

	@Test
	void whenTheBodyIsNotAnEventThenItIsRefusedWith400() {
		try (WebhookApp app = new WebhookApp("servicetitan.tenant-id=42", "servicetitan.webhooks.secrets=" + KEY)) {
			assertThat(app.deliver("{\"type\":\"" + JOB + "\"}").statusCode()).isEqualTo(400);
			assertThat(app.deliver("not json").statusCode()).isEqualTo(400);
			assertThat(app.recorder().listened).isEmpty();
		}
	}

	@Test
	void whenSeveralTenantsAreConfiguredThenEventsAreRoutedByPathOrTenantIdAndUnknownTenantsAreRefused() {
		try (WebhookApp app = new WebhookApp("servicetitan.tenants.acme.tenant-id=111",
				"servicetitan.tenants.globex.tenant-id=222", "servicetitan.webhooks.secrets=" + KEY)) {
			String byPath = event("e-15", JOB, "{}");
			String byTenantId = event("e-16", JOB, "{\"tenantId\":222}");
			String unknownId = event("e-17", JOB, "{\"tenantId\":333}");
			String unknownPath = event("e-18", JOB, "{}");
			String noTenant = event("e-19", JOB, "{}");
			assertThat(app.send(PATH + "/acme", byPath, Map.of("X-ServiceTitan-Signature", hex(KEY, byPath))).statusCode())
				.isEqualTo(200);
			assertThat(app.deliver(byTenantId).statusCode()).isEqualTo(200);
			assertThat(app.deliver(unknownId).statusCode()).isEqualTo(404);
			assertThat(app.send(PATH + "/initech", unknownPath, Map.of("X-ServiceTitan-Signature", hex(KEY, unknownPath)))
				.statusCode()).isEqualTo(404);
			assertThat(app.deliver(noTenant).statusCode()).isEqualTo(404);
			assertThat(app.recorder().handled).extracting(WebhookEvent::tenant).containsExactly("acme", "globex");
		}
	}

	@Test
	void whenTheSameEventArrivesTwiceAtOnceThenOneDeliveryRunsTheHandlerAndTheOtherIsAnswered409() throws Exception {
		try (WebhookApp app = new WebhookApp("servicetitan.tenant-id=42", "servicetitan.webhooks.secrets=" + KEY)) {
			CountDownLatch entered = new CountDownLatch(1);
			CountDownLatch release = new CountDownLatch(1);
			app.recorder().action = (event) -> {
				entered.countDown();
				await(release);
			};
			String body = event("e-20", JOB, "{}");
			CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> app.deliver(body));
			assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
			assertThat(app.deliver(body).statusCode()).isEqualTo(409);
			release.countDown();
			assertThat(first.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
			assertThat(app.deliver(body).statusCode()).isEqualTo(200);
			assertThat(app.recorder().handled).hasSize(1);
		}
	}

	@Test
	void whenDeliveriesArriveThenTheMetersCountThemByOutcomeTenantAndType() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		try (WebhookApp app = new WebhookApp(List.of(registry), "servicetitan.tenant-id=42",
				"servicetitan.webhooks.secrets=" + KEY)) {
			app.recorder().action = (event) -> {
				if (event.id().equals("e-22")) {
					throw new IllegalStateException("boom");
				}
			};
			String body = event("e-21", JOB, "{}");
			app.deliver(body);
			app.deliver(body);
			app.deliver(event("e-22", JOB, "{}"));
			app.send(PATH, body, Map.of());
			assertThat(count(registry, "received", "unknown", "unknown")).isEqualTo(4);
			assertThat(count(registry, "verified", "unknown", "unknown")).isEqualTo(3);
			assertThat(count(registry, "handled", "default", JOB)).isEqualTo(1);
			assertThat(count(registry, "duplicate", "default", JOB)).isEqualTo(1);
			assertThat(count(registry, "failed", "default", JOB)).isEqualTo(1);
			assertThat(registry.get(MicrometerWebhookMeters.NAME).tag("outcome", "refused").tag("reason", "unsigned")
				.counter().count()).isEqualTo(1);
		}
	}

	@Test
	void whenAReportIsReadyThenTheReportSignalsAreNotified() {
		try (WebhookApp app = new WebhookApp("servicetitan.tenant-id=42", "servicetitan.webhooks.secrets=" + KEY)) {
			List<String> signals = new CopyOnWriteArrayList<>();
			app.context.getBean(ReportReadySignals.class)
				.subscribe((tenant, data) -> signals.add(tenant + ":" + data.path("token").asString()));
			assertThat(app.deliver(event("e-23", ReportReadySignals.EVENT_TYPE, "{\"token\":\"q-1\"}")).statusCode())
				.isEqualTo(200);
			assertThat(signals).containsExactly("default:q-1");
		}
	}

	@Test
	void whenDeliveriesAreRefusedOrFailThenNoKeyAppearsInLogsResponsesOrToString() {
		// Opened after the start: Spring Boot's logging system replaces the appenders at startup
		try (WebhookApp app = new WebhookApp("servicetitan.tenant-id=42", "servicetitan.webhooks.secrets[0]=" + KEY,
				"servicetitan.webhooks.secrets[1]=" + OLD_KEY, "logging.level.io.github.servicetitan4j=TRACE",
				"logging.level.org.springframework.web=TRACE");
				CapturedLogs logs = new CapturedLogs()) {
			app.recorder().action = (event) -> {
				throw new IllegalStateException("handler failed");
			};
			String body = event("e-24", JOB, "{}");
			List<String> answers = List.of(app.deliver(body).body(),
					app.send(PATH, body, Map.of("X-ServiceTitan-Signature", "bad")).body(),
					app.send(PATH, body, Map.of()).body());
			ServiceTitanWebhookProperties properties = app.context.getBean(ServiceTitanWebhookProperties.class);
			List<String> shown = new java.util.ArrayList<>(logs.lines());
			shown.addAll(answers);
			shown.add(properties.toString());
			shown.add(new SignatureVerifier(properties.getSecrets(), "HmacSHA256",
					ServiceTitanWebhookProperties.SignatureEncoding.AUTO).toString());
			assertThat(logs.lines()).anyMatch((line) -> line.contains("e-24") && line.contains("failed in its handler"));
			assertThat(shown).noneMatch((line) -> line.contains(KEY) || line.contains(OLD_KEY)
					|| line.contains(KEY.substring(20)) || line.contains(OLD_KEY.substring(20)));
		}
	}

	private static double count(MeterRegistry registry, String outcome, String tenant, String type) {
		return registry.get(MicrometerWebhookMeters.NAME)
			.tag("outcome", outcome)
			.tag("tenant", tenant)
			.tag("type", type)
			.counters()
			.stream()
			.mapToDouble((counter) -> counter.count())
			.sum();
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	record Job(long id, String jobNumber) {
	}


}
