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
		return instance(policy, connector, this.sleeper);
	}

	/** An instance whose budget falls back to half of the budget when the store does not answer. */
	SharedRateLimiterFactory instance(StoreFailurePolicy policy, Supplier<ProxyManager<String>> connector,
			Sleeper sleeper) {
		SharedRateLimiterFactory factory = new SharedRateLimiterFactory("test-store", connector, BUDGET,
				new RateLimiterFactory.StoreSettings(policy, Duration.ofMillis(500), Duration.ofSeconds(5), 0.5), this.clock,
				sleeper);
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
	void whenAnotherInstanceMeetsA429WhileACallerSleepsOnItsBookedSlotThenTheCallerBooksAgainAfterThePause() {
		RateLimiter other = limiter(TENANT);
		for (int i = 0; i < 3; i++) {
			other.acquire(); // the burst: the next slot is 125 ms away
		}
		List<Duration> parkedSleeps = new ArrayList<>();
		RateLimiter parked = instance(StoreFailurePolicy.FAIL_OPEN, this::connect, (duration) -> {
			parkedSleeps.add(duration);
			if (parkedSleeps.size() == 1) {
				this.clock.advance(millis(60));
				other.onThrottled(Duration.ofSeconds(2)); // the pause runs until 2.06 s
				this.clock.advance(duration.minus(millis(60)));
			}
			else {
				this.clock.advance(duration);
			}
		}).rateLimiter(TENANT, APP_KEY);

		Duration waited = parked.acquire();

		// it woke at 125 ms inside the pause, asked the store again and slept on to a slot after the pause
		assertThat(parkedSleeps).hasSize(2);
		assertThat(parkedSleeps.get(0).toMillis()).isEqualTo(125);
		assertThat(this.clock.instant()).isAfterOrEqualTo(Instant.parse("2026-01-01T00:00:02.060Z"));
		assertThat(waited).isEqualTo(parkedSleeps.get(0).plus(parkedSleeps.get(1)));
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

		assertThat(bucketNames()).filteredOn((name) -> !name.equals(StoreConnection.WARM_UP_BUCKET))
			.isNotEmpty()
			.allSatisfy((name) -> assertThat(name).startsWith(RateLimitKey.PREFIX + TENANT + ":")
				.doesNotContain(APP_KEY)
				.doesNotContain("APP-KEY"));
	}

	@Test
	@Timeout(10)
	void whenTheStoreIsUnreachableAndFailOpenThenTheInstanceKeepsToItsShareOfTheBudgetWarnsOnceAndHealthSaysSo() {
		SharedRateLimiterFactory factory = instance(StoreFailurePolicy.FAIL_OPEN, this::connectToNothing);
		RateLimiter limiter = factory.rateLimiter(TENANT, APP_KEY);
		try (CapturedLogs logs = new CapturedLogs()) {
			List<Long> waits = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				waits.add(limiter.acquire().toMillis());
			}

			// half of the budget: 5.5 per second, a burst of one (half of 3, rounded down): never the whole budget
			assertThat(waits).containsExactly(0L, 181L, 363L, 545L);
			assertThat(logs.lines()).filteredOn((line) -> line.startsWith("WARN")).hasSize(1)
				.allSatisfy((line) -> assertThat(line).contains("test-store rate-limit store is unavailable")
					.contains("50.0% of the budget (5.5 requests per second for a tenant)")
					.doesNotContain(APP_KEY));
		}
		assertThat(factory.health().available()).isFalse();
		assertThat(factory.health().details()).containsEntry("available", false)
			.containsEntry("onStoreFailure", "fail-open")
			.containsEntry("failOpenShare", 0.5)
			.containsEntry("limiting", "locally in each instance at 50.0% of the budget (5.5 requests per second for a "
					+ "tenant)");
	}

	@Test
	@Timeout(10)
	void whenTheStoreIsDownAtWarmUpAndFailClosedThenWarmUpFailsNamingTheStartupTimeoutAndThePolicy() {
		SharedRateLimiterFactory factory = instance(StoreFailurePolicy.FAIL_CLOSED, this::connectToNothing);

		assertThatExceptionOfType(RateLimitStoreUnavailableException.class).isThrownBy(factory::warmUp)
			.withMessageContaining("test-store rate-limit store did not answer at startup within 5000 ms")
			.withMessageContaining("servicetitan.rate-limit.on-store-failure=fail-closed")
			.withMessageNotContaining(APP_KEY);
		assertThat(factory.health().available()).isFalse();
	}

	@Test
	@Timeout(10)
	void whenTheStoreIsDownAtWarmUpAndFailOpenThenTheInstanceStartsAtItsShareOfTheBudget() {
		SharedRateLimiterFactory factory = instance(StoreFailurePolicy.FAIL_OPEN, this::connectToNothing);

		factory.warmUp();

		assertThat(factory.health().details()).containsEntry("available", false).containsKey("limiting");
		RateLimiter limiter = factory.rateLimiter(TENANT, APP_KEY);
		assertThat(List.of(limiter.acquire().toMillis(), limiter.acquire().toMillis())).containsExactly(0L, 181L);
	}

	@Test
	void whenWarmedUpThenTheStoreIsConnectedBeforeTheFirstRequestAndHoldsNoTenantYet() {
		SharedRateLimiterFactory factory = instance(StoreFailurePolicy.FAIL_CLOSED, this::connect);

		factory.warmUp();

		assertThat(factory.health().available()).isTrue();
		assertThat(bucketNames()).containsExactly(StoreConnection.WARM_UP_BUCKET);
	}

	@Test
	void whenTwoInstancesRunTheSameReportThenTheyTakeTurnsFromOneBudgetInTheStore() {
		RateLimiter first = instance(StoreFailurePolicy.FAIL_OPEN, this::connect)
			.reportRateLimiter(TENANT, APP_KEY, 42, 1, Duration.ofMinutes(2))
			.orElseThrow();
		RateLimiter second = instance(StoreFailurePolicy.FAIL_OPEN, this::connect)
			.reportRateLimiter(TENANT, APP_KEY, 42, 1, Duration.ofMinutes(2))
			.orElseThrow();
		RateLimiter otherReport = instance(StoreFailurePolicy.FAIL_OPEN, this::connect)
			.reportRateLimiter(TENANT, APP_KEY, 43, 1, Duration.ofMinutes(2))
			.orElseThrow();

		assertThat(first.acquire()).isZero();
		// one a minute: the second instance waits for the next turn of the same report, not of another one
		assertThat(second.acquire().toSeconds()).isEqualTo(60);
		assertThat(otherReport.acquire()).isZero();
		assertThat(bucketNames()).anySatisfy((name) -> assertThat(name).contains(":report:42:budget"));
	}

	@Test
	void whenAReportIsThrottledWithoutAHintThenItsInstancesPauseForOneIntervalOfItsPace() {
		RateLimiter first = instance(StoreFailurePolicy.FAIL_OPEN, this::connect)
			.reportRateLimiter(TENANT, APP_KEY, 42, 2, Duration.ofMinutes(2))
			.orElseThrow();
		RateLimiter second = instance(StoreFailurePolicy.FAIL_OPEN, this::connect)
			.reportRateLimiter(TENANT, APP_KEY, 42, 2, Duration.ofMinutes(2))
			.orElseThrow();
		first.acquire();

		first.onThrottled(null);

		// 30 s of pause (two a minute), then the first slot at the halved pace: 60 s
		assertThat(second.acquire().toSeconds()).isEqualTo(90);
		assertThat(limiter(TENANT).acquire()).isZero(); // the tenant's budget is not paused
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
