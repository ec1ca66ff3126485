package io.github.servicetitan4j.export;

import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeAll;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The concurrent saves of {@link ConcurrentCheckpointSaves} on H2, where saves are a MERGE.
 */
class H2ConcurrentCheckpointSaveTests extends ConcurrentCheckpointSaves {

	static DataSource dataSource;

	@BeforeAll
	static void createDatabase() {
		dataSource = new DriverManagerDataSource(
				"jdbc:h2:mem:race-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=30000", "sa", "");
		createSchema(dataSource);
	}

	@Override
	DataSource dataSource() {
		return dataSource;
	}

	@Override
	boolean aSessionWaitsForALock(JdbcClient jdbc) {
		// H2 does not report every wait as a lock (not one for a uniqueness check): the blocked write is still executing
		return jdbc.sql("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE SESSION_ID <> SESSION_ID()"
				+ " AND (EXECUTING_STATEMENT LIKE 'MERGE%' OR EXECUTING_STATEMENT LIKE 'UPDATE%')")
			.query(Integer.class)
			.single() > 0;
	}

}
