package io.github.servicetitan4j.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.github.servicetitan4j.MutableClock;
import io.github.servicetitan4j.ratelimit.RateLimiterFactory.QuerySlots;
import io.github.servicetitan4j.ratelimit.RateLimiterFactory.RateLimitStoreUnavailableException;
import io.github.servicetitan4j.ratelimit.RateLimiterFactory.StoreFailurePolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What every store must give the shared query slots, checked against a real server: two "instances" (each its own
 * factory and connection) share a tenant's slots; holders are read back from the store. The clock is moved by hand.
 */
abstract class QuerySlotsContract {

	static final String TENANT = "1234567";

	static final String APP_KEY = "ak1.APP-KEY-value";

	static final Duration LEASE = Duration.ofMinutes(1);

	final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

	private final List<SharedRateLimiterFactory> factories = new ArrayList<>();

	/** The slots' holders in the store, over a fresh connection as another instance would have. */
	abstract QuerySlotStores.Backend backend();

	/** Holders over a connection to an address where no store listens. */
	abstract QuerySlotStores.Backend backendToNothing();

	/** The holders of the tenant's slots the store holds now, expired or not. */
	abstract List<String> holders(String key);

	QuerySlots instance(int slots) {
		return instance(StoreFailurePolicy.FAIL_OPEN, backend()).querySlots(TENANT, APP_KEY, slots).orElseThrow();
	}

	SharedRateLimiterFactory instance(StoreFailurePolicy policy, QuerySlotStores.Backend backend) {
		SharedRateLimiterFactory factory = new SharedRateLimiterFactory("test-store", () -> {
			throw new IllegalStateException("no bucket is used by the query slots");
		}, backend, new RateLimiter.Budget(10, 1, Duration.ofSeconds(1)),
				new RateLimiterFactory.StoreSettings(policy, Duration.ofSeconds(2), Duration.ofSeconds(5), 0.5), this.clock,
				(duration) -> {
				});
		this.factories.add(factory);
		return factory;
	}

	static String key(String tenant) {
		return RateLimitKey.of(tenant, APP_KEY).bucket("query-slots");
	}

	@AfterEach
	void closeFactories() {
		this.factories.forEach(SharedRateLimiterFactory::close);
	}

	@Test
	@Timeout(60)
	void whenOneInstanceHoldsTheOnlySlotThenTheOtherGetsItOnlyOnceItIsReleased() {
		QuerySlots a = instance(1);
		QuerySlots b = instance(1);

		assertThat(a.tryAcquire("query-a", LEASE)).isTrue();
		assertThat(b.tryAcquire("query-b", LEASE)).isFalse();
		assertThat(b.tryAcquire("query-b", LEASE)).isFalse();
		assertThat(holders(key(TENANT))).containsExactly("query-a");

		a.release("query-a");
		assertThat(holders(key(TENANT))).isEmpty();
		assertThat(b.tryAcquire("query-b", LEASE)).isTrue();
		assertThat(holders(key(TENANT))).containsExactly("query-b");
		assertThat(a.tryAcquire("query-c", LEASE)).isFalse();
	}

	@Test
	@Timeout(60)
	void whenAHolderDiesWithoutReleasingThenItsSlotIsFreeOnceItsLeaseHasExpired() {
		QuerySlots dead = instance(1);
		QuerySlots b = instance(1);
		assertThat(dead.tryAcquire("query-dead", LEASE)).isTrue();

		this.clock.advance(LEASE.minusMillis(1));
		assertThat(b.tryAcquire("query-b", LEASE)).isFalse();
		this.clock.advance(Duration.ofMillis(1));
		assertThat(b.tryAcquire("query-b", LEASE)).isTrue();

		// the dead holder is gone from the store, not only outnumbered
		assertThat(holders(key(TENANT))).containsExactly("query-b");
	}

	@Test
	@Timeout(60)
	void whenTheTenantHasTwoSlotsThenTwoInstancesHoldOneEachAndAThirdQueryWaits() {
		QuerySlots a = instance(2);
		QuerySlots b = instance(2);

		assertThat(a.tryAcquire("query-a", LEASE)).isTrue();
		assertThat(b.tryAcquire("query-b", LEASE)).isTrue();
		assertThat(a.tryAcquire("query-c", LEASE)).isFalse();
		// a holder asking again keeps (and renews) its own slot rather than taking a second one
		assertThat(a.tryAcquire("query-a", LEASE)).isTrue();
		assertThat(holders(key(TENANT))).containsExactlyInAnyOrder("query-a", "query-b");
	}

	@Test
	@Timeout(60)
	void whenAnotherTenantQueriesThenItHasSlotsOfItsOwn() {
		QuerySlots a = instance(1);
		QuerySlots other = instance(StoreFailurePolicy.FAIL_OPEN, backend()).querySlots("7654321", APP_KEY, 1)
			.orElseThrow();

		assertThat(a.tryAcquire("query-a", LEASE)).isTrue();
		assertThat(other.tryAcquire("query-other", LEASE)).isTrue();
		assertThat(holders(key("7654321"))).containsExactly("query-other");
	}

	@Test
	@Timeout(60)
	void whenTheStoreDoesNotAnswerThenTakingASlotFailsTypedAndNamesThePolicy() {
		SharedRateLimiterFactory closed = instance(StoreFailurePolicy.FAIL_CLOSED, backendToNothing());
		QuerySlots slots = closed.querySlots(TENANT, APP_KEY, 1).orElseThrow();

		assertThatExceptionOfType(RateLimitStoreUnavailableException.class)
			.isThrownBy(() -> slots.tryAcquire("query-a", LEASE))
			.withMessageContaining("test-store");
		assertThat(slots.onStoreFailure()).isEqualTo(StoreFailurePolicy.FAIL_CLOSED);
		assertThat(closed.health().available()).isFalse();
		assertThat(instance(StoreFailurePolicy.FAIL_OPEN, backendToNothing()).querySlots(TENANT, APP_KEY, 1)
			.orElseThrow()
			.onStoreFailure()).isEqualTo(StoreFailurePolicy.FAIL_OPEN);
	}

	@Test
	void whenAFactoryKeepsNoSlotsThenItHasNone() {
		RateLimiterFactory local = (tenantId, appKey) -> RateLimiter.UNLIMITED;
		assertThat(local.querySlots(TENANT, APP_KEY, 1)).isEmpty();
		SharedRateLimiterFactory withoutSlots = new SharedRateLimiterFactory("test-store", () -> {
			throw new IllegalStateException();
		}, new RateLimiter.Budget(10, 1, Duration.ofSeconds(1)),
				RateLimiterFactory.StoreSettings.of(StoreFailurePolicy.FAIL_OPEN, Duration.ofSeconds(1)), this.clock,
				(duration) -> {
				});
		this.factories.add(withoutSlots);
		assertThat(withoutSlots.querySlots(TENANT, APP_KEY, 1)).isEmpty();
	}

}
