package io.github.servicetitan4j.sample;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.github.servicetitan4j.ServiceTitanTenants;
import io.github.servicetitan4j.test.AutoConfigureServiceTitanSimulator;
import io.github.servicetitan4j.test.ServiceTitanSimulator;
import io.github.servicetitan4j.test.SimulatedWebhooks;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample app's job events: the simulator sends signed deliveries over HTTP to the app's webhook endpoint (behind
 * its security), and the app's database follows the jobs without an export sync; a retried or failed delivery is saved
 * once.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sample.run-on-startup=false",
				"spring.datasource.url=jdbc:h2:mem:sample-webhook-tests;DB_CLOSE_DELAY=-1",
				"spring.security.user.password=sample-webhook-tests-password", "servicetitan.webhooks.enabled=true",
				"servicetitan.webhooks.secrets=" + SampleWebhookTests.KEY })
@AutoConfigureServiceTitanSimulator(customers = 20, locations = 20, jobs = 30, tenants = { "acme", "globex" })
class SampleWebhookTests {

	static final String KEY = "sample-webhook-key-0123456789abcdef0123";

	@Autowired
	ServiceTitanSimulator simulator;

	@Autowired
	ServiceTitanTenants tenants;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ExportSync sync;

	@LocalServerPort
	int port;

	@BeforeEach
	void subscribe() {
		this.simulator.reset();
		this.jdbc.sql("DELETE FROM jobs").update();
		this.jdbc.sql("DELETE FROM servicetitan_webhook_deliveries").update();
		this.simulator.webhooks()
			.subscribe("http://127.0.0.1:" + this.port + "/servicetitan/webhooks/{tenant}", KEY);
	}

	@Test
	void whenAJobChangesInServiceTitanThenItsEventUpdatesThatTenantsRowWithoutASync() {
		long jobId = ((Number) this.simulator.tenant("globex").jobs().get(3).get("id")).longValue();
		this.tenants.tenant("globex").endpoint("jpm", "jobs").patch(Long.toString(jobId), Map.of("summary", "Pump replaced"));

		List<SimulatedWebhooks.Delivery> sent = this.simulator.webhooks().deliverDue();

		assertThat(sent).extracting(SimulatedWebhooks.Delivery::type, SimulatedWebhooks.Delivery::tenant,
				SimulatedWebhooks.Delivery::status)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("tn.jpm.job-updated", "globex", 200));
		assertThat(this.jdbc.sql("SELECT tenant, summary FROM jobs WHERE id = :id")
			.param("id", jobId)
			.query((rs, n) -> rs.getString(1) + ":" + rs.getString(2))
			.list()).containsExactly("globex:Pump replaced");
	}

	@Test
	void whenTheDatabaseFailsOnTheFirstDeliveryThenTheSimulatorsRetryTenSecondsLaterSavesTheJobOnce() {
		long jobId = ((Number) this.simulator.tenant("acme").jobs().get(0).get("id")).longValue();
		this.tenants.tenant("acme").endpoint("jpm", "jobs").patch(Long.toString(jobId), Map.of("summary", "Second visit"));
		this.jdbc.sql("ALTER TABLE jobs RENAME TO jobs_away").update();
		try {
			assertThat(this.simulator.webhooks().deliverDue()).extracting(SimulatedWebhooks.Delivery::status)
				.containsExactly(500);
		}
		finally {
			this.jdbc.sql("ALTER TABLE jobs_away RENAME TO jobs").update();
		}
		this.simulator.advanceClock(Duration.ofSeconds(9));
		assertThat(this.simulator.webhooks().deliveries()).hasSize(1);
		this.simulator.advanceClock(Duration.ofSeconds(1));
		this.simulator.advanceClock(Duration.ofMinutes(10));

		assertThat(this.simulator.webhooks().deliveries()).extracting(SimulatedWebhooks.Delivery::attempt,
				SimulatedWebhooks.Delivery::status)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(1, 500), org.assertj.core.groups.Tuple.tuple(2, 200));
		assertThat(this.jdbc.sql("SELECT summary FROM jobs WHERE tenant = 'acme' AND id = :id")
			.param("id", jobId)
			.query(String.class)
			.list()).containsExactly("Second visit");
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM servicetitan_webhook_deliveries WHERE done")
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void whenTheExportSyncAndAJobEventCarryTheSameJobThenTheDatabaseHoldsItOnce() {
		long jobId = ((Number) this.simulator.tenant("acme").jobs().get(1).get("id")).longValue();
		this.tenants.tenant("acme").endpoint("jpm", "jobs").patch(Long.toString(jobId), Map.of("summary", "Both ways"));
		this.simulator.webhooks().deliverDue();
		this.sync.syncAll();
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM jobs WHERE tenant = 'acme' AND id = :id")
			.param("id", jobId)
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(this.jdbc.sql("SELECT summary FROM jobs WHERE tenant = 'acme' AND id = :id")
			.param("id", jobId)
			.query(String.class)
			.single()).isEqualTo("Both ways");
	}

}
