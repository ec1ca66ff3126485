package io.github.servicetitan4j.ratelimit;

import java.time.Duration;
import java.util.List;

import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.servicetitan4j.RealPostgres;
import io.github.servicetitan4j.RealRedis;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.ds.PGSimpleDataSource;

import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.init.DatabasePopulatorUtils;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * The shared limiter over a real PostgreSQL server, its table created by the starter's script.
 */
class PostgresSharedRateLimiterTests extends SharedRateLimiterContract {

	@RegisterExtension
	static final RealPostgres postgres = new RealPostgres();

	@BeforeAll
	static void createTable() {
		DatabasePopulatorUtils.execute(new ResourceDatabasePopulator(
				new DefaultResourceLoader().getResource(RateLimitStores.POSTGRESQL_SCHEMA_LOCATION)),
				postgres.dataSource());
	}

	@BeforeEach
	void emptyTheTable() {
		JdbcClient.create(postgres.dataSource()).sql("DELETE FROM " + RateLimitStores.TABLE).update();
	}

	@Override
	ProxyManager<String> connect() {
		return RateLimitStores.postgresql(postgres.dataSource(), Duration.ofMillis(500), this.clock);
	}

	@Override
	ProxyManager<String> connectToNothing() {
		PGSimpleDataSource nothing = new PGSimpleDataSource();
		nothing.setUrl("jdbc:postgresql://127.0.0.1:" + RealRedis.freePort() + "/postgres");
		nothing.setUser("postgres");
		return RateLimitStores.postgresql(nothing, Duration.ofMillis(500), this.clock);
	}

	@Override
	List<String> bucketNames() {
		return JdbcClient.create(postgres.dataSource()).sql("SELECT id FROM " + RateLimitStores.TABLE)
			.query(String.class)
			.list();
	}

}
