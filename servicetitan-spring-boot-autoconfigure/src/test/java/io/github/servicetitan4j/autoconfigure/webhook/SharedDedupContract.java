package io.github.servicetitan4j.autoconfigure.webhook;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static io.github.servicetitan4j.autoconfigure.webhook.WebhookApp.KEY;
import static io.github.servicetitan4j.autoconfigure.webhook.WebhookApp.event;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of an application sharing one deduplication store, each with its own endpoint on its own port and its
 * own connection to the store, as two replicas behind a load balancer.
 */
abstract class SharedDedupContract {

	private static final String JOB = "tn.jpm.job-completed";

	/** The store's beans for one instance (its own connection), and the store's property. */
	abstract List<Object> instanceBeans();

	abstract String store();

	abstract String uniqueId(String id);

	private WebhookApp instance() {
		return new WebhookApp(instanceBeans(), "servicetitan.tenant-id=42", "servicetitan.webhooks.secrets=" + KEY,
				"servicetitan.webhooks.dedup.store=" + store());
	}

	@Test
	void whenARetriedDeliveryReachesTheOtherInstanceThenItIsAnswered200AndNotHandledAgain() {
		try (WebhookApp a = instance(); WebhookApp b = instance()) {
			String body = event(uniqueId("retried"), JOB, "{}");
			assertThat(a.deliver(body).statusCode()).isEqualTo(200);
			assertThat(b.deliver(body).statusCode()).isEqualTo(200);
			assertThat(a.deliver(body).statusCode()).isEqualTo(200);
			assertThat(a.recorder().handled.size() + b.recorder().handled.size()).isEqualTo(1);
			assertThat(b.recorder().handled).isEmpty();
		}
	}

	@Test
	void whenTheHandlerFailsOnOneInstanceThenTheRetryOnTheOtherHandlesTheEventExactlyOnce() {
		try (WebhookApp a = instance(); WebhookApp b = instance()) {
			a.recorder().action = (event) -> {
				throw new IllegalStateException("instance a cannot reach its database");
			};
			String body = event(uniqueId("failed"), JOB, "{}");
			assertThat(a.deliver(body).statusCode()).isEqualTo(500);
			assertThat(b.deliver(body).statusCode()).isEqualTo(200);
			assertThat(a.deliver(body).statusCode()).isEqualTo(200);
			assertThat(b.deliver(body).statusCode()).isEqualTo(200);
			assertThat(a.recorder().handled).isEmpty();
			assertThat(b.recorder().handled).hasSize(1);
		}
	}

	@Test
	void whenBothInstancesGetTheSameEventAtOnceThenOnlyOneRunsTheHandlerAndTheOtherAsksForARetry() throws Exception {
		try (WebhookApp a = instance(); WebhookApp b = instance()) {
			CountDownLatch entered = new CountDownLatch(1);
			CountDownLatch release = new CountDownLatch(1);
			a.recorder().action = (event) -> {
				entered.countDown();
				try {
					release.await(10, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			};
			String body = event(uniqueId("concurrent"), JOB, "{}");
			CompletableFuture<HttpResponse<String>> onA = CompletableFuture.supplyAsync(() -> a.deliver(body));
			assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
			assertThat(b.deliver(body).statusCode()).isEqualTo(409);
			release.countDown();
			assertThat(onA.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
			assertThat(b.deliver(body).statusCode()).isEqualTo(200);
			assertThat(a.recorder().handled).hasSize(1);
			assertThat(b.recorder().handled).isEmpty();
		}
	}

}
