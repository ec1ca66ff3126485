package io.github.servicetitan4j;

import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

import org.springframework.util.unit.DataSize;

/**
 * Everything an {@link Endpoint} needs from its client, built once by {@link ServiceTitanClient} and handed to each
 * {@link DefaultEndpoint}: the endpoint never calls back into the client. Immutable; its parts are thread-safe.
 *
 * @param apiUrl API root
 * @param tenantId tenant of every request
 * @param pageSize page size of walks whose query names none
 * @param pagingConcurrency pages a walk fetches concurrently once its first page has told the page count
 * @param maxResponseSize largest response body read whole into memory
 * @param executor sends requests through the one retry policy
 * @param records JSON reading, writing and mapping
 * @param observer observes operation calls
 * @param listener hears retries, waits, records and token requests
 * @param paging the client's pool of threads that fetch pages ahead, created when first needed
 */
record ClientContext(URI apiUrl, String tenantId, int pageSize, int pagingConcurrency, DataSize maxResponseSize,
		RequestExecutor executor, RecordMapper records, OperationObserver observer, ServiceTitanClientListener listener,
		Supplier<ExecutorService> paging) {

	/**
	 * The pool that fetches pages ahead, created on first use.
	 * @return the pool
	 * @throws IllegalStateException if the client is closed
	 */
	ExecutorService pagingPool() {
		return this.paging.get();
	}

}
