package io.github.servicetitan4j.autoconfigure.webhook;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.servicetitan4j.RealPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/** Two instances sharing the application's PostgreSQL database (the jdbc store). */
class PostgresSharedDedupWireTests extends SharedDedupContract {

	@RegisterExtension
	static final RealPostgres postgres = new RealPostgres();

	private static final List<HikariDataSource> pools = new CopyOnWriteArrayList<>();

	@Override
	List<Object> instanceBeans() {
		HikariDataSource pool = postgres.newPool();
		pools.add(pool);
		return List.of(pool);
	}

	@AfterAll
	static void closePools() {
		pools.forEach(HikariDataSource::close);
	}

	@Override
	String store() {
		return "jdbc";
	}

	@Override
	String uniqueId(String id) {
		return id + "-" + UUID.randomUUID();
	}

	@Test
	void whenAClaimIsOlderThanTheClaimTimeoutThenAnotherDeliveryTakesItOverAndTheFirstCannotCompleteIt() {
		try (WebhookApp app = new WebhookApp(instanceBeans(), "servicetitan.webhooks.allow-unsigned=true",
				"servicetitan.webhooks.dedup.store=jdbc")) {
			// the app's own store (it created the table), driven with chosen instants
			DeliveryStore store = app.context.getBean(DeliveryStore.class);
			assertThat(store).isInstanceOf(JdbcDeliveryStore.class);
			Instant start = Instant.parse("2026-12-04T10:00:00Z");
			assertThat(store.claim("stale", "t1", start)).isEqualTo(DeliveryStore.Claim.CLAIMED);
			assertThat(store.claim("stale", "t2", start.plusSeconds(299))).isEqualTo(DeliveryStore.Claim.BUSY);
			assertThat(store.claim("stale", "t2", start.plusSeconds(300))).isEqualTo(DeliveryStore.Claim.CLAIMED);
			store.complete("stale", "t1", start.plusSeconds(301));
			store.release("stale", "t1");
			assertThat(store.claim("stale", "t3", start.plusSeconds(302))).isEqualTo(DeliveryStore.Claim.BUSY);
			store.complete("stale", "t2", start.plusSeconds(303));
			assertThat(store.claim("stale", "t3", start.plusSeconds(304))).isEqualTo(DeliveryStore.Claim.DONE);
			store.purge(start.plusSeconds(303));
			assertThat(store.claim("stale", "t3", start.plusSeconds(305))).isEqualTo(DeliveryStore.Claim.DONE);
			store.purge(start.plusSeconds(304));
			assertThat(store.claim("stale", "t4", start.plusSeconds(306))).isEqualTo(DeliveryStore.Claim.CLAIMED);
		}
	}

}
