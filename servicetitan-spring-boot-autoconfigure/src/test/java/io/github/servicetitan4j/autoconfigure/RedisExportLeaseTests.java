package io.github.servicetitan4j.autoconfigure;

import io.github.servicetitan4j.RealPostgres;
import io.github.servicetitan4j.RealRedis;
import io.github.servicetitan4j.ServiceTitanWireMock;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Export leases in a real redis-server, through Spring Integration's RedisLockRegistry over the application's Redis.
 */
class RedisExportLeaseTests extends ExportLeaseContract {

	@RegisterExtension
	static final ServiceTitanWireMock wireMock = new ServiceTitanWireMock();

	@RegisterExtension
	static final RealPostgres postgres = new RealPostgres();

	@Override
	ServiceTitanWireMock wireMock() {
		return wireMock;
	}

	@Override
	RealPostgres postgres() {
		return postgres;
	}

	@RegisterExtension
	static final RealRedis redis = new RealRedis();

	@Override
	ApplicationContextRunner runner() {
		return super.runner()
			.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class))
						.withPropertyValues("servicetitan.export.lease.store=redis", "spring.data.redis.host=127.0.0.1",
					"spring.data.redis.port=" + redis.port);
	}

	@Override
	void expireLeases() {
		try (var connection = redis.client().connect()) {
			connection.sync().keys(ServiceTitanExportLeaseConfiguration.REGION + "*")
				.forEach((key) -> connection.sync().del(key));
		}
	}

}
