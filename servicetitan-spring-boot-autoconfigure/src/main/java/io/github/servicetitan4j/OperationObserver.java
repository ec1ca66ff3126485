package io.github.servicetitan4j;

import java.util.function.Supplier;

import io.github.servicetitan4j.ServiceTitanClientListener.CallDescriptor;
import org.jspecify.annotations.Nullable;

/**
 * Observes Endpoint operation calls (one per {@code getOne}, {@code getAll}, ... call), so that metrics and traces
 * can be taken around them. The Spring Boot starter supplies one backed by Micrometer's Observation API; the default
 * observes nothing.
 */
public interface OperationObserver {

	/** Observes nothing. */
	OperationObserver NOOP = (call, id) -> Operation.NOOP;

	/**
	 * Starts observing one operation call.
	 * @param call what is called
	 * @param id the record id, if the call names one (high cardinality)
	 * @return the running operation; stopped by the caller
	 */
	Operation start(CallDescriptor call, @Nullable String id);

	/**
	 * One running operation call.
	 */
	interface Operation {

		/** Does nothing. */
		Operation NOOP = new Operation() {

			@Override
			public <T> T inScope(Supplier<T> work) {
				return work.get();
			}

			@Override
			public void error(Throwable error) {
			}

			@Override
			public void stop() {
			}

		};

		/**
		 * Runs work (a request of this operation) with the operation as the current observation, so that the request
		 * becomes its child.
		 * @param work the work
		 * @param <T> its result
		 * @return its result
		 */
		<T> T inScope(Supplier<T> work);

		/**
		 * Records that the operation failed.
		 * @param error the failure
		 */
		void error(Throwable error);

		/** Ends the operation. Called exactly once. */
		void stop();

	}

}
