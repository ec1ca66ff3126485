package io.github.servicetitan4j.ratelimit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Supplier;

import javax.sql.DataSource;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisScriptingCommands;
import io.lettuce.core.cluster.RedisClusterClient;
import org.jspecify.annotations.Nullable;

/**
 * A tenant's query slots as a lease-based counting semaphore in a store: the holders of a tenant, each with the time
 * its lease expires. A holder that is never released (its instance was killed) stops counting once its lease has
 * expired. Times are the instances' clocks (they must agree, as NTP-synchronised hosts do).
 */
final class QuerySlotStores {

	/** Table of the PostgreSQL holders, created by the same script as the rate-limit table. */
	static final String TABLE = "servicetitan_query_slot";

	private QuerySlotStores() {
	}

	/** The holders of each tenant's slots in a store. */
	interface Backend {

		/**
		 * Takes a slot when fewer than {@code slots} live holders have one (renews it when the holder has one).
		 * @param key the tenant's slots
		 * @param holder who takes it
		 * @param slots how many holders there may be
		 * @param nowMillis the current time, epoch milliseconds
		 * @param lease how long the slot is held unless released or renewed
		 * @return whether the holder has a slot now
		 */
		boolean tryAcquire(String key, String holder, int slots, long nowMillis, Duration lease);

		/**
		 * Frees a holder's slot; nothing when it has none.
		 * @param key the tenant's slots
		 * @param holder the holder
		 */
		void release(String key, String holder);

	}

	/**
	 * Holders in a Redis sorted set per tenant, scored by the expiry of their lease; taken and freed by Lua scripts,
	 * atomic in the server. The set itself expires with the longest lease.
	 */
	static final class Redis implements Backend {

		private static final String ACQUIRE = """
				redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
				local held = redis.call('ZSCORE', KEYS[1], ARGV[4])
				if (not held) and redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then
				  return 0
				end
				redis.call('ZADD', KEYS[1], ARGV[2], ARGV[4])
				if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[5]) then
				  redis.call('PEXPIRE', KEYS[1], ARGV[5])
				end
				return 1
				""";

		private static final String RELEASE = "return redis.call('ZREM', KEYS[1], ARGV[1])";

		private final Supplier<? extends AbstractRedisClient> client;

		private volatile @Nullable RedisScriptingCommands<String, String> commands;

		Redis(Supplier<? extends AbstractRedisClient> client) {
			this.client = client;
		}

		@Override
		public boolean tryAcquire(String key, String holder, int slots, long nowMillis, Duration lease) {
			Long got = commands().eval(ACQUIRE, ScriptOutputType.INTEGER, new String[] { key },
					Long.toString(nowMillis), Long.toString(nowMillis + lease.toMillis()), Integer.toString(slots),
					holder, Long.toString(lease.toMillis()));
			return got != null && got == 1;
		}

		@Override
		public void release(String key, String holder) {
			commands().eval(RELEASE, ScriptOutputType.INTEGER, new String[] { key }, holder);
		}

		private RedisScriptingCommands<String, String> commands() {
			RedisScriptingCommands<String, String> connected = this.commands;
			if (connected == null) {
				synchronized (this) {
					connected = this.commands;
					if (connected == null) {
						AbstractRedisClient redis = this.client.get();
						if (redis instanceof RedisClusterClient cluster) {
							connected = cluster.connect().sync();
						}
						else if (redis instanceof RedisClient single) {
							connected = single.connect().sync();
						}
						else {
							throw new IllegalArgumentException("Unsupported Lettuce client " + redis.getClass().getName());
						}
						this.commands = connected;
					}
				}
			}
			return connected;
		}

	}

	/**
	 * Holders in a PostgreSQL table: a slot is taken in one transaction that locks the tenant (a transaction-scoped
	 * advisory lock on the hash of its key), removes expired holders, counts the live ones and adds the holder when
	 * there is room.
	 */
	static final class Postgresql implements Backend {

		private final DataSource dataSource;

		private final int timeoutSeconds;

		Postgresql(DataSource dataSource, Duration timeout) {
			this.dataSource = dataSource;
			this.timeoutSeconds = (int) Math.max(1, (timeout.toMillis() + 999) / 1000);
		}

		@Override
		public boolean tryAcquire(String key, String holder, int slots, long nowMillis, Duration lease) {
			try (Connection connection = this.dataSource.getConnection()) {
				boolean autoCommit = connection.getAutoCommit();
				connection.setAutoCommit(false);
				try {
					boolean got = acquire(connection, key, holder, slots, nowMillis, nowMillis + lease.toMillis());
					connection.commit();
					return got;
				}
				catch (SQLException | RuntimeException ex) {
					connection.rollback();
					throw ex;
				}
				finally {
					connection.setAutoCommit(autoCommit);
				}
			}
			catch (SQLException ex) {
				throw new IllegalStateException("query slot store: " + ex.getSQLState(), ex);
			}
		}

		private boolean acquire(Connection connection, String key, String holder, int slots, long now, long expiresAt)
				throws SQLException {
			try (PreparedStatement lock = statement(connection, "SELECT pg_advisory_xact_lock(hashtext(?))")) {
				lock.setString(1, key);
				lock.execute();
			}
			try (PreparedStatement expired = statement(connection,
					"DELETE FROM " + TABLE + " WHERE slots_key = ? AND expires_at <= ?")) {
				expired.setString(1, key);
				expired.setLong(2, now);
				expired.executeUpdate();
			}
			int others;
			try (PreparedStatement count = statement(connection,
					"SELECT count(*) FROM " + TABLE + " WHERE slots_key = ? AND holder <> ?")) {
				count.setString(1, key);
				count.setString(2, holder);
				try (ResultSet rows = count.executeQuery()) {
					rows.next();
					others = rows.getInt(1);
				}
			}
			if (others >= slots) {
				return false;
			}
			try (PreparedStatement take = statement(connection, "INSERT INTO " + TABLE
					+ " (slots_key, holder, expires_at) VALUES (?, ?, ?) "
					+ "ON CONFLICT (slots_key, holder) DO UPDATE SET expires_at = EXCLUDED.expires_at")) {
				take.setString(1, key);
				take.setString(2, holder);
				take.setLong(3, expiresAt);
				take.executeUpdate();
			}
			return true;
		}

		@Override
		public void release(String key, String holder) {
			try (Connection connection = this.dataSource.getConnection();
					PreparedStatement free = statement(connection,
							"DELETE FROM " + TABLE + " WHERE slots_key = ? AND holder = ?")) {
				free.setString(1, key);
				free.setString(2, holder);
				free.executeUpdate();
			}
			catch (SQLException ex) {
				throw new IllegalStateException("query slot store: " + ex.getSQLState(), ex);
			}
		}

		private PreparedStatement statement(Connection connection, String sql) throws SQLException {
			PreparedStatement statement = connection.prepareStatement(sql);
			statement.setQueryTimeout(this.timeoutSeconds);
			return statement;
		}

	}

}
