package io.github.servicetitan4j.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.servicetitan4j.CapturedLogs;
import io.github.servicetitan4j.MutableClock;
import io.github.servicetitan4j.ratelimit.RateLimiter.RateLimiterTimeoutException;
import io.github.servicetitan4j.ratelimit.RateLimiterFactory.RateLimitStoreUnavailableException;
import io.github.servicetitan4j.ratelimit.RateLimiterFactory.StoreFailurePolicy;
import io.github.servicetitan4j.retry.Sleeper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What every store must give the shared limiter, checked against a real server: three "instances" (each its own
 * factory, own local state and own connection) share one budget, one pause and one slowdown. The clock is moved by
 * hand and sleeps are only recorded, so the instances act as if concurrent.
 */
abstract class SharedRateLimiterContract {

	static final String TENANT = "1234567";

	static final String APP_KEY = "ak1.APP-KEY-value";

	/**
	 * 11 per second with a burst of 3: the shared bucket refills at 11 - (3 - 1) - 1 (the headroom) = 8 per second, one
	 * request every 125 ms.
	 */
	static final RateLimiter.Budget BUDGET = new RateLimiter.Budget(11, 3, Duration.ofSeconds(1));

	final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

	final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());

	final Sleeper sleeper = this.sleeps::add;

	private final List<SharedRateLimiterFactory> factories = new ArrayList<>();

	/** A fresh connection to the store, as another instance of the application would have. */
	abstract ProxyManager<String> connect();

	/** Bucket names the store holds now. */
	abstract List<String> bucketNames();

	/** A connection to an address where no store listens. */
	abstract ProxyManager<String> connectToNothing();

	SharedRateLimiterFactory instance(StoreFailurePolicy policy, Supplier<ProxyManager<String>> connector) {
		SharedRateLimiterFactory factory = new SharedRateLimiterFactory("test-store", connector, BUDGET, policy,
				Duration.ofMillis(500), this.clock, this.sleeper);
		this.factories.add(factory);
		return factory;
	}

	RateLimiter limiter(String tenant) {
		return instance(StoreFailurePolicy.FAIL_OPEN, this::connect).rateLimiter(tenant, APP_KEY);
	}

	@AfterEach
	void closeFactories() {
		this.factories.forEach(SharedRateLimiterFactory::close);
	}

	@Test
	void whenThreeInstancesAskAtOnceThenTheyShareOneBurstAndThenOneRate() {
		List<RateLimiter> instances = List.of(limiter(TENANT), limiter(TENANT), limiter(TENANT));

		List<Long> waits = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			waits.add(instances.get(i % 3).acquire().toMillis());
		}

		assertThat(waits).containsExactly(0L, 0L, 0L, 125L, 250L, 375L);
	}

	@Test
	void whenTwoTenantsShareTheStoreThenEachHasItsOwnBudget() {
		RateLimiter first = limiter(TENANT);
		RateLimiter second = limiter("7654321");
		for (int i = 0; i < 3; i++) {
			first.acquire();
		}

		assertThat(second.acquire()).isZero();
		assertThat(first.acquire().toMillis()).isEqualTo(125);
	}

	@Test
	void whenOneInstanceIsThrottledThenEveryInstancePausesAndRunsAtHalfTheRateUntilItRecovers() {
		RateLimiter throttled = limiter(TENANT);
		RateLimiter other = limiter(TENANT);

		throttled.onThrottled(Duration.ofSeconds(2));

		// the pause, then the first slot of an empty bucket at half the rate (250 ms per request)
		assertThat(other.acquire().toMillis()).isEqualTo(2250);
		assertThat(((SharedRateLimiter) limiter(TENANT)).slowdown()).isEqualTo(2);

		this.clock.advance(Duration.ofSeconds(2).plus(AdaptiveRateLimiter.RECOVERY));
		assertThat(((SharedRateLimiter) other).slowdown()).isEqualTo(1);
	}

	@Test
	void whenA429ArrivesDuringThePauseThenItExtendsThePauseWithoutSlowingDownAgain() {
		RateLimiter first = limiter(TENANT);
		RateLimiter second = limiter(TENANT);

		first.onThrottled(Duration.ofSeconds(1));
		second.onThrottled(Duration.ofSeconds(3));

		assertThat(((SharedRateLimiter) first).slowdown()).isEqualTo(2);
		assertThat(limiter(TENANT).acquire()).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
	}

	@Test
	void whenACallerWouldWaitLongerThanMaxWaitThenItFailsAndLeavesItsSlotToTheNext() {
		RateLimiter limiter = limiter(TENANT);
		for (int i = 0; i < 10; i++) {
			limiter.acquire(); // the 10th waits 875 ms
		}

		// the 11th would wait a hair over 1 s, more than max-wait
		assertThatExceptionOfType(RateLimiterTimeoutException.class).isThrownBy(limiter::acquire);
		this.clock.advance(millis(10));
		// its slot was given back: the next one takes it instead of queueing behind it
		assertThat(limiter(TENANT).acquire().toMillis()).isEqualTo(990);
	}

	@Test
	void theStoreNamesTheBudgetByTenantAndAHashOfTheAppKeyNeverTheKey() {
		limiter(TENANT).acquire();

		assertThat(bucketNames()).isNotEmpty()
			.allSatisfy((name) -> assertThat(name).startsWith(RateLimitKey.PREFIX + TENANT + ":")
				.doesNotContain(APP_KEY)
				.doesNotContain("APP-KEY"));
	}

	@Test
	@Timeout(10)
	void whenTheStoreIsUnreachableAndFailOpenThenTheInstanceLimitsItselfWarnsOnceAndHealthSaysSo() {
		SharedRateLimiterFactory factory = instance(StoreFailurePolicy.FAIL_OPEN, this::connectToNothing);
		RateLimiter limiter = factory.rateLimiter(TENANT, APP_KEY);
		try (CapturedLogs logs = new CapturedLogs()) {
			List<Long> waits = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				waits.add(limiter.acquire().toMillis());
			}

			// the local limiter's burst of 3, then its rate (11 - (3 - 1) = 9 per second: no headroom locally)
			assertThat(waits).containsExactly(0L, 0L, 0L, 111L);
			assertThat(logs.lines()).filteredOn((line) -> line.startsWith("WARN")).hasSize(1)
				.allSatisfy((line) -> assertThat(line).contains("test-store rate-limit store is unavailable")
					.doesNotContain(APP_KEY));
		}
		assertThat(factory.health().available()).isFalse();
		assertThat(factory.health().details()).containsEntry("available", false)
			.containsEntry("onStoreFailure", "fail-open")
			.containsKey("limiting");
	}

	@Test
	@Timeout(10)
	void whenTheStoreIsUnreachableAndFailClosedThenTheCallFailsWithinTheStoreTimeout() {
		RateLimiter limiter = instance(StoreFailurePolicy.FAIL_CLOSED, this::connectToNothing).rateLimiter(TENANT,
				APP_KEY);

		assertThatExceptionOfType(RateLimitStoreUnavailableException.class).isThrownBy(limiter::acquire)
			.withMessageContaining("test-store rate-limit store is unavailable")
			.withMessageNotContaining(APP_KEY);
	}

	@Test
	void whenTheStoreAnswersAgainThenTheInstanceSharesTheBudgetAgainAfterTheRetryDelay() {
		boolean[] down = { true };
		SharedRateLimiterFactory factory = instance(StoreFailurePolicy.FAIL_OPEN, () -> {
			if (down[0]) {
				throw new IllegalStateException("store down");
			}
			return connect();
		});
		RateLimiter recovering = factory.rateLimiter(TENANT, APP_KEY);
		recovering.acquire();
		assertThat(factory.health().available()).isFalse();
		RateLimiter healthy = limiter(TENANT);
		for (int i = 0; i < 3; i++) {
			healthy.acquire();
		}

		down[0] = false;
		this.clock.advance(SharedRateLimiter.STORE_RETRY);

		// the shared bucket has refilled during the delay; the recovered instance now draws from it
		for (int i = 0; i < 3; i++) {
			recovering.acquire();
		}
		assertThat(healthy.acquire().toMillis()).isEqualTo(125);
		assertThat(factory.health().available()).isTrue();
	}

	static Duration millis(long millis) {
		return Duration.ofMillis(millis);
	}

}
