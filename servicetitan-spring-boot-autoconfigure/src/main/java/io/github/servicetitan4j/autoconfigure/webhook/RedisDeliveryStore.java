package io.github.servicetitan4j.autoconfigure.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Event ids in the application's Redis, shared by every instance: a claim is a key set if absent that expires after
 * the claim timeout (so a dead instance's claim lapses by itself), a handled event's key holds {@code done} for the
 * retention. Redis expires keys on its own clock.
 */
final class RedisDeliveryStore implements DeliveryStore {

	private static final String PREFIX = "servicetitan:webhooks:";

	private static final String DONE = "done";

	private static final RedisScript<Long> COMPLETE = new DefaultRedisScript<>(
			"if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('SET', KEYS[1], 'done', 'PX', ARGV[2]) return 1 end return 0",
			Long.class);

	private static final RedisScript<Long> RELEASE = new DefaultRedisScript<>(
			"if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0", Long.class);

	private final StringRedisTemplate redis;

	private final Duration claimTimeout;

	private final Duration retention;

	RedisDeliveryStore(RedisConnectionFactory connectionFactory, Duration claimTimeout, Duration retention) {
		this.redis = new StringRedisTemplate(connectionFactory);
		this.claimTimeout = claimTimeout;
		this.retention = retention;
	}

	@Override
	public Claim claim(String id, String token, Instant now) {
		Boolean set = this.redis.opsForValue().setIfAbsent(PREFIX + id, "claim:" + token, this.claimTimeout);
		if (Boolean.TRUE.equals(set)) {
			return Claim.CLAIMED;
		}
		return DONE.equals(this.redis.opsForValue().get(PREFIX + id)) ? Claim.DONE : Claim.BUSY;
	}

	@Override
	public void complete(String id, String token, Instant now) {
		this.redis.execute(COMPLETE, List.of(PREFIX + id), "claim:" + token, Long.toString(this.retention.toMillis()));
	}

	@Override
	public void release(String id, String token) {
		this.redis.execute(RELEASE, List.of(PREFIX + id), "claim:" + token);
	}

	@Override
	public void purge(Instant before) {
		// keys expire by themselves
	}

}
