package io.github.servicetitan4j.sample;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.github.servicetitan4j.test.ServiceTitanSimulator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample app as the build AOT-processed it ({@code spring-boot:process-aot}, without any ServiceTitan credential),
 * started the way a deployment starts it ({@code java -Dspring.aot.enabled=true}) with the credentials given only
 * then: the starter's beans are fixed at build time, so they must not depend on which credential properties are set.
 * Run by failsafe after {@code package}, so {@code ./mvnw verify} runs it.
 */
class SampleAotIT {

	@Test
	void whenAotProcessedWithoutCredentialsThenOneTenantGivenAtRunTimeInEnvironmentVariablesIsSynced() throws Exception {
		try (ServiceTitanSimulator simulator = ServiceTitanSimulator.builder().customers(20).locations(20).jobs(50).start()) {
			Map<String, String> environment = new java.util.HashMap<>();
			// As a deployment sets them: SERVICETITAN_CLIENT_ID and so on.
			simulator.properties()
				.forEach((name, value) -> environment.put(name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'),
						value));

			Run run = runAotProcessedApp(environment, List.of("--sample.tour=false"));

			assertThat(run.exitCode()).as(run.output()).isZero();
			assertThat(run.output()).contains("==== ServiceTitan sync summary")
				.containsPattern("\\n  tenant default:\\n    crm/customers +20 records\\n")
				.containsPattern("\\n    jpm/jobs +50 records\\n");
			assertThat(simulator.tokenRequests()).isEqualTo(1);
			assertThat(simulator.requests().count("GET", "/jpm/v2/tenant/" + simulator.tenantId() + "/export/jobs"))
				.isPositive();
			assertThat(run.output()).doesNotContain(simulator.clientSecret());
		}
	}

	@Test
	void whenAotProcessedWithoutCredentialsThenTwoTenantsGivenAtRunTimeAreEachSyncedToured() throws Exception {
		try (ServiceTitanSimulator simulator = ServiceTitanSimulator.builder()
			.tenant("acme")
			.tenant("globex")
			.customers(10)
			.locations(10)
			.jobs(30)
			.start()) {
			List<String> arguments = new ArrayList<>();
			simulator.properties().forEach((name, value) -> arguments.add("--" + name + "=" + value));

			Run run = runAotProcessedApp(Map.of(), arguments);

			assertThat(run.exitCode()).as(run.output()).isZero();
			String summary = run.output().substring(run.output().indexOf("==== ServiceTitan sync summary"));
			for (String tenant : List.of("acme", "globex")) {
				String tenantId = simulator.tenantId(tenant);
				assertThat(summary.substring(summary.indexOf("  tenant " + tenant + ":"))).as(tenant)
					.containsPattern("\\n    jpm/jobs +30 records\\n")
					.containsPattern("\\n    crm/customers +10 records\\n");
				assertThat(simulator.tokenRequests(tenant)).as(tenant).isEqualTo(1);
				assertThat(simulator.requests().count("POST", "/jpm/v2/tenant/" + tenantId + "/jobs/\\d+/notes"))
					.as(tenant + ": the tour's note").isEqualTo(1);
			}
			assertThat(summary).containsPattern("\\n  jpm/jobs +60 records\\n");
		}
	}

	@Test
	void whenAotProcessedAndStillNoCredentialsAtRunTimeThenStartupFailsSayingWhatToSet() throws Exception {
		Run run = runAotProcessedApp(Map.of(), List.of());

		assertThat(run.exitCode()).isNotZero();
		assertThat(run.output()).contains("APPLICATION FAILED TO START")
			.contains("no ServiceTitan connection is configured")
			.contains("SERVICETITAN_CLIENT_ID");
	}

	private static Run runAotProcessedApp(Map<String, String> environment, List<String> arguments)
			throws IOException, InterruptedException {
		String classes = System.getProperty("sample.classes");
		String classpathFile = System.getProperty("sample.runtime-classpath");
		assertThat(classes).as("system property sample.classes (set by the failsafe configuration)").isNotBlank();
		assertThat(Path.of(classes, "io/github/servicetitan4j/sample/SampleApplication__ApplicationContextInitializer.class"))
			.as("the AOT-generated initializer (spring-boot:process-aot)")
			.isRegularFile();
		String classpath = classes + File.pathSeparator
				+ Files.readString(Path.of(classpathFile), StandardCharsets.UTF_8).strip();
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Dspring.aot.enabled=true", "-cp", classpath, SampleApplication.class.getName(),
				"--spring.datasource.url=jdbc:h2:mem:aot-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));
		command.addAll(arguments);
		Path output = Files.createTempFile("sample-aot-", ".log");
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
		builder.environment().keySet().removeIf((name) -> name.startsWith("SERVICETITAN_"));
		builder.environment().putAll(environment);
		Process process = builder.start();
		try {
			if (!process.waitFor(4, TimeUnit.MINUTES)) {
				process.destroyForcibly();
				throw new AssertionError("The AOT-processed app did not exit within 4 minutes:\n" + Files.readString(output));
			}
			return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
		}
		finally {
			Files.deleteIfExists(output);
		}
	}

	private record Run(int exitCode, String output) {

	}

}
