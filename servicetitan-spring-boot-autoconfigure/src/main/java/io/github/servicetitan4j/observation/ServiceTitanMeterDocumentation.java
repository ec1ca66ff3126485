package io.github.servicetitan4j.observation;

import io.github.servicetitan4j.observation.ServiceTitanObservationDocumentation.DocumentedKeyName;
import io.micrometer.common.docs.KeyName;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.docs.MeterDocumentation;

/**
 * The meters the ServiceTitan client records beside its observations (see {@link MeterServiceTitanClientListener}),
 * and their tags. Every tag is present on every meter of its name.
 */
public enum ServiceTitanMeterDocumentation implements MeterDocumentation {

	/** Retries of failed attempts. */
	RETRIES("servicetitan.client.retries", Meter.Type.COUNTER, "Failed attempts that the client retried",
			CallKeys.FOLDER, CallKeys.ENDPOINT, CallKeys.OPERATION, RetryKeys.REASON, CallKeys.TENANT),

	/** Waits for the client-side rate limiter. */
	RATE_LIMIT_WAIT("servicetitan.client.rate-limit.wait", Meter.Type.TIMER,
			"Time each request waited for the client-side rate limiter (zero when a permit was free)", CallKeys.FOLDER,
			CallKeys.ENDPOINT, CallKeys.OPERATION, CallKeys.TENANT),

	/** Records delivered by multi-page walks. */
	RECORDS("servicetitan.client.records", Meter.Type.COUNTER,
			"Records that get_all and export_all walks, and rows that report runs, delivered to the caller", CallKeys.FOLDER, CallKeys.ENDPOINT,
			CallKeys.OPERATION, CallKeys.TENANT),

	/** Token requests. */
	TOKEN_REQUESTS("servicetitan.client.token.requests", Meter.Type.TIMER,
			"Requests to the token endpoint (each attempt counts)", TokenKeys.OUTCOME, CallKeys.TENANT);

	private final String name;

	private final Meter.Type type;

	private final String description;

	private final KeyName[] keys;

	ServiceTitanMeterDocumentation(String name, Meter.Type type, String description, KeyName... keys) {
		this.name = name;
		this.type = type;
		this.description = description;
		this.keys = keys;
	}

	@Override
	public String getName() {
		return this.name;
	}

	@Override
	public Meter.Type getType() {
		return this.type;
	}

	@Override
	public KeyName[] getKeyNames() {
		return this.keys.clone();
	}

	/**
	 * What the meter counts or times, for the README.
	 * @return description
	 */
	public String description() {
		return this.description;
	}

	/**
	 * Tags naming the call.
	 */
	public enum CallKeys implements DocumentedKeyName {

		/** API folder. */
		FOLDER("folder", "API folder"),

		/** Endpoint. */
		ENDPOINT("endpoint", "endpoint; `export/<resource>` for exports; `report-category/<category>/reports/<id>` for report runs"),

		/** Operation. */
		OPERATION("operation", "operation, as on `servicetitan.client.operation`"),

		/** Tenant. */
		TENANT("tenant", "tenant id, or the tenant's name under `servicetitan.tenants`; `none` when `servicetitan.observations.tenant-tag=false`");

		private final String key;

		private final String description;

		CallKeys(String key, String description) {
			this.key = key;
			this.description = description;
		}

		@Override
		public String asString() {
			return this.key;
		}

		@Override
		public String description() {
			return this.description;
		}

	}

	/**
	 * Tags of {@link #RETRIES}.
	 */
	public enum RetryKeys implements DocumentedKeyName {

		/** Why the attempt failed. */
		REASON("reason",
				"status code (`429`, `503`, ...) or transport failure (`connection_refused`, `connection_reset`, `timeout`, ...)");

		private final String key;

		private final String description;

		RetryKeys(String key, String description) {
			this.key = key;
			this.description = description;
		}

		@Override
		public String asString() {
			return this.key;
		}

		@Override
		public String description() {
			return this.description;
		}

	}

	/**
	 * Tags of {@link #TOKEN_REQUESTS}.
	 */
	public enum TokenKeys implements DocumentedKeyName {

		/** How the token request ended. */
		OUTCOME("outcome",
				"`success`, `invalid_client` or another OAuth error code, `http_<status>`, `server_error`, `io_error`");

		private final String key;

		private final String description;

		TokenKeys(String key, String description) {
			this.key = key;
			this.description = description;
		}

		@Override
		public String asString() {
			return this.key;
		}

		@Override
		public String description() {
			return this.description;
		}

	}

}
