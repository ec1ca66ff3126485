package io.github.servicetitan4j.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.servicetitan4j.RealRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The shared limiter over a real redis-server.
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
