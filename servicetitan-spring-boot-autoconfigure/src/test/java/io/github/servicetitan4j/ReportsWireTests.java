package io.github.servicetitan4j;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.github.servicetitan4j.errors.ServiceTitanException.ServiceTitanMappingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.github.servicetitan4j.ReportFixtures.REPORT;
import static io.github.servicetitan4j.ReportFixtures.dataPath;
import static io.github.servicetitan4j.ReportFixtures.dataRequest;
import static io.github.servicetitan4j.ReportFixtures.reportsPath;
import static io.github.servicetitan4j.ReportFixtures.stubDescription;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The Reporting API on the wire: discovery, the typed description, parameters checked before any data request and
 * sent as ServiceTitan expects, multi-page runs read by field name, the lazy stream, and what a run tells the
 * observers.
 */
class ReportsWireTests {

	@RegisterExtension
	static final ServiceTitanWireMock wireMock = new ServiceTitanWireMock();

	private final ReportFixtures.Heard heard = new ReportFixtures.Heard();

	private final List<String> operations = new ArrayList<>();

	private Reports reports() {
		OperationObserver observer = (call, id) -> {
			this.operations.add(call.folder() + " " + call.endpoint() + " " + call.operation());
			return OperationObserver.Operation.NOOP;
		};
		return wireMock.clientBuilder()
			.listener(this.heard)
			.observer(observer)
			.reporting(new Reports.Settings(0, java.time.Duration.ZERO, 2))
			.build()
			.reports();
	}

	private static Map<String, Object> lastMonth() {
		Map<String, Object> parameters = new LinkedHashMap<>();
		parameters.put("From", LocalDate.of(2026, 10, 1));
		parameters.put("To", LocalDate.of(2026, 10, 31));
		return parameters;
	}

	@Test
	void categoriesWalkEveryPageOfReportCategories() {
		String path = wireMock.tenantPath("reporting") + "/report-categories";
		wireMock.server.stubFor(get(urlPathEqualTo(path)).withQueryParam("page", equalTo("1"))
			.willReturn(okJson("{\"page\":1,\"pageSize\":1,\"hasMore\":true,\"data\":[{\"id\":\"accounting\",\"name\":\"Accounting\"}]}")));
		wireMock.server.stubFor(get(urlPathEqualTo(path)).withQueryParam("page", equalTo("2"))
			.willReturn(okJson("{\"page\":2,\"pageSize\":1,\"hasMore\":false,\"data\":[{\"id\":\"technician\",\"name\":\"Technician\"}]}")));

		List<Reports.Category> categories = reports().categories();

		assertThat(categories).containsExactly(new Reports.Category("accounting", "Accounting"),
				new Reports.Category("technician", "Technician"));
		assertThat(wireMock.server.findAll(getRequestedFor(urlPathEqualTo(path)))).hasSize(2)
			.allSatisfy((request) -> assertThat(request.getHeader("ST-App-Key")).isEqualTo(ServiceTitanWireMock.APP_KEY));
	}

	@Test
	void reportsOfACategoryCarryIdNameAndDescription() {
		wireMock.server.stubFor(get(urlPathEqualTo(reportsPath(wireMock))).willReturn(okJson(
				"{\"page\":1,\"pageSize\":50,\"hasMore\":false,\"data\":[{\"id\":4001,\"name\":\"Daily Revenue\",\"description\":\"Per day\"},"
						+ "{\"id\":4002,\"name\":\"Invoices\",\"description\":null}]}")));

		assertThat(reports().reports("accounting")).containsExactly(new Reports.Summary(4001, "Daily Revenue", "Per day"),
				new Reports.Summary(4002, "Invoices", null));
	}

	@Test
	void whenACategoryIsNotOnePathSegmentThenNothingIsSent() {
		Reports reports = reports();

		assertThatIllegalArgumentException().isThrownBy(() -> reports.reports("a/b")).withMessageContaining("'a/b'");
		assertThatIllegalArgumentException().isThrownBy(() -> reports.describe("..", 1));
		assertThat(wireMock.server.findAll(getRequestedFor(urlPathMatching("/reporting/.*")))).isEmpty();
	}

	@Test
	void describeReturnsTypedParametersFieldsAndAcceptedValues() {
		stubDescription(wireMock);

		Reports.Description description = reports().describe("accounting", REPORT);

		assertThat(description.id()).isEqualTo(REPORT);
		assertThat(description.category()).isEqualTo("accounting");
		assertThat(description.name()).isEqualTo("Daily Revenue");
		assertThat(description.parameters()).extracting(Reports.Description.Parameter::name)
			.containsExactly("From", "To", "BusinessUnitIds", "IncludeInactive", "Status", "StartTime");
		Reports.Description.Parameter from = description.parameter("from").orElseThrow();
		assertThat(from.dataType()).isEqualTo(Reports.DataType.DATE);
		assertThat(from.required()).isTrue();
		assertThat(from.acceptValues()).isNull();
		Reports.Description.Parameter units = description.parameter("BusinessUnitIds").orElseThrow();
		assertThat(units.array()).isTrue();
		assertThat(units.dataType()).isEqualTo(Reports.DataType.NUMBER);
		assertThat(units.acceptValues().dynamicSetId()).isEqualTo("business-units");
		assertThat(description.parameter("Status").orElseThrow().acceptValues().values())
			.containsExactly(new Reports.Value("Completed", "Completed"), new Reports.Value("Canceled", "Canceled"));
		assertThat(description.parameter("StartTime").orElseThrow().dataType()).isEqualTo(Reports.DataType.TIME);
		assertThat(description.fields()).containsExactly(
				new Reports.Description.Field("Date", "Date", Reports.DataType.DATE),
				new Reports.Description.Field("BusinessUnit", "Business Unit", Reports.DataType.STRING),
				new Reports.Description.Field("Revenue", "Revenue", Reports.DataType.NUMBER),
				new Reports.Description.Field("Completed", "Completed", Reports.DataType.BOOLEAN));
	}

	@Test
	void dynamicValuesListKeysAndNamesOfEveryPage() {
		String path = wireMock.tenantPath("reporting") + "/dynamic-value-sets/business-units";
		wireMock.server.stubFor(get(urlPathEqualTo(path)).withQueryParam("page", equalTo("1")).willReturn(okJson(
				"{\"page\":1,\"pageSize\":1,\"hasMore\":true,\"data\":[[201,\"HVAC\"]],\"fields\":[{\"name\":\"Value\",\"label\":\"Value\"},{\"name\":\"Name\",\"label\":\"Name\"}]}")));
		wireMock.server.stubFor(get(urlPathEqualTo(path)).withQueryParam("page", equalTo("2")).willReturn(okJson(
				"{\"page\":2,\"pageSize\":1,\"hasMore\":false,\"data\":[[\"202\",\"Plumbing\"]],\"fields\":[]}")));

		assertThat(reports().dynamicValues("business-units")).containsExactly(new Reports.Value(201L, "HVAC"),
				new Reports.Value("202", "Plumbing"));
	}

	@Test
	void whenParametersAreUnknownMissingOrOfTheWrongTypeThenOneErrorNamesThemAllAndNoDataIsAskedFor() {
		stubDescription(wireMock);
		Map<String, Object> parameters = new LinkedHashMap<>();
		parameters.put("From", 20261001);
		parameters.put("Form", LocalDate.of(2026, 10, 1));
		parameters.put("IncludeInactive", "maybe");
		parameters.put("BusinessUnitIds", List.of(201, "two"));
		parameters.put("Status", "Pending");
		Reports reports = reports();

		assertThatIllegalArgumentException().isThrownBy(() -> reports.run("accounting", REPORT, parameters))
			.withMessageContaining("report 4001")
			.withMessageContaining("unknown 'Form'")
			.withMessageContaining("missing required 'To' (date)")
			.withMessageContaining("'From' must be a Date (LocalDate or yyyy-MM-dd), not Integer '20261001'")
			.withMessageContaining("'IncludeInactive' must be a Boolean, not String 'maybe'")
			.withMessageContaining("'BusinessUnitIds' must be a Number")
			.withMessageContaining("'Status' does not accept String 'Pending' (it accepts: Completed, Canceled)");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> reports.stream("accounting", REPORT, Map.of("From", List.of(LocalDate.now()), "To", "x")))
			.withMessageContaining("'From' takes one a Date (LocalDate or yyyy-MM-dd), not a list")
			.withMessageContaining("'To' must be a Date");
		assertThat(wireMock.server.findAll(postRequestedFor(urlPathEqualTo(dataPath(wireMock))))).isEmpty();
	}

	@Test
	void parametersAreSentInTheDescriptionsOrderWithDatesTimesNumbersAndArraysAsServiceTitanExpects() {
		stubDescription(wireMock);
		wireMock.server.stubFor(dataRequest(wireMock, 1).willReturn(okJson(ReportFixtures.ONE_PAGE)));
		Map<String, Object> parameters = new LinkedHashMap<>();
		parameters.put("StartTime", LocalTime.of(7, 30));
		parameters.put("to", "2026-10-31");
		parameters.put("BusinessUnitIds", 201);
		parameters.put("From", LocalDate.of(2026, 10, 1));
		parameters.put("IncludeInactive", true);
		parameters.put("Status", "Completed");

		reports().run("accounting", REPORT, parameters);

		wireMock.server.verify(1, postRequestedFor(urlPathEqualTo(dataPath(wireMock)))
			.withQueryParam("page", equalTo("1"))
			.withQueryParam("pageSize", equalTo("2"))
			.withQueryParam("includeTotal", equalTo("true"))
			.withHeader("Content-Type", equalTo("application/json"))
			.withHeader("Authorization", ServiceTitanWireMock.bearer(ServiceTitanWireMock.TOKEN))
			.withRequestBody(equalToJson("""
					{"parameters":[{"name":"From","value":"2026-10-01"},{"name":"To","value":"2026-10-31"},
					 {"name":"BusinessUnitIds","value":[201]},{"name":"IncludeInactive","value":true},
					 {"name":"Status","value":"Completed"},{"name":"StartTime","value":"07:30:00"}]}""", false, false)));
	}

	@Test
	void runReadsEveryPageAndNamesEachValueByTheFieldsOfItsPage() {
		stubDescription(wireMock);
		wireMock.server.stubFor(dataRequest(wireMock, 1).willReturn(okJson(ReportFixtures.PAGE_1)));
		wireMock.server.stubFor(dataRequest(wireMock, 2).willReturn(okJson(ReportFixtures.PAGE_2)));

		Reports.Result result = reports().run("accounting", REPORT, lastMonth());

		assertThat(result.fields()).extracting(Reports.Description.Field::name)
			.containsExactly("Date", "BusinessUnit", "Revenue", "Completed");
		assertThat(result.fields().get(2).dataType()).as("type from the description")
			.isEqualTo(Reports.DataType.NUMBER);
		List<Reports.Row> rows = result.rows();
		assertThat(rows).hasSize(3);
		assertThat(rows).extracting((row) -> row.getDate("Date"))
			.containsExactly(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 2), LocalDate.of(2026, 10, 3));
		assertThat(rows).extracting((row) -> row.getNumber("Revenue"))
			.containsExactly(new BigDecimal("1250.5"), new BigDecimal("1000.25"), BigDecimal.ZERO);
		assertThat(rows).extracting((row) -> row.getBoolean("completed")).containsExactly(true, true, false);
		assertThat(rows.get(1).getString("BusinessUnit")).isEqualTo("Plumbing");
		assertThat(rows.get(0).getString("Revenue")).isEqualTo("1250.5");
		assertThat(rows.get(0).getInstant("Date")).isEqualTo(Instant.parse("2026-10-01T00:00:00Z"));
		assertThat(wireMock.server.findAll(postRequestedFor(urlPathEqualTo(dataPath(wireMock))))).hasSize(2);
		assertThat(this.operations).containsExactly(
				"reporting report-category/accounting/reports get_one",
				"reporting report-category/accounting/reports/4001 report");
		assertThat(this.heard.records).containsExactly("reporting report-category/accounting/reports/4001 report 2",
				"reporting report-category/accounting/reports/4001 report 1");
	}

	record DailyRevenue(LocalDate date, String businessUnit, BigDecimal revenue) {
	}

	@Test
	void rowsMapToATypeByFieldNameOrItsLowerCamelCase() {
		stubDescription(wireMock);
		wireMock.server.stubFor(dataRequest(wireMock, 1).willReturn(okJson(ReportFixtures.ONE_PAGE)));

		Reports.Result result = reports().run("accounting", REPORT, lastMonth());

		assertThat(result.rows(DailyRevenue.class))
			.containsExactly(new DailyRevenue(LocalDate.of(2026, 10, 1), "HVAC", new BigDecimal("10")));
	}

	@Test
	void whenAFieldCannotBeReadAsAskedThenTheErrorNamesFieldRowAndValue() {
		stubDescription(wireMock);
		wireMock.server.stubFor(dataRequest(wireMock, 1).willReturn(okJson(ReportFixtures.ONE_PAGE)));

		Reports.Row row = reports().run("accounting", REPORT, lastMonth()).rows().get(0);

		assertThatExceptionOfType(ServiceTitanMappingException.class).isThrownBy(() -> row.getNumber("BusinessUnit"))
			.withMessageContaining("Field 'BusinessUnit' of row 0 of page 1")
			.withMessageContaining("\"HVAC\" is not a number");
		assertThatIllegalArgumentException().isThrownBy(() -> row.getString("Technician"))
			.withMessageContaining("no field 'Technician'; its fields: Date, BusinessUnit, Revenue, Completed");
	}

	@Test
	void streamAsksForNoDataUntilConsumedAndNoFurtherPageOnceClosed() {
		stubDescription(wireMock);
		wireMock.server.stubFor(dataRequest(wireMock, 1).willReturn(okJson(ReportFixtures.PAGE_1)));
		wireMock.server.stubFor(dataRequest(wireMock, 2).willReturn(okJson(ReportFixtures.PAGE_2)));

		try (Stream<Reports.Row> rows = reports().stream("accounting", REPORT, lastMonth())) {
			assertThat(wireMock.server.findAll(postRequestedFor(urlPathEqualTo(dataPath(wireMock))))).isEmpty();
			Iterator<Reports.Row> iterator = rows.iterator();
			assertThat(iterator.next().getString("BusinessUnit")).isEqualTo("HVAC");
		}

		assertThat(wireMock.server.findAll(postRequestedFor(urlPathEqualTo(dataPath(wireMock))))).hasSize(1);
	}

	@Test
	void streamMapsRowsToATypeAcrossPages() {
		stubDescription(wireMock);
		wireMock.server.stubFor(dataRequest(wireMock, 1).willReturn(okJson(ReportFixtures.PAGE_1)));
		wireMock.server.stubFor(dataRequest(wireMock, 2).willReturn(okJson(ReportFixtures.PAGE_2)));

		try (Stream<DailyRevenue> rows = reports().stream("accounting", REPORT, lastMonth(), DailyRevenue.class)) {
			assertThat(rows.map(DailyRevenue::businessUnit)).containsExactly("HVAC", "Plumbing", "HVAC");
		}
	}

	@Test
	void aFactoryThatIsNotAClientSaysItRunsNoReports() {
		EndpointFactory custom = (folder, endpoint) -> wireMock.client().endpoint(folder, endpoint);

		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(custom::reports)
			.withMessageContaining("does not run reports");
	}


}
