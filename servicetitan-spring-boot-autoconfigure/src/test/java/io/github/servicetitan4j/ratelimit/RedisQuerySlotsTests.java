package io.github.servicetitan4j.ratelimit;

import java.util.ArrayList;
import java.util.List;

import io.github.servicetitan4j.RealRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The shared query slots over a real redis-server: a sorted set of holders per tenant.
 */
class RedisQuerySlotsTests extends QuerySlotsContract {

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
	QuerySlotStores.Backend backend() {
		RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", redis.port));
		clients.add(client);
		return new QuerySlotStores.Redis(() -> client);
	}

	@Override
	QuerySlotStores.Backend backendToNothing() {
		RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", RealRedis.freePort()));
		clients.add(client);
		return new QuerySlotStores.Redis(() -> client);
	}

	@Override
	List<String> holders(String key) {
		try (var connection = redis.client().connect()) {
			return connection.sync().zrange(key, 0, -1);
		}
	}

}
