package io.github.servicetitan4j.test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.github.servicetitan4j.test.internal.UrlCodec;

/**
 * The requests the simulator received, oldest first: for asserting what a client sent (method, path, query, headers,
 * body). Requests the simulator broke off with a fault are recorded too. For WireMock's full verification language use
 * {@link ServiceTitanSimulator#wireMock()}.
 */
public final class RequestJournal {

	private final WireMockServer server;

	RequestJournal(WireMockServer server) {
		this.server = server;
	}

	/**
	 * Every recorded request, oldest first.
	 * @return requests, a snapshot
	 */
	public List<RecordedRequest> all() {
		List<ServeEvent> events = new ArrayList<>(this.server.getAllServeEvents());
		Collections.reverse(events);
		List<RecordedRequest> requests = new ArrayList<>(events.size());
		for (ServeEvent event : events) {
			RecordedRequest request = toRecorded(event.getRequest());
			// Calls of the admin API are the test driving the simulator, not the client under test.
			if (!request.path().equals("/__simulator") && !request.path().startsWith("/__simulator/")) {
				requests.add(request);
			}
		}
		return requests;
	}

	/**
	 * Recorded requests with this method ({@code "*"} for any) whose raw path, without the query, matches the regular
	 * expression as a whole, oldest first.
	 * @param method HTTP method, or {@code "*"}
	 * @param pathRegex regular expression for the whole path
	 * @return matching requests, a snapshot
	 */
	public List<RecordedRequest> find(String method, String pathRegex) {
		Pattern path = Pattern.compile(pathRegex);
		List<RecordedRequest> found = new ArrayList<>();
		for (RecordedRequest request : all()) {
			if ((method.equals("*") || method.equalsIgnoreCase(request.method()))
					&& path.matcher(request.path()).matches()) {
				found.add(request);
			}
		}
		return found;
	}

	/**
	 * How many recorded requests {@link #find(String, String)} would return.
	 * @param method HTTP method, or {@code "*"}
	 * @param pathRegex regular expression for the whole path
	 * @return number of matching requests
	 */
	public int count(String method, String pathRegex) {
		return find(method, pathRegex).size();
	}

	/** Forgets every recorded request. */
	public void reset() {
		this.server.resetRequests();
	}

	private static RecordedRequest toRecorded(LoggedRequest request) {
		Map<String, List<String>> headers = new LinkedHashMap<>();
		for (HttpHeader header : request.getHeaders().all()) {
			headers.put(header.key(), List.copyOf(header.values()));
		}
		String target = request.getUrl();
		byte[] body = request.getBody();
		return new RecordedRequest(request.getMethod().getName(), UrlCodec.rawPath(target),
				Collections.unmodifiableMap(UrlCodec.query(target)), Collections.unmodifiableMap(headers),
				(body != null) ? body : new byte[0], request.getLoggedDate().toInstant());
	}

}
