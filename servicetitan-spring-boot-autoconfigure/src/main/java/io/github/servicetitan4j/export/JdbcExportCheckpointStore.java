package io.github.servicetitan4j.export;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.Assert;

/**
 * Keeps export checkpoints in a database table, so that exports resume across restarts and across the instances of an
 * application. The table is created by the script at {@link #SCHEMA_LOCATION} (plain SQL that H2, HSQLDB and
 * PostgreSQL accept); the Spring Boot starter runs it unless told not to.
 * <p>
 * A save is an update, then an insert when no row was updated; an insert that loses a race with another instance's
 * insert falls back to an update, so concurrent saves never fail and the last one wins.
 */
public final class JdbcExportCheckpointStore implements ExportCheckpointStore {

	/** Class path location of the script that creates the table. */
	public static final String SCHEMA_LOCATION = "classpath:io/github/servicetitan4j/export/schema.sql";

	/** Name of the table. */
	public static final String TABLE = "servicetitan_export_checkpoint";

	private static final String KEY = " WHERE tenant_id = :tenant AND folder = :folder AND export_endpoint = :resource";

	private final JdbcClient jdbc;

	/**
	 * Creates a store over a database whose table exists.
	 * @param jdbc the client of the database
	 */
	public JdbcExportCheckpointStore(JdbcClient jdbc) {
		Assert.notNull(jdbc, "jdbc must not be null");
		this.jdbc = jdbc;
	}

	@Override
	public @Nullable String load(ExportCheckpointKey key) {
		return this.jdbc.sql("SELECT continue_from FROM " + TABLE + KEY)
			.param("tenant", key.tenantId())
			.param("folder", key.folder())
			.param("resource", key.exportEndpoint())
			.query(String.class)
			.optional()
			.orElse(null);
	}

	@Override
	public void save(ExportCheckpointKey key, String continueFrom) {
		Assert.hasText(continueFrom, "continueFrom must not be empty");
		if (update(key, continueFrom) > 0) {
			return;
		}
		try {
			this.jdbc
				.sql("INSERT INTO " + TABLE + " (tenant_id, folder, export_endpoint, continue_from, updated_at) "
						+ "VALUES (:tenant, :folder, :resource, :token, CURRENT_TIMESTAMP)")
				.param("tenant", key.tenantId())
				.param("folder", key.folder())
				.param("resource", key.exportEndpoint())
				.param("token", continueFrom)
				.update();
		}
		catch (DuplicateKeyException ex) {
			// Another instance inserted the row between our update and insert: the row exists now.
			update(key, continueFrom);
		}
	}

	private int update(ExportCheckpointKey key, String continueFrom) {
		return this.jdbc.sql("UPDATE " + TABLE + " SET continue_from = :token, updated_at = CURRENT_TIMESTAMP" + KEY)
			.param("token", continueFrom)
			.param("tenant", key.tenantId())
			.param("folder", key.folder())
			.param("resource", key.exportEndpoint())
			.update();
	}

	@Override
	public void delete(ExportCheckpointKey key) {
		this.jdbc.sql("DELETE FROM " + TABLE + KEY)
			.param("tenant", key.tenantId())
			.param("folder", key.folder())
			.param("resource", key.exportEndpoint())
			.update();
	}

	@Override
	public String toString() {
		return "JdbcExportCheckpointStore[" + TABLE + "]";
	}

}
