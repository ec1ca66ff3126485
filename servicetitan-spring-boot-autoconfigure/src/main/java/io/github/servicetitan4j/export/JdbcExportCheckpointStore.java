package io.github.servicetitan4j.export;

import java.sql.DatabaseMetaData;
import java.util.Locale;
import java.util.Objects;
import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.util.Assert;

/**
 * Keeps export checkpoints in a database table, so that exports resume across restarts and across the instances of an
 * application. The table is created by the script at {@link #SCHEMA_LOCATION} (plain SQL that H2, HSQLDB and
 * PostgreSQL accept); the Spring Boot starter runs it unless told not to.
 * <p>
 * Every write is a single statement that cannot fail on a row another instance wrote at the same moment, so it never
 * aborts the caller's transaction (PostgreSQL aborts a whole transaction on a duplicate-key error):
 * <ul>
 * <li>{@link #save} is an upsert: {@code INSERT ... ON CONFLICT DO UPDATE} on PostgreSQL, {@code MERGE} on H2; the
 * last save wins. On other databases it is an update, then an insert when no row was updated.</li>
 * <li>{@link #advance}, which streamed exports use after each batch, is an {@code UPDATE ... WHERE continue_from = from}
 * (or an insert that does nothing when the row exists): a reader that has fallen behind another one never moves the
 * checkpoint backwards.</li>
 * </ul>
 */
final class JdbcExportCheckpointStore implements ExportCheckpointStore {

	/** Class path location of the script that creates the table. */
	static final String SCHEMA_LOCATION = JDBC_SCHEMA_LOCATION;

	/** Name of the table. */
	static final String TABLE = JDBC_TABLE;

	private static final String KEY = " WHERE tenant_id = :tenant AND folder = :folder AND export_endpoint = :resource";

	private static final String COLUMNS = "(tenant_id, folder, export_endpoint, continue_from, updated_at)";

	private static final String VALUES = "(:tenant, :folder, :resource, :token, CURRENT_TIMESTAMP)";

	private final JdbcClient jdbc;

	private final DataSource dataSource;

	private volatile @Nullable Dialect dialect;

	/**
	 * Creates a store over a database whose table exists. Writes join the caller's transaction when there is one.
	 * @param dataSource the database
	 */
	public JdbcExportCheckpointStore(DataSource dataSource) {
		Assert.notNull(dataSource, "dataSource must not be null");
		this.dataSource = dataSource;
		this.jdbc = JdbcClient.create(dataSource);
	}

	@Override
	public @Nullable String load(ExportCheckpointStore.Key key) {
		return keyed(this.jdbc.sql("SELECT continue_from FROM " + TABLE + KEY), key).query(String.class)
			.optional()
			.orElse(null);
	}

	@Override
	public void save(ExportCheckpointStore.Key key, String continueFrom) {
		Assert.hasText(continueFrom, "continueFrom must not be empty");
		String upsert = switch (dialect()) {
			case POSTGRESQL -> "INSERT INTO " + TABLE + " " + COLUMNS + " VALUES " + VALUES
					+ " ON CONFLICT (tenant_id, folder, export_endpoint)"
					+ " DO UPDATE SET continue_from = EXCLUDED.continue_from, updated_at = EXCLUDED.updated_at";
			case MERGE -> "MERGE INTO " + TABLE + " t USING (VALUES (CAST(:tenant AS VARCHAR(64)),"
					+ " CAST(:folder AS VARCHAR(100)), CAST(:resource AS VARCHAR(200)), CAST(:token AS VARCHAR(4000))))"
					+ " s (tenant_id, folder, export_endpoint, continue_from)"
					+ " ON (t.tenant_id = s.tenant_id AND t.folder = s.folder AND t.export_endpoint = s.export_endpoint)"
					+ " WHEN MATCHED THEN UPDATE SET continue_from = s.continue_from, updated_at = CURRENT_TIMESTAMP"
					+ " WHEN NOT MATCHED THEN INSERT " + COLUMNS
					+ " VALUES (s.tenant_id, s.folder, s.export_endpoint, s.continue_from, CURRENT_TIMESTAMP)";
			case OTHER -> null;
		};
		if (upsert != null) {
			try {
				keyed(this.jdbc.sql(upsert), key).param("token", continueFrom).update();
			}
			catch (DuplicateKeyException ex) {
				// H2's MERGE inserts when another transaction's row was not yet committed; it has been now (H2 leaves
				// the transaction usable), so the same MERGE updates it.
				keyed(this.jdbc.sql(upsert), key).param("token", continueFrom).update();
			}
		}
		else if (update(key, null, continueFrom) == 0) {
			insert(key, continueFrom);
		}
	}

	@Override
	public boolean advance(ExportCheckpointStore.Key key, @Nullable String from, String continueFrom) {
		Assert.hasText(continueFrom, "continueFrom must not be empty");
		if (from == null) {
			if (insertIfAbsent(key, continueFrom)) {
				return true;
			}
		}
		else if (update(key, from, continueFrom) > 0) {
			return true;
		}
		return continueFrom.equals(load(key));
	}

	/** Updates the row, only while it holds {@code from} unless that is null; returns the rows updated. */
	private int update(ExportCheckpointStore.Key key, @Nullable String from, String continueFrom) {
		String condition = (from != null) ? " AND continue_from = :from" : "";
		JdbcClient.StatementSpec update = this.jdbc
			.sql("UPDATE " + TABLE + " SET continue_from = :token, updated_at = CURRENT_TIMESTAMP" + KEY + condition)
			.param("token", continueFrom);
		if (from != null) {
			update = update.param("from", from);
		}
		return keyed(update, key).update();
	}

	private boolean insertIfAbsent(ExportCheckpointStore.Key key, String continueFrom) {
		String insert = switch (dialect()) {
			case POSTGRESQL -> "INSERT INTO " + TABLE + " " + COLUMNS + " VALUES " + VALUES
					+ " ON CONFLICT (tenant_id, folder, export_endpoint) DO NOTHING";
			case MERGE -> "MERGE INTO " + TABLE + " t USING (VALUES (CAST(:tenant AS VARCHAR(64)),"
					+ " CAST(:folder AS VARCHAR(100)), CAST(:resource AS VARCHAR(200)), CAST(:token AS VARCHAR(4000))))"
					+ " s (tenant_id, folder, export_endpoint, continue_from)"
					+ " ON (t.tenant_id = s.tenant_id AND t.folder = s.folder AND t.export_endpoint = s.export_endpoint)"
					+ " WHEN NOT MATCHED THEN INSERT " + COLUMNS
					+ " VALUES (s.tenant_id, s.folder, s.export_endpoint, s.continue_from, CURRENT_TIMESTAMP)";
			case OTHER -> null;
		};
		if (insert != null) {
			try {
				return keyed(this.jdbc.sql(insert), key).param("token", continueFrom).update() > 0;
			}
			catch (DuplicateKeyException ex) {
				// H2 only (see save): another transaction inserted the row first
				return false;
			}
		}
		if (load(key) != null) {
			return false;
		}
		insert(key, continueFrom);
		return true;
	}

	/** A plain insert, for databases without a known upsert; a duplicate key then fails the call. */
	private void insert(ExportCheckpointStore.Key key, String continueFrom) {
		keyed(this.jdbc.sql("INSERT INTO " + TABLE + " " + COLUMNS + " VALUES " + VALUES), key)
			.param("token", continueFrom)
			.update();
	}

	@Override
	public void delete(ExportCheckpointStore.Key key) {
		keyed(this.jdbc.sql("DELETE FROM " + TABLE + KEY), key).update();
	}

	/**
	 * Forgets the checkpoint of every feed in the table, so that every export starts from its beginning again; for
	 * tests (the ServiceTitan simulator's reset calls it), never needed in production.
	 */
	@Override
	public void clear() {
		this.jdbc.sql("DELETE FROM " + TABLE).update();
	}

	private static JdbcClient.StatementSpec keyed(JdbcClient.StatementSpec statement, ExportCheckpointStore.Key key) {
		return statement.param("tenant", key.tenantId())
			.param("folder", key.folder())
			.param("resource", key.exportEndpoint());
	}

	private Dialect dialect() {
		Dialect dialect = this.dialect;
		if (dialect == null) {
			dialect = Dialect.of(productName(this.dataSource));
			this.dialect = dialect;
		}
		return dialect;
	}

	private static String productName(DataSource dataSource) {
		try {
			return Objects.requireNonNullElse(
					JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName), "");
		}
		catch (MetaDataAccessException ex) {
			throw new IllegalStateException("Could not tell which database holds " + TABLE, ex);
		}
	}

	@Override
	public String toString() {
		return "JdbcExportCheckpointStore[" + TABLE + "]";
	}

	/** How a database writes a row that may already exist in one statement. */
	enum Dialect {

		/** INSERT ... ON CONFLICT. */
		POSTGRESQL,

		/** Standard MERGE with a VALUES source. */
		MERGE,

		/** Neither known: update, then insert. */
		OTHER;

		static Dialect of(String productName) {
			String name = productName.toLowerCase(Locale.ROOT);
			if (name.contains("postgres")) {
				return POSTGRESQL;
			}
			if (name.equals("h2")) {
				return MERGE;
			}
			return OTHER;
		}

	}

}
