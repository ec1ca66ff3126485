package io.github.servicetitan4j;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.servicetitan4j.ServiceTitanClientListener.CallDescriptor;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * A report as ServiceTitan describes and serves it, on a {@link ServiceTitanWireMock}: report 4001 of category
 * {@code accounting}, its description, and data pages whose {@code fields} follow {@code data} as in ServiceTitan's
 * own example.
 */
public final class ReportFixtures {

	public static final long REPORT = 4001;

	static final String DESCRIPTION = """
			{"id":4001,"name":"Daily Revenue","description":"Revenue per day and business unit",
			 "modifiedOn":"2026-01-01T00:00:00Z",
			 "parameters":[
			  {"name":"From","label":"From","dataType":"Date","isArray":false,"isRequired":true,"acceptValues":null},
			  {"name":"To","label":"To","dataType":"Date","isArray":false,"isRequired":true,"acceptValues":null},
			  {"name":"BusinessUnitIds","label":"Business Unit","dataType":"Number","isArray":true,"isRequired":false,
			   "acceptValues":{"fields":[{"name":"Value","label":"Value"},{"name":"Name","label":"Name"}],
			                   "dynamicSetId":"business-units","values":null}},
			  {"name":"IncludeInactive","label":"Include inactive","dataType":"Boolean","isArray":false,"isRequired":false},
			  {"name":"Status","label":"Status","dataType":"String","isArray":false,"isRequired":false,
			   "acceptValues":{"fields":[{"name":"Value","label":"Value"},{"name":"Name","label":"Name"}],
			                   "dynamicSetId":null,"values":[["Completed","Completed"],["Canceled","Canceled"]]}},
			  {"name":"StartTime","label":"Start time","dataType":"Time","isArray":false,"isRequired":false}
			 ],
			 "fields":[{"name":"Date","label":"Date","dataType":"Date"},
			           {"name":"BusinessUnit","label":"Business Unit","dataType":"String"},
			           {"name":"Revenue","label":"Revenue","dataType":"Number"},
			           {"name":"Completed","label":"Completed","dataType":"Boolean"}]}
			""";

	static final String FIELDS = """
			[{"name":"Date","label":"Date"},{"name":"BusinessUnit","label":"Business Unit"},
			 {"name":"Revenue","label":"Revenue"},{"name":"Completed","label":"Completed"}]""";

	static final String PAGE_1 = """
			{"page":1,"pageSize":2,"hasMore":true,"totalCount":3,
			 "data":[["2026-10-01T00:00:00","HVAC",1250.5,true],["2026-10-02T00:00:00","Plumbing","1,000.25","Yes"]],
			 "fields":%s}""".formatted(FIELDS);

	static final String PAGE_2 = """
			{"page":2,"pageSize":2,"hasMore":false,"totalCount":3,"fields":%s,
			 "data":[["2026-10-03","HVAC",0,0]]}""".formatted(FIELDS);

	public static final String ONE_PAGE = """
			{"page":1,"pageSize":5000,"hasMore":false,"totalCount":1,
			 "data":[["2026-10-01T00:00:00","HVAC",10,true]],"fields":%s}""".formatted(FIELDS);

	private static int scenarios;

	private ReportFixtures() {
	}

	static String reportsPath(ServiceTitanWireMock wireMock) {
		return wireMock.tenantPath("reporting") + "/report-category/accounting/reports";
	}

	public static String dataPath(ServiceTitanWireMock wireMock) {
		return reportsPath(wireMock) + "/" + REPORT + "/data";
	}

	/** The report's description, and one page of data for every data request. */
	public static void stubDescriptionAndOnePage(ServiceTitanWireMock wireMock) {
		stubDescription(wireMock);
		wireMock.server.stubFor(dataRequest(wireMock, 1).willReturn(okJson(ONE_PAGE)));
	}

	public static void stubDescription(ServiceTitanWireMock wireMock) {
		wireMock.server.stubFor(get(urlPathEqualTo(reportsPath(wireMock) + "/" + REPORT)).willReturn(okJson(DESCRIPTION)));
	}

	static MappingBuilder dataRequest(ServiceTitanWireMock wireMock, int page) {
		return post(urlPathEqualTo(dataPath(wireMock))).withQueryParam("page", equalTo(Integer.toString(page)));
	}

	/** Page {@code page} of the data answers with each response in turn, then with the last one. */
	static void stubPageSequence(ServiceTitanWireMock wireMock, int page, ResponseDefinitionBuilder... responses) {
		String scenario = "report-page-" + (++scenarios);
		for (int i = 0; i < responses.length; i++) {
			wireMock.server.stubFor(dataRequest(wireMock, page).inScenario(scenario)
				.whenScenarioStateIs((i == 0) ? Scenario.STARTED : "answer-" + i)
				.willReturn(responses[i])
				.willSetStateTo("answer-" + Math.min(i + 1, responses.length - 1)));
		}
	}

	/**
	 * Hears what the client reports to its listeners.
	 */
	static final class Heard implements ServiceTitanClientListener {

		final List<String> retries = Collections.synchronizedList(new ArrayList<>());

		final List<Duration> rateLimitWaits = Collections.synchronizedList(new ArrayList<>());

		final List<String> records = Collections.synchronizedList(new ArrayList<>());

		@Override
		public void onRetry(CallDescriptor call, String reason, Duration delay) {
			this.retries.add(call.operation() + " " + reason + " " + delay);
		}

		@Override
		public void onRateLimitWait(CallDescriptor call, Duration waited) {
			if (call.operation().equals("report")) {
				this.rateLimitWaits.add(waited);
			}
		}

		@Override
		public void onRecords(CallDescriptor call, long count) {
			this.records.add(call.folder() + " " + call.endpoint() + " " + call.operation() + " " + count);
		}

	}

}
