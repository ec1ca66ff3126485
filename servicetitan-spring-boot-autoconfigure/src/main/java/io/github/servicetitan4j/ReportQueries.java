package io.github.servicetitan4j;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

import io.github.servicetitan4j.ServiceTitanClientListener.CallDescriptor;
import io.github.servicetitan4j.errors.ServiceTitanApiException;
import io.github.servicetitan4j.errors.ServiceTitanException;
import io.github.servicetitan4j.errors.ServiceTitanException.ServiceTitanInterruptedException;
import io.github.servicetitan4j.errors.ServiceTitanException.ServiceTitanMappingException;
import io.github.servicetitan4j.ratelimit.RateLimiter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Reads the pages of one report run over the flow the settings choose ({@link Reports.Settings.Flow}). The
 * synchronous flow is one {@code POST .../data} per page. The asynchronous flow starts a query per page
 * ({@code POST .../data/query}), which answers the page (200) or a token (202); a token is polled
 * ({@code GET data-queries/{token}}) at a growing interval until the page comes, then released
 * ({@code DELETE data-queries/{token}}) so that the tenant's slot is free again. A query that outlives
 * {@code max-query-duration}, an interrupted caller, a failed poll or a run closed early cancels its query with the same
 * DELETE; a failed cancel is logged, never thrown over the original outcome.
 * <p>
 * With {@link Reports.ReadyEvents} (the webhook receiver), a query is started with {@code notifyWhenReady=true} and,
 * while pending, waits for the {@code tn.rpr.report-data-ready} event whose data names its token ({@code token}):
 * it waits in steps of {@code poll-interval} on the sleeper, polls as soon as the event came, and otherwise polls only
 * every {@code max-poll-interval}, so that a lost event costs a delay, never a hang. The subscription is taken before
 * the query starts, so an event that overtakes the 202 is not missed.
 * <p>
 * Every request goes through the client's one pipeline ({@link WholeBodyReader} over the {@link RequestExecutor}):
 * token, limiters, retries, size bound (after decompression) and meters. Only the query start waits for the report's
 * own limiter: polls and cancels do not run the report. While a query runs it holds one of the tenant's slots
 * ({@link ReportLimits#acquireSlot}).
 */
final class ReportQueries implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(ReportQueries.class);

	private final ClientContext client;

	private final CallDescriptor call;

	private final Reports.Description description;

	private final IntFunction<ApiRequest> synchronous;

	private final IntFunction<ApiRequest> starts;

	private final EndpointUris queries;

	private final Set<String> pending = ConcurrentHashMap.newKeySet();

	private final Reports.@Nullable ReadyEvents readyEvents;

	private volatile boolean closed;

	/**
	 * @param client the client's parts
	 * @param call the run
	 * @param description the report
	 * @param json the body of every data request ({@code {"parameters": [...]}})
	 * @param limiter the report's own limiter, or null
	 */
	ReportQueries(ClientContext client, CallDescriptor call, Reports.Description description, byte[] json,
			@Nullable RateLimiter limiter) {
		this.client = client;
		this.call = call;
		this.description = description;
		EndpointUris reports = new EndpointUris(client.apiUrl(), client.tenantId(), DefaultReports.FOLDER,
				"report-category/" + description.category() + "/reports");
		String id = Long.toString(description.id());
		int pageSize = client.reporting().pageSize();
		this.synchronous = (page) -> {
			Map<String, Object> query = new LinkedHashMap<>();
			query.put("page", page);
			query.put("pageSize", pageSize);
			query.put("includeTotal", true);
			// Only reads: ServiceTitan acts on nothing, so a lost answer may be asked for again.
			return reports.request(call, HttpMethod.POST, id, "data", json, query).readOnly(limiter);
		};
		this.readyEvents = client.reportReady();
		boolean notify = this.readyEvents != null;
		this.starts = (page) -> {
			Map<String, Object> query = new LinkedHashMap<>();
			query.put("page", page);
			query.put("pageSize", pageSize);
			if (notify) {
				query.put("notifyWhenReady", true);
			}
			// Starting a query only reads too: a query started twice is two reads, the first one left to expire.
			return reports.request(call, HttpMethod.POST, id, "data", "query", json, query).readOnly(limiter);
		};
		this.queries = new EndpointUris(client.apiUrl(), client.tenantId(), DefaultReports.FOLDER, "data-queries");
	}

	/** The run, for observations and messages. */
	CallDescriptor call() {
		return this.call;
	}

	/**
	 * Reads a page whole over the chosen flow.
	 * @param page the page, from 1
	 * @return the page
	 */
	BufferedPage read(int page) {
		Reports.Settings.Flow flow = this.client.reporting().flow();
		ReportLimits limits = this.client.reportLimits();
		if (flow == Reports.Settings.Flow.SYNCHRONOUS
				|| (flow == Reports.Settings.Flow.AUTOMATIC && limits.synchronousOnly())) {
			return this.client.wholeBodies().page(this.synchronous.apply(page));
		}
		Runnable slot = acquireSlot();
		Set<String> ready = ConcurrentHashMap.newKeySet();
		AutoCloseable subscription = null;
		try {
			subscription = subscribe(ready);
			Answer first;
			try {
				first = this.client.wholeBodies().read(this.starts.apply(page), this::answer);
			}
			catch (ServiceTitanApiException ex) {
				if (flow != Reports.Settings.Flow.AUTOMATIC || (ex.status() != 404 && ex.status() != 405)) {
					throw ex;
				}
				return fallBack(page, ex);
			}
			return (first.page() != null) ? first.page() : await(first.token(), page, (subscription != null) ? ready : null);
		}
		finally {
			unsubscribe(subscription);
			slot.run();
		}
	}

	/**
	 * Cancels every query of this run still pending: the run was closed before its end.
	 */
	@Override
	public void close() {
		this.closed = true;
		for (String token : Set.copyOf(this.pending)) {
			cancel(token, "its run was closed before the query finished");
		}
	}

	private BufferedPage fallBack(int page, ServiceTitanApiException ex) {
		logger.info("Report " + this.description.id() + ": the asynchronous data flow answered " + ex.status()
				+ "; using the synchronous one (servicetitan.reporting.flow=automatic)");
		// The refused start took the report's turn without running it: the synchronous request uses that turn.
		BufferedPage result = this.client.wholeBodies().page(this.synchronous.apply(page).readOnly(null));
		this.client.reportLimits().markSynchronousOnly();
		return result;
	}

	/**
	 * Waits for a pending query's page.
	 * @param token the query's token
	 * @param page the page, for messages
	 * @param ready the tokens whose ready event came, or null when there are no events: then polls at a growing
	 * interval
	 */
	private BufferedPage await(String token, int page, @Nullable Set<String> ready) {
		this.pending.add(token);
		Reports.Settings settings = this.client.reporting();
		Clock clock = this.client.reportLimits().clock();
		Instant started = clock.instant();
		Instant polled = started;
		Duration interval = settings.pollInterval();
		int polls = 0;
		try {
			while (true) {
				Duration left = settings.maxQueryDuration().minus(Duration.between(started, clock.instant()));
				if (left.isNegative() || left.isZero()) {
					throw new Reports.QueryTimeoutException(this.description.category(), this.description.id(), page,
							settings.maxQueryDuration(), polls);
				}
				Duration wait = (interval.compareTo(left) < 0) ? interval : left;
				if (ready != null) {
					// Steps of poll-interval until the event, or until the fall-back poll is due.
					Duration untilFallBack = settings.maxPollInterval().minus(Duration.between(polled, clock.instant()));
					wait = ready.contains(token) ? Duration.ZERO : shortest(wait, untilFallBack);
				}
				if (!wait.isNegative() && !wait.isZero()) {
					sleep(wait);
				}
				if (this.closed) {
					throw new ServiceTitanException("Report " + this.description.id() + " (" + this.description.category()
							+ "): query of page " + page + " cancelled, its run was closed");
				}
				if (ready != null && !ready.remove(token)
						&& Duration.between(polled, clock.instant()).compareTo(settings.maxPollInterval()) < 0) {
					continue;
				}
				Answer answer = this.client.wholeBodies().read(poll(token, HttpMethod.GET), this::answer);
				polls++;
				polled = clock.instant();
				if (answer.page() != null) {
					// Done: the token still holds the tenant's slot until it is released.
					cancel(token, null);
					return answer.page();
				}
				if (ready == null) {
					Duration doubled = interval.multipliedBy(2);
					interval = shortest(doubled, settings.maxPollInterval());
				}
			}
		}
		catch (RuntimeException ex) {
			cancel(token, ex.getClass().getSimpleName());
			throw ex;
		}
	}

	private static Duration shortest(Duration one, Duration other) {
		return (one.compareTo(other) < 0) ? one : other;
	}

	/** Collects the tokens named by report-ready events into the set, when the client hears such events. */
	private @Nullable AutoCloseable subscribe(Set<String> ready) {
		if (this.readyEvents == null) {
			return null;
		}
		return this.readyEvents.subscribe((data) -> {
			JsonNode token = (data != null) ? data.get("token") : null;
			if (token != null && token.isString()) {
				ready.add(token.asString());
			}
		});
	}

	private void unsubscribe(@Nullable AutoCloseable subscription) {
		if (subscription == null) {
			return;
		}
		try {
			subscription.close();
		}
		catch (Exception ex) {
			logger.debug("Report " + this.description.id() + ": the ready-event subscription could not be closed", ex);
		}
	}

	private void sleep(Duration delay) {
		try {
			this.client.reportLimits().sleeper().sleep(delay);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ServiceTitanInterruptedException("waiting for a query of report " + this.description.id(), ex);
		}
	}

	private Runnable acquireSlot() {
		try {
			return this.client.reportLimits().acquireSlot(this.description.category(), this.description.id());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ServiceTitanInterruptedException("waiting for a query slot of the tenant", ex);
		}
	}

	/**
	 * Releases a token with a DELETE, once: cancels its query if it still runs and frees the tenant's slot.
	 * @param token the token
	 * @param why why it is cancelled, for the log; null when released after its page came
	 */
	private void cancel(String token, @Nullable String why) {
		if (!this.pending.remove(token)) {
			return;
		}
		// An interrupted caller still frees its slot: the flag would fail the DELETE before it is sent.
		boolean interrupted = Thread.interrupted();
		try {
			this.client.executor().read(poll(token, HttpMethod.DELETE), (response) -> null);
			if (why != null) {
				logger.debug("Report " + this.description.id() + ": query cancelled (" + why + ")");
			}
		}
		catch (RuntimeException ex) {
			// Never thrown over the run's own outcome; the token expires on the server in time.
			logger.warn("Report " + this.description.id() + " (" + this.description.category()
					+ "): the query could not be cancelled, the tenant's slot stays taken until it expires: "
					+ ex.getMessage());
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private ApiRequest poll(String token, HttpMethod method) {
		ApiRequest request = this.queries.request(this.call, method, token, null, null, Map.of());
		return (method == HttpMethod.GET) ? request.readOnly(null) : request;
	}

	/** A 200 is the page; a 202 names the token to poll. */
	private Answer answer(ClientHttpResponse response) throws IOException {
		byte[] body = response.getBody().readAllBytes();
		if (response.getStatusCode().value() != 202) {
			return new Answer(BufferedPage.of(body, this.client.records(), this.call), "");
		}
		JsonNode pending;
		try (JsonParser parser = this.client.records().parser(body)) {
			pending = parser.readValueAsTree();
		}
		JsonNode token = (pending != null) ? pending.get("token") : null;
		if (token == null || !token.isString() || token.asString().isBlank()) {
			throw new ServiceTitanMappingException("Report " + this.description.id() + " (" + this.description.category()
					+ "): a pending query (202) named no token to poll");
		}
		return new Answer(null, token.asString());
	}

	/**
	 * What a query start or poll answered: the page, or the token of a pending query.
	 *
	 * @param page the page, when done
	 * @param token the token, when pending
	 */
	private record Answer(@Nullable BufferedPage page, String token) {
	}

}
