package io.github.servicetitan4j.test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each tenant's reports have rows of their own, seeded by the tenant, so that a test can tell which tenant's report
 * ran; the same tenant and parameters always give the same rows.
 */
class TenantReportDataTests {

	private static final Map<String, Object> OCTOBER = Map.of("parameters",
			List.of(Map.of("name", "From", "value", "2026-10-01"), Map.of("name", "To", "value", "2026-10-31")));

	private final ServiceTitanSimulator simulator = ServiceTitanSimulator.builder()
		.tenant("acme")
		.tenant("globex")
		.customers(20)
		.locations(20)
		.jobs(20)
		.appointments(20)
		.invoices(20)
		.start();

	@AfterEach
	void stop() {
		this.simulator.close();
	}

	private SimulatorHttp http(String tenant) {
		return new SimulatorHttp(this.simulator.apiUrl(), this.simulator.tenantId(tenant),
				this.simulator.clientId(tenant), this.simulator.clientSecret(tenant), this.simulator.appKey());
	}

	@SuppressWarnings("unchecked")
	private static List<List<@Nullable Object>> rows(SimulatorHttp http, String category, long report) {
		HttpResponse<String> response = http.sendJson("POST",
				http.path("reporting", "report-category/" + category + "/reports/" + report + "/data"), OCTOBER);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return (List<List<@Nullable Object>>) SimulatorHttp.json(response).get("data");
	}

	@Test
	void whenTwoTenantsRunTheSameReportThenTheirRowsDiffer() {
		SimulatorHttp acme = http("acme");
		SimulatorHttp globex = http("globex");

		List<List<@Nullable Object>> acmeRevenue = rows(acme, "accounting", 41001);
		List<List<@Nullable Object>> globexRevenue = rows(globex, "accounting", 41001);
		List<List<@Nullable Object>> acmeTechnicians = rows(acme, "technician", 42001);
		List<List<@Nullable Object>> globexTechnicians = rows(globex, "technician", 42001);

		assertThat(acmeRevenue).hasSameSizeAs(globexRevenue).isNotEqualTo(globexRevenue);
		assertThat(acmeTechnicians).hasSameSizeAs(globexTechnicians).isNotEqualTo(globexTechnicians);
		assertThat(rows(http(ServiceTitanSimulator.DEFAULT_TENANT), "accounting", 41001)).isNotEqualTo(acmeRevenue)
			.isNotEqualTo(globexRevenue);
	}

	@Test
	void whenATenantRunsAReportAgainThenTheSameRows() {
		SimulatorHttp acme = http("acme");
		List<List<@Nullable Object>> first = rows(acme, "accounting", 41001);

		try (ServiceTitanSimulator again = ServiceTitanSimulator.builder().tenant("acme").tenant("globex").start()) {
			SimulatorHttp acmeAgain = new SimulatorHttp(again.apiUrl(), again.tenantId("acme"), again.clientId("acme"),
					again.clientSecret("acme"), again.appKey());
			assertThat(rows(acmeAgain, "accounting", 41001)).isEqualTo(first);
		}
	}

}
