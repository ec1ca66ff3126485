package io.github.servicetitan4j.observation;

import io.github.servicetitan4j.internal.Outcome;
import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations of the ServiceTitan client, their names and every key they carry. Low-cardinality keys become
 * meter tags and span attributes; high-cardinality keys become span attributes only. Every low-cardinality key is
 * present on every observation of its kind (with the value {@code none} when it does not apply), because Prometheus
 * wants one set of tag keys per meter name.
 */
public enum ServiceTitanObservationDocumentation implements ObservationDocumentation {

	/**
	 * One Endpoint operation call: {@code getOne}, {@code create}, a whole {@code getAll} walk, ...
	 */
	OPERATION {

		@Override
		public String getName() {
			return "servicetitan.client.operation";
		}

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultServiceTitanObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return OperationKeys.values();
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return OperationHighCardinalityKeys.values();
		}

		@Override
		public String description() {
			return "One Endpoint operation call (a whole multi-page walk for get_all and export_all), or one report run (all its pages)";
		}

	},

	/**
	 * One HTTP request to the ServiceTitan API, a child of the operation that sent it. Its own name, not
	 * {@code http.client.requests}: its tag keys differ from those of the application's other HTTP clients.
	 */
	REQUEST {

		@Override
		public String getName() {
			return "servicetitan.client.requests";
		}

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return ServiceTitanRequestObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return RequestKeys.values();
		}

		@Override
		public String description() {
			return "One HTTP request to the API (each attempt of a retried call counts)";
		}

	};

	/**
	 * What the observation measures, for the README.
	 * @return description
	 */
	public abstract String description();

	/**
	 * A key with a description, for the README.
	 */
	public interface DocumentedKeyName extends KeyName {

		/**
		 * What the key's values mean.
		 * @return description
		 */
		String description();

	}

	/**
	 * Low-cardinality keys of {@link #OPERATION}.
	 */
	public enum OperationKeys implements DocumentedKeyName {

		/** API folder. */
		FOLDER("folder", "API folder, such as `jpm`"),

		/** Endpoint. */
		ENDPOINT("endpoint",
				"endpoint, such as `jobs`; `export/<resource>` for exports; `report-category/<category>/reports/<id>` for report runs"),

		/** Operation. */
		OPERATION("operation",
				"`get_one`, `get_many`, `get_all`, `create`, `update`, `delete`, `delete_subitem`, `export_one`, `export_all`, `download`, `report`"),

		/** Outcome. */
		OUTCOME("outcome", "`success`, `client_error`, `server_error`, `rate_limited`, `io_error`, `unknown`"),

		/** Exception. */
		EXCEPTION("exception", "simple class name of the exception the call threw, `none` on success"),

		/** Tenant. */
		TENANT("tenant", "tenant id, or the tenant's name under `servicetitan.tenants`; `none` when `servicetitan.observations.tenant-tag=false`");

		private final String key;

		private final String description;

		OperationKeys(String key, String description) {
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
	 * High-cardinality keys of {@link #OPERATION}.
	 */
	public enum OperationHighCardinalityKeys implements DocumentedKeyName {

		/** Record id. */
		ID("id", "record id the call names, `none` when it names none");

		private final String key;

		private final String description;

		OperationHighCardinalityKeys(String key, String description) {
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
	 * Low-cardinality keys of {@link #REQUEST}.
	 */
	public enum RequestKeys implements DocumentedKeyName {

		/** API folder. */
		FOLDER("folder", "API folder"),

		/** Endpoint. */
		ENDPOINT("endpoint", "endpoint; `export/<resource>` for exports; `report-category/<category>/reports/<id>` for report runs"),

		/** Operation. */
		OPERATION("operation", "operation that sent the request"),

		/** HTTP method. */
		METHOD("method", "HTTP method"),

		/** URI template. */
		URI("uri", "path template such as `/{folder}/v2/tenant/{tenant}/{endpoint}/{id}`, never raw ids"),

		/** HTTP status. */
		STATUS("status", "HTTP status code, `none` when no response came"),

		/** Outcome. */
		OUTCOME("outcome", "`success`, `client_error`, `server_error`, `rate_limited`, `io_error`"),

		/** Exception. */
		EXCEPTION("exception", "simple class name of the failure, `none` when there was none"),

		/** Tenant. */
		TENANT("tenant", "tenant id, or the tenant's name under `servicetitan.tenants`; `none` when `servicetitan.observations.tenant-tag=false`");

		private final String key;

		private final String description;

		RequestKeys(String key, String description) {
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
	 * Keys that Micrometer's meter handler adds to the timer of each observation above, beside its low-cardinality
	 * keys. They are on the timer only: not on the span, nor on the {@code .active} long-task timer.
	 */
	public enum TimerKeys implements DocumentedKeyName {

		/** Error. */
		ERROR("error",
				"simple class name of the error the observation recorded (the exception of a failed call, the I/O failure of a request), `none` without one");

		private final String key;

		private final String description;

		TimerKeys(String key, String description) {
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
