package io.github.servicetitan4j.test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import io.github.servicetitan4j.ServiceTitanClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * One simulator serving several tenants, declared through the JUnit extension: each has its own credentials, token,
 * data and rate budget, and nothing one tenant does reaches another.
 */
class MultiTenantTests {

	@RegisterExtension
	static final ServiceTitanSimulatorExtension extension = new ServiceTitanSimulatorExtension(
			ServiceTitanSimulator.builder()
				.customers(5)
				.locations(5)
				.jobs(20)
				.appointments(0)
				.invoices(0)
				.rateLimit(0)
				.tenant("acme")
				.tenant("globex"));

	private static SimulatorHttp http(ServiceTitanSimulator simulator, String tenant) {
		return new SimulatorHttp(simulator.apiUrl(), simulator.tenantId(tenant), simulator.clientId(tenant),
				simulator.clientSecret(tenant), simulator.appKey());
	}

	@Test
	void whenTenantsAreDeclaredThenEachHasDerivedCredentialsOfItsOwn(ServiceTitanSimulator simulator) {
		assertThat(simulator.tenantNames()).containsExactly("default", "acme", "globex");
		assertThat(simulator.tenantId("acme")).isEqualTo("1234568");
		assertThat(simulator.tenantId("globex")).isEqualTo("1234569");
		assertThat(simulator.clientId("acme")).isEqualTo("cid.servicetitan4j-simulator.acme");
		assertThat(simulator.clientSecret("globex")).isEqualTo("cs1.servicetitan4j-simulator-secret.globex");
		assertThat(simulator.tenantId(ServiceTitanSimulator.DEFAULT_TENANT)).isEqualTo(simulator.tenantId());
	}

	@Test
	void whenTenantsAreDeclaredThenPropertiesConfigureEachUnderServicetitanTenants(ServiceTitanSimulator simulator) {
		Map<String, String> properties = simulator.properties();

		assertThat(properties).containsEntry("servicetitan.api-url", simulator.apiUrl().toString())
			.containsEntry("servicetitan.auth-url", simulator.authUrl().toString())
			.containsEntry("servicetitan.app-key", ServiceTitanSimulator.DEFAULT_APP_KEY)
			.containsEntry("servicetitan.tenants.acme.tenant-id", "1234568")
			.containsEntry("servicetitan.tenants.acme.client-id", "cid.servicetitan4j-simulator.acme")
			.containsEntry("servicetitan.tenants.acme.client-secret", "cs1.servicetitan4j-simulator-secret.acme")
			.containsEntry("servicetitan.tenants.globex.tenant-id", "1234569")
			.doesNotContainKeys("servicetitan.client-id", "servicetitan.tenant-id", "servicetitan.client-secret");
	}

	@Test
	void whenATenantAsksForATokenThenOnlyItsOwnCredentialsAreAccepted(ServiceTitanSimulator simulator) {
		SimulatorHttp acme = http(simulator, "acme");
		String mixed = "grant_type=client_credentials&client_id=" + simulator.clientId("acme") + "&client_secret="
				+ simulator.clientSecret("globex");

		assertThat(acme.tokenRequest(acme.credentialsForm()).statusCode()).isEqualTo(200);
		HttpResponse<String> refused = acme.tokenRequest(mixed);
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains("invalid_client");
		assertThat(simulator.tokenRequests("acme")).isEqualTo(1);
		assertThat(simulator.tokenRequests("globex")).isZero();
	}

	@Test
	void whenATokenOfOneTenantCallsAnotherTenantsPathThenItIsRefusedWith403(ServiceTitanSimulator simulator) {
		SimulatorHttp acme = http(simulator, "acme");
		String globexJobs = "/jpm/v2/tenant/" + simulator.tenantId("globex") + "/jobs";

		HttpResponse<String> response = acme.get(globexJobs);

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(SimulatorHttp.json(response).get("title").toString()).contains(simulator.tenantId("globex"));
	}

	@Test
	void whenTenantsAreDeclaredThenEachHasDataOfItsOwn(ServiceTitanSimulator simulator) {
		SimulatorHttp acme = http(simulator, "acme");
		SimulatorHttp globex = http(simulator, "globex");
		List<Map<String, @Nullable Object>> acmeCustomers = SimulatorHttp
			.data(acme.getJson(acme.path("crm", "customers") + "?active=Any"));
		List<Map<String, @Nullable Object>> globexCustomers = SimulatorHttp
			.data(globex.getJson(globex.path("crm", "customers") + "?active=Any"));
		assertThat(acmeCustomers).hasSize(5);
		assertThat(acmeCustomers).isNotEqualTo(globexCustomers);

		Map<String, @Nullable Object> created = SimulatorHttp
			.json(acme.sendJson("POST", acme.path("crm", "customers"), Map.of("name", "Only At Acme")));

		long id = SimulatorHttp.id(created);
		assertThat(simulator.tenant("acme").customer(id)).isPresent();
		assertThat(simulator.tenant("globex").customer(id)).isEmpty();
		assertThat(simulator.tenant().customer(id)).isEmpty();
		assertThat(globex.get(globex.path("crm", "customers/" + id)).statusCode()).isEqualTo(404);
	}

	@Test
	void whenAnUnknownTenantIsNamedThenTheErrorListsTheKnownOnes(ServiceTitanSimulator simulator) {
		assertThatIllegalArgumentException().isThrownBy(() -> simulator.tenant("initech"))
			.withMessageContaining("initech")
			.withMessageContaining("[default, acme, globex]");
	}

	@Test
	void whenAResourceIsDeclaredPerTenantThenEachTenantServesItsOwnRecords() {
		try (ServiceTitanSimulator simulator = ServiceTitanSimulator.builder()
			.customers(0)
			.tenant("acme")
			.tenant("globex")
			.resource(SimulatedResource.of("settings", "technicians").record(Map.of("id", 1, "name", "Ava")).inTenants("acme"))
			.resource(SimulatedResource.of("settings", "technicians")
				.record(Map.of("id", 2, "name", "Ben"))
				.inTenants("globex", ServiceTitanSimulator.DEFAULT_TENANT))
			.start()) {
			SimulatorHttp acme = http(simulator, "acme");
			SimulatorHttp globex = http(simulator, "globex");

			assertThat(SimulatorHttp.data(acme.getJson(acme.path("settings", "technicians"))))
				.extracting(SimulatorHttp::id)
				.containsExactly(1L);
			assertThat(SimulatorHttp.data(globex.getJson(globex.path("settings", "technicians"))))
				.extracting(SimulatorHttp::id)
				.containsExactly(2L);
			assertThat(simulator.tenant().records("settings", "technicians")).hasSize(1);
		}
		assertThatIllegalArgumentException().isThrownBy(() -> ServiceTitanSimulator.builder()
			.customers(0)
			.tenant("acme")
			.resource(SimulatedResource.of("settings", "technicians").inTenants("acme"))
			.resource(SimulatedResource.of("settings", "technicians"))
			.start()).withMessageContaining("settings/technicians is declared twice");
		assertThatIllegalArgumentException().isThrownBy(() -> ServiceTitanSimulator.builder()
			.resource(SimulatedResource.of("settings", "technicians").inTenants("initech"))
			.start()).withMessageContaining("initech");
	}

	@Test
	void whenTenantsAreDeclaredBadlyThenStartingFailsNamingTheTenant() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ServiceTitanSimulator.builder().tenant("acme").tenant("acme").start())
			.withMessageContaining("'acme' is declared twice");
		assertThatIllegalArgumentException().isThrownBy(() -> ServiceTitanSimulator.builder().tenant("Acme Inc").start())
			.withMessageContaining("servicetitan.tenants.<name>");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ServiceTitanSimulator.builder().tenant("acme", ServiceTitanSimulator.DEFAULT_TENANT_ID,
					"cid.acme", "cs1.acme").start())
			.withMessageContaining("Tenant id " + ServiceTitanSimulator.DEFAULT_TENANT_ID);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ServiceTitanSimulator.builder().tenantRateLimit("initech", 5))
			.withMessageContaining("initech");
	}

	@Test
	void whenAClientIsBuiltForATenantThenItReadsThatTenantsData(ServiceTitanSimulator simulator) {
		try (ServiceTitanClient client = simulator.clientBuilder("globex").build()) {
			List<JsonNode> customers = client.endpoint("crm", "customers").getAll(Map.of("active", "Any"));

			assertThat(customers).extracting((customer) -> customer.get("name").asString())
				.containsExactlyElementsOf(simulator.tenant("globex")
					.customers()
					.stream()
					.map((customer) -> String.valueOf(customer.get("name")))
					.toList());
		}
		assertThat(simulator.requests().count("GET", "/crm/v2/tenant/1234569/customers")).isEqualTo(1);
		assertThat(simulator.tokenRequests("globex")).isEqualTo(1);
	}

}
