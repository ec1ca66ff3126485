package io.github.servicetitan4j.autoconfigure.webhook;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import io.github.servicetitan4j.RealRedis;

/** Two instances sharing the application's Redis (the redis store). */
class RedisSharedDedupWireTests extends SharedDedupContract {

	@RegisterExtension
	static final RealRedis redis = new RealRedis();

	@Override
	List<Object> instanceBeans() {
		LettuceConnectionFactory factory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", redis.port));
		factory.afterPropertiesSet();
		factory.start();
		return List.of(factory);
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
