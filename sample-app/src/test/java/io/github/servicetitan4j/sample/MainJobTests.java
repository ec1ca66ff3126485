package io.github.servicetitan4j.sample;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.github.servicetitan4j.test.ServiceTitanSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The main job, as {@code spring-boot:test-run} runs it, against two simulated tenants: it syncs, tours and reports in
 * each, and its summary shows each tenant's figures.
 */
@ExtendWith(OutputCaptureExtension.class)
class MainJobTests {

	private static final List<String> TENANTS = List.of("acme", "globex");

	@Test
	void withTheSingleTenantPropertiesTheMainJobSyncsThatTenantAsDefault(CapturedOutput output) {
		try (ServiceTitanSimulator simulator = ServiceTitanSimulator.builder().customers(20).locations(20).jobs(50).start()) {
			Map<String, Object> properties = new HashMap<>(simulator.properties());
			properties.put("spring.datasource.url", "jdbc:h2:mem:main-job-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
			properties.put("sample.tour", "false");

			try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SampleApplication.class)
				.web(WebApplicationType.NONE)
				.run(arguments(properties))) {
				assertThat(context.getBean(JdbcClient.class)
					.sql("SELECT DISTINCT tenant FROM jobs")
					.query(String.class)
					.list()).containsExactly("default");
				assertThat(context.getBean(ExportSync.class).checkpoints("default")).containsOnlyKeys("crm/customers",
						"jpm/jobs");
			}

			assertThat(output.getOut()).containsPattern("\\n  tenant default:\\n    crm/customers +20 records\\n");
			assertThat(simulator.requests().count("GET", "/jpm/v2/tenant/" + simulator.tenantId() + "/export/jobs"))
				.isPositive();
		}
	}

	/** As arguments: default properties would lose to application.yml's shared {@code spring.datasource.url}. */
	private static String[] arguments(Map<String, Object> properties) {
		return properties.entrySet()
			.stream()
			.map((property) -> "--" + property.getKey() + "=" + property.getValue())
			.toArray(String[]::new);
	}

	@Test
	void theMainJobSyncsEveryTenantAndPrintsEachTenantsCounts(CapturedOutput output) {
		try (ServiceTitanSimulator simulator = ServiceTitanSimulator.builder()
			.tenant("acme")
			.tenant("globex")
			.customers(30)
			.locations(30)
			.jobs(120)
			.start()) {
			Map<String, Object> properties = new HashMap<>(simulator.properties());
			properties.put("spring.datasource.url", "jdbc:h2:mem:main-job-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");

			try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SampleApplication.class)
				.web(WebApplicationType.NONE)
				.run(arguments(properties))) {
				JdbcClient jdbc = context.getBean(JdbcClient.class);
				for (String tenant : TENANTS) {
					assertThat(jdbc.sql("SELECT COUNT(*) FROM jobs WHERE tenant = :tenant")
						.param("tenant", tenant)
						.query(Long.class)
						.single()).as(tenant).isEqualTo(120L);
				}
			}

			String summary = output.getOut().substring(output.getOut().indexOf("==== ServiceTitan sync summary"));
			for (String tenant : TENANTS) {
				String block = summary.substring(summary.indexOf("  tenant " + tenant + ":"));
				assertThat(block).as(tenant)
					.containsPattern("\\n    jpm/jobs +120 records\\n")
					.containsPattern("\\n    crm/customers +30 records\\n")
					.containsPattern("\\n    database jobs +120 rows\\n")
					.containsPattern("\\n    report \\(last month\\) +Daily Revenue ");
				String tenantId = simulator.tenantId(tenant);
				assertThat(simulator.tokenRequests(tenant)).as(tenant).isEqualTo(1);
				assertThat(simulator.requests().count("POST", "/jpm/v2/tenant/" + tenantId + "/jobs/\\d+/notes"))
					.as(tenant + ": the tour's note").isEqualTo(1);
				assertThat(simulator.requests().count("POST", "/reporting/v2/tenant/" + tenantId + "/.*/data/query"))
					.as(tenant + ": the report, over the default flow").isEqualTo(1);
				assertThat(simulator.requests().find("GET", "/jpm/v2/tenant/" + tenantId + "/jobs"))
					.as(tenant + ": the tour's typed walk of scheduled jobs")
					.isNotEmpty()
					.allSatisfy((page) -> assertThat(page.queryParam("jobStatus")).isEqualTo("Scheduled"));
			}
			assertThat(summary).containsPattern("\\n  jpm/jobs +240 records\\n").contains("token requests");
		}
	}

}
