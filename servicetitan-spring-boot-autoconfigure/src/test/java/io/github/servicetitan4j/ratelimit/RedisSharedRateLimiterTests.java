package io.github.servicetitan4j.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.servicetitan4j.RealRedis;
import io.github.servicetitan4j.ratelimit.RateLimiterFactory.StoreFailurePolicy;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared limiter over a real redis-server, and over one that stops and comes back.
 */
class RedisSharedRateLimiterTests extends SharedRateLimiterContract {

	@RegisterExtension
	static final RealRedis redis = new RealRedis();

	static final List<RedisClient> clients = new ArrayList<>();

	@BeforeEach
	void emptyTheServer() {
		redis.flush();
	}

	@AfterAll
	static void closeClients() {
		clients.forEach(RedisClient::shutdown);
	}

	@Test
	@Timeout(60)
	void whenRedisStopsThenTheInstanceKeepsToItsShareAndWhenRedisIsBackThenItSharesTheBudgetAgain() throws Exception {
		RealRedis restarting = new RealRedis();
		RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", restarting.port));
		clients.add(client);
		try {
			SharedRateLimiterFactory factory = instance(StoreFailurePolicy.FAIL_OPEN,
					() -> RateLimitStores.redis(client, Duration.ofMillis(500), this.clock));
			RateLimiter limiter = factory.rateLimiter(TENANT, APP_KEY);
			factory.warmUp();
			assertThat(limiter.acquire()).isZero();
			assertThat(factory.health().available()).isTrue();

			restarting.stop();
			this.sleeps.clear();
			List<Long> waits = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				waits.add(limiter.acquire().toMillis());
			}

			// half of the budget, in this instance alone: 5.5 per second, no burst
			assertThat(factory.health().available()).isFalse();
			assertThat(waits).containsExactly(0L, 181L, 363L);

			restarting.start();
			int tries = 0;
			do {
				this.clock.advance(SharedRateLimiter.STORE_RETRY);
				limiter.acquire();
				tries++;
			}
			while (!factory.health().available() && tries < 40);

			// back in the store (empty after the restart) as soon as it answered
			assertThat(factory.health().available()).isTrue();
			try (var connection = restarting.client().connect()) {
				assertThat(connection.sync().keys(RateLimitKey.PREFIX + TENANT + ":*")).isNotEmpty();
			}
		}
		finally {
			restarting.afterAll(null);
		}
	}

	@Override
	ProxyManager<String> connect() {
		RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", redis.port));
		clients.add(client);
		return RateLimitStores.redis(client, Duration.ofMillis(500), this.clock);
	}

	@Override
	ProxyManager<String> connectToNothing() {
		RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", RealRedis.freePort()));
		clients.add(client);
		return RateLimitStores.redis(client, Duration.ofMillis(500), this.clock);
	}

	@Override
	List<String> bucketNames() {
		try (var connection = redis.client().connect()) {
			return connection.sync().keys("*");
		}
	}

}
