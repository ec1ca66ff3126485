package io.github.servicetitan4j;

import java.net.URI;

import io.github.servicetitan4j.auth.AccessTokenProvider;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.unit.DataSize;

/**
 * Everything the operations of one client need, built once by {@link ServiceTitanClient.Builder} and handed to each
 * {@link DefaultEndpoint} and to the {@link DefaultReports} (and to whatever else sends requests for the client, such as
 * typed clients): none of them calls back into the client. Immutable; its parts are thread-safe, and it owns them: the
 * client only closes its {@link #paging() paging pool}.
 *
 * @param apiUrl API root
 * @param tenantId tenant of every request
 * @param pageSize page size of walks whose query names none
 * @param maxResponseSize largest response body read whole into memory
 * @param tokens the access tokens every request carries
 * @param executor sends every request through the one retry policy
 * @param wholeBodies reads every response held whole in memory, bounded and within the attempt budget
 * @param records JSON reading, writing and mapping
 * @param observer observes operation calls
 * @param listener hears retries, waits, records and token requests
 * @param paging the threads that fetch pages ahead, started when first needed
 * @param reporting how report runs are paced and paged
 * @param reportLimits the limiter of each report
 * @param reportReady where report-ready events come from (the webhook receiver), or null: queries poll
 * @param json the application's mapper, for the typed clients' generic types ({@code List<Job>}) and query values
 */
record ClientContext(URI apiUrl, String tenantId, int pageSize, DataSize maxResponseSize, AccessTokenProvider tokens,
		RequestExecutor executor, WholeBodyReader wholeBodies, RecordMapper records, OperationObserver observer,
		ServiceTitanClientListener listener, PagingPool paging, Reports.Settings reporting, ReportLimits reportLimits,
		Reports.@Nullable ReadyEvents reportReady, JsonMapper json) {

	/**
	 * An endpoint of this client.
	 * @param folder the API folder
	 * @param endpoint the resource path within the folder
	 * @return the endpoint
	 */
	Endpoint endpoint(String folder, String endpoint) {
		return new DefaultEndpoint(this, folder, endpoint);
	}

}
