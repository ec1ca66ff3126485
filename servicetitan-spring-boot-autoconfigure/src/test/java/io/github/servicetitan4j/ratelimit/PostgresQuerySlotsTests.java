package io.github.servicetitan4j.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import io.github.servicetitan4j.RealPostgres;
import io.github.servicetitan4j.RealRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.ds.PGSimpleDataSource;

import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.init.DatabasePopulatorUtils;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * The shared query slots over a real PostgreSQL server: a table of holders, created by the starter's script.
 */
class PostgresQuerySlotsTests extends QuerySlotsContract {

	@RegisterExtension
	static final RealPostgres postgres = new RealPostgres();

	static final List<HikariDataSource> pools = new ArrayList<>();

	@BeforeAll
	static void createTable() {
		DatabasePopulatorUtils.execute(new ResourceDatabasePopulator(
				new DefaultResourceLoader().getResource(RateLimitStores.POSTGRESQL_SCHEMA_LOCATION)),
				postgres.dataSource());
	}

	@AfterAll
	static void closePools() {
		pools.forEach(HikariDataSource::close);
	}

	@BeforeEach
	void emptyTheTable() {
		JdbcClient.create(postgres.dataSource()).sql("DELETE FROM " + QuerySlotStores.TABLE).update();
	}

	@Override
	QuerySlotStores.Backend backend() {
		HikariDataSource pool = postgres.newPool();
		pools.add(pool);
		return new QuerySlotStores.Postgresql(pool, Duration.ofSeconds(2));
	}

	@Override
	QuerySlotStores.Backend backendToNothing() {
		PGSimpleDataSource nothing = new PGSimpleDataSource();
		nothing.setUrl("jdbc:postgresql://127.0.0.1:" + RealRedis.freePort() + "/postgres");
		nothing.setUser("postgres");
		return new QuerySlotStores.Postgresql(nothing, Duration.ofSeconds(2));
	}

	@Override
	List<String> holders(String key) {
		return JdbcClient.create(postgres.dataSource())
			.sql("SELECT holder FROM " + QuerySlotStores.TABLE + " WHERE slots_key = ? ORDER BY holder")
			.param(key)
			.query(String.class)
			.list();
	}

}
