package io.github.servicetitan4j.autoconfigure.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Event ids in a table of the application's database, shared by every instance: a claim is an insert (the primary key
 * lets one instance win), a stale claim is taken over by a compare-and-set on its token.
 */
final class JdbcDeliveryStore implements DeliveryStore {

	static final String TABLE = "servicetitan_webhook_deliveries";

	private final JdbcTemplate jdbc;

	private final Duration claimTimeout;

	JdbcDeliveryStore(DataSource dataSource, Duration claimTimeout) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.claimTimeout = claimTimeout;
	}

	@Override
	public Claim claim(String id, String token, Instant now) {
		try {
			this.jdbc.update("insert into " + TABLE + " (event_id, claim_token, done, updated_at) values (?, ?, ?, ?)",
					id, token, false, now.toEpochMilli());
			return Claim.CLAIMED;
		}
		catch (DuplicateKeyException ex) {
			// claimed or handled elsewhere: look at the row
		}
		List<Row> rows = this.jdbc.query("select claim_token, done, updated_at from " + TABLE + " where event_id = ?",
				(rs, n) -> new Row(rs.getString(1), rs.getBoolean(2), rs.getLong(3)), id);
		if (rows.isEmpty()) {
			// released between our insert and our read: try once more
			return claimOnce(id, token, now);
		}
		Row row = rows.get(0);
		if (row.done()) {
			return Claim.DONE;
		}
		if (Instant.ofEpochMilli(row.updatedAt()).plus(this.claimTimeout).isAfter(now)) {
			return Claim.BUSY;
		}
		int taken = this.jdbc.update(
				"update " + TABLE + " set claim_token = ?, updated_at = ? where event_id = ? and claim_token = ? and done = ?",
				token, now.toEpochMilli(), id, row.token(), false);
		return (taken == 1) ? Claim.CLAIMED : Claim.BUSY;
	}

	private Claim claimOnce(String id, String token, Instant now) {
		try {
			this.jdbc.update("insert into " + TABLE + " (event_id, claim_token, done, updated_at) values (?, ?, ?, ?)",
					id, token, false, now.toEpochMilli());
			return Claim.CLAIMED;
		}
		catch (DuplicateKeyException ex) {
			return Claim.BUSY;
		}
	}

	@Override
	public void complete(String id, String token, Instant now) {
		this.jdbc.update("update " + TABLE + " set done = ?, updated_at = ? where event_id = ? and claim_token = ?", true,
				now.toEpochMilli(), id, token);
	}

	@Override
	public void release(String id, String token) {
		this.jdbc.update("delete from " + TABLE + " where event_id = ? and claim_token = ? and done = ?", id, token,
				false);
	}

	@Override
	public void purge(Instant before) {
		this.jdbc.update("delete from " + TABLE + " where done = ? and updated_at < ?", true, before.toEpochMilli());
	}

	private record Row(String token, boolean done, long updatedAt) {
	}

}
