package com.example.jobs;

import java.util.Map;

import io.github.servicetitan4j.test.AutoConfigureServiceTitanSimulator;
import io.github.servicetitan4j.test.ServiceTitanSimulator;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
@AutoConfigureServiceTitanSimulator(tenants = { "acme", "globex" }, jobs = 60)
class CompletedJobsTests {

	@Autowired
	CompletedJobs completedJobs;

	@Autowired
	ServiceTitanSimulator simulator;

	@Test
	void countsTheCompletedJobsOfEachTenant() {
		Map<String, Integer> counts = this.completedJobs.countByTenant();

		assertThat(counts).containsOnlyKeys("acme", "globex");
		assertThat(counts.get("acme")).isEqualTo(completedJobs("acme"));
		assertThat(counts.get("globex")).isEqualTo(completedJobs("globex"));
		assertThat(this.simulator.requests().count("GET", "/jpm/v2/tenant/" + this.simulator.tenantId("acme") + "/jobs"))
			.isPositive();
	}

	/** What the simulator holds: active jobs (ServiceTitan lists active records unless asked otherwise), completed. */
	private int completedJobs(String tenant) {
		return (int) this.simulator.tenant(tenant)
			.jobs()
			.stream()
			.filter((job) -> Boolean.TRUE.equals(job.get("active")) && "Completed".equals(job.get("jobStatus")))
			.count();
	}

}
