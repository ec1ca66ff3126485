package io.github.servicetitan4j.autoconfigure.webhook;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InMemoryDeliveryStoreTests {

	private final InMemoryDeliveryStore store = new InMemoryDeliveryStore(Duration.ofMinutes(5));

	private final Instant start = Instant.parse("2026-12-04T10:00:00Z");

	@Test
	void whenAClaimIsReleasedThenTheNextDeliveryClaimsTheEventAgain() {
		assertThat(this.store.claim("e", "t1", this.start)).isEqualTo(DeliveryStore.Claim.CLAIMED);
		assertThat(this.store.claim("e", "t2", this.start)).isEqualTo(DeliveryStore.Claim.BUSY);
		this.store.release("e", "t1");
		assertThat(this.store.claim("e", "t2", this.start)).isEqualTo(DeliveryStore.Claim.CLAIMED);
	}

	@Test
	void whenAClaimIsOlderThanTheClaimTimeoutThenItIsTakenOverAndOnlyItsNewOwnerCompletesIt() {
		this.store.claim("e", "t1", this.start);
		assertThat(this.store.claim("e", "t2", this.start.plusSeconds(300))).isEqualTo(DeliveryStore.Claim.CLAIMED);
		this.store.complete("e", "t1", this.start.plusSeconds(301));
		assertThat(this.store.claim("e", "t3", this.start.plusSeconds(302))).isEqualTo(DeliveryStore.Claim.BUSY);
		this.store.complete("e", "t2", this.start.plusSeconds(303));
		assertThat(this.store.claim("e", "t3", this.start.plusSeconds(304))).isEqualTo(DeliveryStore.Claim.DONE);
	}

	@Test
	void whenTheRetentionHasPassedThenAHandledEventIsForgotten() {
		this.store.claim("e", "t1", this.start);
		this.store.complete("e", "t1", this.start);
		this.store.purge(this.start);
		assertThat(this.store.claim("e", "t2", this.start)).isEqualTo(DeliveryStore.Claim.DONE);
		this.store.purge(this.start.plusMillis(1));
		assertThat(this.store.claim("e", "t2", this.start)).isEqualTo(DeliveryStore.Claim.CLAIMED);
	}

}
