package io.github.servicetitan4j;

import java.util.ArrayList;
import java.util.List;

import io.github.servicetitan4j.ratelimit.RateLimiterFactory;
import io.github.servicetitan4j.ratelimit.RateLimiterFactory.StoreSettings;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The shared query slots of two instances over a real redis-server.
 */
class RedisSharedQuerySlotsWireTests extends SharedQuerySlotsWireContract {

	@RegisterExtension
	static final ServiceTitanWireMock wireMock = new ServiceTitanWireMock();

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
	ServiceTitanWireMock server() {
		return wireMock;
	}

	@Override
	RateLimiterFactory factory(StoreSettings settings) {
		return RateLimiterFactory.redis(() -> client(redis.port), BUDGET, settings);
	}

	@Override
	RateLimiterFactory factoryToNothing(StoreSettings settings) {
		int port = RealRedis.freePort();
		return RateLimiterFactory.redis(() -> client(port), BUDGET, settings);
	}

	static RedisClient client(int port) {
		RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", port));
		clients.add(client);
		return client;
	}

	@Override
	int holders() {
		try (var connection = redis.client().connect()) {
			return connection.sync()
				.keys("servicetitan:rate-limit:" + ServiceTitanWireMock.TENANT + ":*:query-slots")
				.stream()
				.mapToInt((key) -> connection.sync().zcard(key).intValue())
				.sum();
		}
	}

}
