package io.github.servicetitan4j.test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The simulator as a program of its own, in a separate JVM started with the module's class path (what
 * {@code java -jar ...-standalone.jar} runs), driven only over HTTP: the API as a client of any language sees it,
 * and the admin API for faults, the clock, the journal and reset.
 */
class StandaloneProcessTests {

	private static final Pattern READY = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+) ");

	private static Process process;

	private static URI baseUrl;

	@BeforeAll
	static void start() throws Exception {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
				ServiceTitanSimulatorMain.class.getName(), "--port=0", "--tenants=acme,globex", "--customers=5",
				"--locations=5", "--jobs=20", "--appointments=0", "--invoices=0", "--rate-limit=0",
				"--resources=settings/technicians=simulator/technicians.json")
			.redirectErrorStream(true)
			.start();
		BufferedReader output = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		String line = CompletableFuture.supplyAsync(() -> readLine(output)).get(60, TimeUnit.SECONDS);
		Matcher ready = READY.matcher(String.valueOf(line));
		assertThat(ready.find()).as("first line: %s", line).isTrue();
		assertThat(line).doesNotContain(ServiceTitanSimulator.DEFAULT_CLIENT_SECRET, "cs1.");
		baseUrl = URI.create("http://127.0.0.1:" + ready.group(1));
		// Keep draining the output so that the child never blocks on a full pipe.
		Thread drain = new Thread(() -> {
			while (readLine(output) != null) {
				// discard
			}
		}, "standalone-simulator-output");
		drain.setDaemon(true);
		drain.start();
	}

	private static @Nullable String readLine(BufferedReader reader) {
		try {
			return reader.readLine();
		}
		catch (IOException ex) {
			return null;
		}
	}

	@AfterAll
	static void stop() throws InterruptedException {
		if (process != null) {
			process.destroy();
			assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the simulator stops on SIGTERM").isTrue();
		}
	}

	@SuppressWarnings("unchecked")
	private static SimulatorHttp tenant(String name) {
		Map<String, @Nullable Object> info = SimulatorAdmin.at(baseUrl).info();
		for (Object item : (List<Object>) info.get("tenants")) {
			Map<String, Object> tenant = (Map<String, Object>) item;
			if (tenant.get("name").equals(name)) {
				return new SimulatorHttp(baseUrl, (String) tenant.get("tenantId"), (String) tenant.get("clientId"),
						(String) tenant.get("clientSecret"), ((List<String>) info.get("appKeys")).get(0));
			}
		}
		throw new IllegalArgumentException(name);
	}

	@Test
	void whenStartedAsAProgramThenItServesTheApiWithTheDeclaredTenantsAndResources() {
		SimulatorAdmin.at(baseUrl).reset();
		SimulatorHttp acme = tenant("acme");

		assertThat(SimulatorHttp.data(acme.getJson(acme.path("settings", "technicians") + "?team=hvac")))
			.extracting(SimulatorHttp::id)
			.containsExactly(101L, 90_000_001L);
		assertThat(SimulatorHttp.data(acme.getJson(acme.path("jpm", "jobs") + "?jobStatus=Completed&active=Any")))
			.isNotEmpty()
			.allSatisfy((job) -> assertThat(job).containsEntry("jobStatus", "Completed"));
		assertThat(acme.get("/jpm/v2/tenant/" + ServiceTitanSimulator.DEFAULT_TENANT_ID + "/jobs").statusCode())
			.isEqualTo(403);
	}

	@Test
	void whenDrivenOverTheAdminApiThenFaultsTheClockTheJournalAndResetWork() {
		SimulatorAdmin admin = SimulatorAdmin.at(baseUrl);
		admin.reset();
		SimulatorHttp globex = tenant("globex");
		String customers = globex.path("crm", "customers");
		globex.get(customers);

		admin.addFault(Map.of("next", 2, "status", 503));
		assertThat(globex.get(customers).statusCode()).isEqualTo(503);
		assertThat(globex.get(customers).statusCode()).isEqualTo(503);
		assertThat(globex.get(customers).statusCode()).isEqualTo(200);
		assertThat(admin.requests()).filteredOn((request) -> request.path().equals(customers)).hasSize(4);

		admin.addFault(Map.of("method", "GET", "path", "/crm/v2/tenant/{tenant}/customers", "fault", "connection-reset"));
		assertThat(catchIo(() -> globex.get(customers))).isTrue();
		admin.clearFaults();

		Map<String, @Nullable Object> created = SimulatorHttp
			.json(globex.sendJson("POST", customers, Map.of("name", "Made Over HTTP")));
		assertThat(admin.records("globex", "crm", "customers")).extracting((record) -> record.get("id"))
			.contains(created.get("id"));

		admin.advanceClock(Duration.ofHours(1));
		HttpResponse<String> expired = globex.get(customers);
		assertThat(expired.statusCode()).isEqualTo(401);

		admin.reset();
		assertThat(globex.get(customers).statusCode()).isEqualTo(200);
		assertThat(admin.records("globex", "crm", "customers")).extracting((record) -> record.get("id"))
			.doesNotContain(created.get("id"));
		assertThat(admin.requests()).hasSize(1);
	}

	@Test
	void whenAFaultRuleIsMalformedThenTheAdminApiRefusesItNamingTheProblem() {
		SimulatorAdmin admin = SimulatorAdmin.at(baseUrl);

		assertThatIllegalStateException().isThrownBy(() -> admin.addFault(Map.of("next", 1, "status", 200)))
			.withMessageContaining("400")
			.withMessageContaining("error status");
		assertThatIllegalStateException().isThrownBy(() -> admin.addFault(Map.of("next", 1)))
			.withMessageContaining("connection-reset");
	}

	@Test
	void whenAnOptionIsUnknownThenTheProgramNamesIt() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ServiceTitanSimulatorMain.parse(new String[] { "--jobs=5", "--colour=blue" }))
			.withMessageContaining("colour");
		assertThat(ServiceTitanSimulatorMain.parse(new String[] { "--Jobs=5", "--tenants=acme" }))
			.containsEntry("jobs", "5")
			.containsEntry("tenants", "acme");
	}

	private static boolean catchIo(Runnable call) {
		try {
			call.run();
			return false;
		}
		catch (RuntimeException ex) {
			return true;
		}
	}

}
