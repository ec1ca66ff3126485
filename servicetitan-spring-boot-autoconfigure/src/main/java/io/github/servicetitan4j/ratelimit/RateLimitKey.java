package io.github.servicetitan4j.ratelimit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.springframework.util.Assert;

/**
 * Names the shared budget of one tenant and application key in the store: the tenant id and the first 16 hex digits of
 * the SHA-256 of the key. The key itself never reaches the store, a log or this record.
 *
 * @param tenantId the tenant
 * @param appKeyHash hash of the application key
 */
record RateLimitKey(String tenantId, String appKeyHash) {

	/** Prefix of every bucket name. */
	public static final String PREFIX = "servicetitan:rate-limit:";

	/**
	 * Checks that both parts are named, so that two budgets never share a bucket by accident.
	 * @param tenantId the tenant
	 * @param appKeyHash hash of the application key
	 * @throws IllegalArgumentException if a part is empty
	 */
	public RateLimitKey {
		Assert.hasText(tenantId, "tenantId must not be empty");
		Assert.hasText(appKeyHash, "appKeyHash must not be empty");
	}

	/**
	 * The key of a tenant and application key.
	 * @param tenantId the tenant
	 * @param appKey the application key
	 * @return the key, which holds only a hash of the application key
	 */
	public static RateLimitKey of(String tenantId, String appKey) {
		Assert.hasText(appKey, "appKey must not be empty");
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(appKey.getBytes(StandardCharsets.UTF_8));
			return new RateLimitKey(tenantId, HexFormat.of().formatHex(digest, 0, 8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

	/**
	 * Name of one of this budget's buckets in the store.
	 * @param part which bucket
	 * @return its name
	 */
	String bucket(String part) {
		return PREFIX + this.tenantId + ":" + this.appKeyHash + ":" + part;
	}

}
