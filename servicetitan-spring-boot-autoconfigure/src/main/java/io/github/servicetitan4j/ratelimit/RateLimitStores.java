package io.github.servicetitan4j.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;

/**
 * Bucket4j proxy managers over the stores an application already runs. Both take their time from the given clock (all
 * instances must agree on the time, as NTP-synchronised hosts do) and give up on a round trip after the given timeout.
 */
final class RateLimitStores {

	/** Table of the PostgreSQL store. */
	static final String TABLE = RateLimiterFactory.POSTGRESQL_TABLE;

	/** Class path location of the script that creates {@link #TABLE}. */
	static final String POSTGRESQL_SCHEMA_LOCATION = RateLimiterFactory.POSTGRESQL_SCHEMA_LOCATION;

	/** How long a bucket stays in Redis after it has refilled completely (then it is as good as new). */
	private static final Duration KEEP_FULL_BUCKET = Duration.ofMinutes(1);

	private RateLimitStores() {
	}

	/**
	 * Buckets in Redis, through a connection of its own from the application's Lettuce client (compare-and-swap).
	 * @param client a Lettuce {@link RedisClient} or {@link RedisClusterClient}
	 * @param timeout longest a round trip may take
	 * @param clock the time source
	 * @return the proxy manager
	 */
	public static ProxyManager<String> redis(AbstractRedisClient client, Duration timeout, Clock clock) {
		RedisCodec<String, byte[]> codec = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
		if (client instanceof RedisClusterClient cluster) {
			return Bucket4jLettuce.casBasedBuilder(cluster.connect(codec))
				.clientClock(timeMeter(clock))
				.requestTimeout(timeout)
				.expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_FULL_BUCKET))
				.build();
		}
		if (client instanceof RedisClient single) {
			return Bucket4jLettuce.casBasedBuilder(single.connect(codec))
				.clientClock(timeMeter(clock))
				.requestTimeout(timeout)
				.expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_FULL_BUCKET))
				.build();
		}
		throw new IllegalArgumentException("Unsupported Lettuce client " + client.getClass().getName());
	}

	/**
	 * Buckets in a PostgreSQL table ({@code SELECT ... FOR UPDATE} on one row per bucket).
	 * @param dataSource the application's data source
	 * @param timeout longest a round trip may take
	 * @param clock the time source
	 * @return the proxy manager
	 */
	public static ProxyManager<String> postgresql(DataSource dataSource, Duration timeout, Clock clock) {
		return Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
			.primaryKeyMapper(PrimaryKeyMapper.STRING)
			.table(TABLE)
			.idColumn("id")
			.stateColumn("state")
			.clientClock(timeMeter(clock))
			.requestTimeout(timeout)
			.build();
	}

	private static TimeMeter timeMeter(Clock clock) {
		return new TimeMeter() {

			@Override
			public long currentTimeNanos() {
				Instant now = clock.instant();
				return now.getEpochSecond() * 1_000_000_000L + now.getNano();
			}

			@Override
			public boolean isWallClockBased() {
				return true;
			}

		};
	}

}
