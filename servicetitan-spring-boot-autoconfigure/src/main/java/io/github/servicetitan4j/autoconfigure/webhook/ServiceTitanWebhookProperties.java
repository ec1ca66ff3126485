package io.github.servicetitan4j.autoconfigure.webhook;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the endpoint that receives ServiceTitan's webhook deliveries.
 */
@ConfigurationProperties("servicetitan.webhooks")
public class ServiceTitanWebhookProperties {

	/**
	 * Whether the application receives ServiceTitan's webhook deliveries (Spring MVC).
	 */
	private boolean enabled;

	/**
	 * Path of the endpoint; a tenant's name may follow it (path/acme) to route its events to that tenant.
	 */
	private String path = "/servicetitan/webhooks";

	/**
	 * HMAC keys a delivery may be signed with (32 to 64 characters each); several while a key is rotated.
	 */
	private List<String> secrets = new ArrayList<>();

	/**
	 * Request header carrying the signature (not in ServiceTitan's public documentation).
	 */
	private String header = "X-ServiceTitan-Signature";

	/**
	 * JCA name of the HMAC algorithm (not in ServiceTitan's public documentation).
	 */
	private String algorithm = "HmacSHA256";

	/**
	 * Encoding of the signature: auto (hex or base64), hex or base64 (not in ServiceTitan's public documentation).
	 */
	private SignatureEncoding encoding = SignatureEncoding.AUTO;

	/**
	 * Whether deliveries without a signature header are accepted (only for subscriptions without an HMAC key).
	 */
	private boolean allowUnsigned;

	/**
	 * Largest delivery body accepted; a larger one is refused with 413 before it is parsed.
	 */
	private DataSize maxBodySize = DataSize.ofMegabytes(1);

	private final Dedup dedup = new Dedup();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getPath() {
		return this.path;
	}

	public void setPath(String path) {
		this.path = path;
	}

	public List<String> getSecrets() {
		return this.secrets;
	}

	public void setSecrets(List<String> secrets) {
		this.secrets = secrets;
	}

	public String getHeader() {
		return this.header;
	}

	public void setHeader(String header) {
		this.header = header;
	}

	public String getAlgorithm() {
		return this.algorithm;
	}

	public void setAlgorithm(String algorithm) {
		this.algorithm = algorithm;
	}

	public SignatureEncoding getEncoding() {
		return this.encoding;
	}

	public void setEncoding(SignatureEncoding encoding) {
		this.encoding = encoding;
	}

	public boolean isAllowUnsigned() {
		return this.allowUnsigned;
	}

	public void setAllowUnsigned(boolean allowUnsigned) {
		this.allowUnsigned = allowUnsigned;
	}

	public DataSize getMaxBodySize() {
		return this.maxBodySize;
	}

	public void setMaxBodySize(DataSize maxBodySize) {
		this.maxBodySize = maxBodySize;
	}

	public Dedup getDedup() {
		return this.dedup;
	}

	@Override
	public String toString() {
		return "ServiceTitanWebhookProperties[path=" + this.path + ", secrets=" + this.secrets.size() + " configured]";
	}

	/** Encodings of the signature header. */
	public enum SignatureEncoding {

		/** Hex or base64, whichever the header holds. */
		AUTO,

		/** Lower- or upper-case hexadecimal. */
		HEX,

		/** Standard base64, padded or not. */
		BASE64

	}

	/** Where delivered event ids are remembered. */
	public enum DedupStore {

		/** In this instance's memory: for a single instance. */
		MEMORY,

		/** In a table of the application's DataSource, shared by every instance. */
		JDBC,

		/** In the application's Redis, shared by every instance. */
		REDIS

	}

	public static class Dedup {

		/**
		 * Where handled event ids are remembered: memory (one instance), jdbc (the application's DataSource) or redis.
		 */
		private DedupStore store = DedupStore.MEMORY;

		/**
		 * How long a handled event id is remembered; ServiceTitan's own retries end about 7 minutes after the first
		 * delivery, manual replays from its portal may come later.
		 */
		private Duration retention = Duration.ofDays(7);

		/**
		 * How long an instance may take to handle an event before another delivery of it may be handled elsewhere
		 * (an instance that died mid-handling releases nothing).
		 */
		private Duration claimTimeout = Duration.ofMinutes(5);

		/**
		 * Whether to create the table of the jdbc store at startup if it does not exist.
		 */
		private boolean initializeSchema = true;

		public DedupStore getStore() {
			return this.store;
		}

		public void setStore(DedupStore store) {
			this.store = store;
		}

		public Duration getRetention() {
			return this.retention;
		}

		public void setRetention(Duration retention) {
			this.retention = retention;
		}

		public Duration getClaimTimeout() {
			return this.claimTimeout;
		}

		public void setClaimTimeout(Duration claimTimeout) {
			this.claimTimeout = claimTimeout;
		}

		public boolean isInitializeSchema() {
			return this.initializeSchema;
		}

		public void setInitializeSchema(boolean initializeSchema) {
			this.initializeSchema = initializeSchema;
		}

	}

}
