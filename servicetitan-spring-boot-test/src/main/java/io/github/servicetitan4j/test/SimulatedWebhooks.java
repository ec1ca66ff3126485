package io.github.servicetitan4j.test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import io.github.servicetitan4j.test.internal.WebhookSender;

/**
 * The webhook deliveries the simulator sends to the application under test, as ServiceTitan's V2 webhooks do: a
 * CloudEvents 1.0 envelope per change of a built-in resource ({@code tn.jpm.job-created}, {@code -updated},
 * {@code -deleted}; {@code tn.crm.customer-*}, {@code tn.crm.location-*}, {@code tn.jpm.appointment-*},
 * {@code tn.acc.invoice-*}) and per event a test publishes (a report's completion, {@code tn.rpr.report-data-ready}),
 * signed with HMAC-SHA256 of the raw body in hex under {@code X-ServiceTitan-Signature}, with the tenant's id as the
 * envelope's {@code tenantid} attribute. A delivery answered other than 2xx is retried after 10, 30, 60 and 300
 * seconds of the simulator's clock, then given up. Every attempt and the application's answer are recorded.
 * <p>
 * Nothing is sent by itself: {@link #deliverDue()} sends what is due, and so does
 * {@link ServiceTitanSimulator#advanceClock}, on the caller's thread, waiting for the answers.
 */
public final class SimulatedWebhooks {

	private final WebhookSender sender;

	SimulatedWebhooks(WebhookSender sender) {
		this.sender = sender;
	}

	/**
	 * Sends deliveries of every later change to the application; changes made before are not sent.
	 * @param callback the application's URL, {@code {tenant}} in it replaced with the tenant's name
	 * ({@code http://127.0.0.1:8080/servicetitan/webhooks/{tenant}})
	 * @param secret HMAC key the deliveries are signed with, or null to send them unsigned
	 */
	public void subscribe(String callback, @Nullable String secret) {
		this.sender.subscribe(callback, secret);
	}

	/**
	 * Queues an event of any type for a tenant, due now; sent by the next {@link #deliverDue()}.
	 * @param tenant the tenant's name
	 * @param type event type, for example {@code tn.rpr.report-data-ready}
	 * @param data the payload
	 * @return the event's id
	 */
	public String publish(String tenant, String type, Map<String, @Nullable Object> data) {
		return this.sender.publish(tenant, type, data);
	}

	/**
	 * Sends the deliveries due by the simulator's clock: changes since the last call, and retries whose time came.
	 * @return the attempts made, with the application's answers
	 */
	public List<Delivery> deliverDue() {
		return this.sender.deliverDue().stream().map(SimulatedWebhooks::delivery).collect(Collectors.toList());
	}

	/**
	 * Every attempt so far, in order.
	 * @return every attempt so far, in order
	 */
	public List<Delivery> deliveries() {
		return this.sender.attempts().stream().map(SimulatedWebhooks::delivery).collect(Collectors.toList());
	}

	/**
	 * How many deliveries wait for their time (retries included).
	 * @return how many deliveries wait for their time (retries included)
	 */
	public int pending() {
		return this.sender.pendingCount();
	}

	/**
	 * Signs a body as the simulator does, for a test that sends its own deliveries.
	 * @param secret the HMAC key the subscription was given
	 * @param body the delivery body, exactly as sent
	 * @return the signature, HMAC-SHA256 in hex
	 */
	public static String sign(String secret, String body) {
		return WebhookSender.sign(secret, body);
	}

	private static Delivery delivery(WebhookSender.Attempt attempt) {
		return new Delivery(attempt.eventId, attempt.type, attempt.tenant, attempt.attempt, attempt.sentAt,
				attempt.status, attempt.body, attempt.nextAttemptAt);
	}

	/** One attempt to deliver an event, and the application's answer. */
	public static final class Delivery {

		private final String eventId;

		private final String type;

		private final String tenant;

		private final int attempt;

		private final Instant sentAt;

		private final int status;

		private final String body;

		private final @Nullable Instant nextAttemptAt;

		Delivery(String eventId, String type, String tenant, int attempt, Instant sentAt, int status, String body,
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

		/**
		 * The event's id, the same in every attempt.
		 * @return the event's id, the same in every attempt
		 */
		public String eventId() {
			return this.eventId;
		}

		/**
		 * The event type.
		 * @return the event type
		 */
		public String type() {
			return this.type;
		}

		/**
		 * The tenant's name.
		 * @return the tenant's name
		 */
		public String tenant() {
			return this.tenant;
		}

		/**
		 * 1 for the first delivery, up to 5.
		 * @return 1 for the first delivery, up to 5
		 */
		public int attempt() {
			return this.attempt;
		}

		/**
		 * When it was sent, by the simulator's clock.
		 * @return when it was sent, by the simulator's clock
		 */
		public Instant sentAt() {
			return this.sentAt;
		}

		/**
		 * The application's answer, 0 when it could not be reached.
		 * @return the application's answer, 0 when it could not be reached
		 */
		public int status() {
			return this.status;
		}

		/**
		 * The envelope sent.
		 * @return the envelope sent
		 */
		public String body() {
			return this.body;
		}

		/**
		 * When it is retried, null when it succeeded or was given up.
		 * @return when it is retried, null when it succeeded or was given up
		 */
		public @Nullable Instant nextAttemptAt() {
			return this.nextAttemptAt;
		}

		@Override
		public String toString() {
			return "Delivery[" + this.type + " " + this.eventId + " to " + this.tenant + ", attempt " + this.attempt
					+ " at " + this.sentAt + ": " + this.status + "]";
		}

	}

}
