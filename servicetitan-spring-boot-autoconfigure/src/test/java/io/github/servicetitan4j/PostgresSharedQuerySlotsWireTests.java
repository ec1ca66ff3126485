package io.github.servicetitan4j;

import java.util.ArrayList;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import io.github.servicetitan4j.ratelimit.RateLimiterFactory;
import io.github.servicetitan4j.ratelimit.RateLimiterFactory.StoreSettings;
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
 * The shared query slots of two instances over a real PostgreSQL server, each instance with its own pool.
 */
class PostgresSharedQuerySlotsWireTests extends SharedQuerySlotsWireContract {

	@RegisterExtension
	static final ServiceTitanWireMock wireMock = new ServiceTitanWireMock();

	@RegisterExtension
	static final RealPostgres postgres = new RealPostgres();

	static final List<HikariDataSource> pools = new ArrayList<>();

	@BeforeAll
	static void createTables() {
		DatabasePopulatorUtils.execute(new ResourceDatabasePopulator(
				new DefaultResourceLoader().getResource(RateLimiterFactory.POSTGRESQL_SCHEMA_LOCATION)),
				postgres.dataSource());
	}

	@AfterAll
	static void closePools() {
		pools.forEach(HikariDataSource::close);
	}

	@BeforeEach
	void emptyTheTable() {
		JdbcClient.create(postgres.dataSource()).sql("DELETE FROM servicetitan_query_slot").update();
	}

	@Override
	ServiceTitanWireMock server() {
		return wireMock;
	}

	@Override
	RateLimiterFactory factory(StoreSettings settings) {
		HikariDataSource pool = postgres.newPool();
		pools.add(pool);
		return RateLimiterFactory.postgresql(pool, BUDGET, settings);
	}

	@Override
	RateLimiterFactory factoryToNothing(StoreSettings settings) {
		PGSimpleDataSource nothing = new PGSimpleDataSource();
		nothing.setUrl("jdbc:postgresql://127.0.0.1:" + RealRedis.freePort() + "/postgres");
		nothing.setUser("postgres");
		return RateLimiterFactory.postgresql(nothing, BUDGET, settings);
	}

	@Override
	int holders() {
		return JdbcClient.create(postgres.dataSource())
			.sql("SELECT count(*) FROM servicetitan_query_slot")
			.query(Integer.class)
			.single();
	}

}
