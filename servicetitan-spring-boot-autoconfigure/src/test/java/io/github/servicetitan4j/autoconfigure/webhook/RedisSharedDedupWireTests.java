package io.github.servicetitan4j.autoconfigure.webhook;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;

import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import io.github.servicetitan4j.RealRedis;

/** Two instances sharing the application's Redis (the redis store). */
class RedisSharedDedupWireTests extends SharedDedupContract {

	@RegisterExtension
	static final RealRedis redis = new RealRedis();

	private static final List<LettuceConnectionFactory> factories = new CopyOnWriteArrayList<>();

	@Override
	List<Object> instanceBeans() {
		LettuceConnectionFactory factory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", redis.port));
		factory.afterPropertiesSet();
		factory.start();
		factories.add(factory);
		return List.of(factory);
	}

	@AfterAll
	static void closeConnections() {
		factories.forEach(LettuceConnectionFactory::destroy);
	}

	@Override
	String store() {
		return "redis";
	}

	@Override
	String uniqueId(String id) {
		return id + "-" + UUID.randomUUID();
	}

}
