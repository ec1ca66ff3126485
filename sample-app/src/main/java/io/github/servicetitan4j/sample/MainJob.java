package io.github.servicetitan4j.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.github.servicetitan4j.EndpointFactory;
import io.github.servicetitan4j.Page;
import io.github.servicetitan4j.ServiceTitanTenants;
import io.github.servicetitan4j.errors.ServiceTitanException;
import io.github.servicetitan4j.sample.jpm.JobsApi;
import io.github.servicetitan4j.sample.jpm.model.JobResponse;
import io.github.servicetitan4j.sample.jpm.model.JobStatus;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.stereotype.Component;

/**
 * The app's main job: one full sync of every tenant, then in each tenant (unless {@code sample.tour=false}) a short tour
 * of the other operations and (unless {@code sample.report.enabled=false}) last month's report, then a summary of what
 * happened, per tenant and read back from the metrics the starter records.
 */
@Component
@ConditionalOnBooleanProperty(name = "sample.run-on-startup", matchIfMissing = true)
class MainJob implements ApplicationRunner {

	private static final Log logger = LogFactory.getLog(MainJob.class);

	private final ExportSync sync;

	private final SyncedRecords records;

	private final ServiceTitanTenants tenants;

	private final SampleProperties properties;

	private final MeterRegistry meters;

	private final HealthEndpoint health;

	private final MonthlyReport monthlyReport;

	MainJob(ExportSync sync, SyncedRecords records, ServiceTitanTenants tenants, SampleProperties properties,
			MeterRegistry meters, HealthEndpoint health, MonthlyReport monthlyReport) {
		this.monthlyReport = monthlyReport;
		this.sync = sync;
		this.records = records;
		this.tenants = tenants;
		this.properties = properties;
		this.meters = meters;
		this.health = health;
	}

	@Override
	public void run(ApplicationArguments args) {
		long start = System.nanoTime();
		ExportSync.SyncReport report = this.sync.syncAll();
		Map<String, String> reportLines = new LinkedHashMap<>();
		for (String tenant : this.tenants.names()) {
			EndpointFactory serviceTitan = this.tenants.tenant(tenant);
			if (this.properties.tour()) {
				tour(tenant, serviceTitan);
			}
			if (this.properties.report().enabled()) {
				reportLines.put(tenant, report(tenant, serviceTitan));
			}
		}
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
		var servicetitanHealth = this.health.healthForPath("servicetitan");
		String status = (servicetitanHealth != null) ? servicetitanHealth.getStatus().getCode() : "n/a";
		System.out.println(SyncSummary.render(report, reportLines, elapsed, status, this.meters));
	}

	/**
	 * Last month's figure from the Reporting API. A report that cannot run (another tenant's ids, the report's limit)
	 * is reported in the summary rather than failing the sync that already happened.
	 */
	private String report(String tenant, EndpointFactory serviceTitan) {
		try {
			return this.monthlyReport.lastMonth(serviceTitan).line();
		}
		catch (ServiceTitanException | IllegalArgumentException ex) {
			logger.warn(tenant + ": the report did not run: " + ex.getMessage());
			return "not run: " + ex.getClass().getSimpleName();
		}
	}

	/**
	 * The rest of the reference's operations in one tenant, as an integration would use them.
	 */
	private void tour(String tenant, EndpointFactory serviceTitan) {
		List<JsonNode> activeCustomers = serviceTitan.endpoint("crm", "customers").getAll(Map.of("active", "True"));
		logger.info(tenant + ": getAll: " + activeCustomers.size() + " active customers");
		logger.info(tenant + ": typed walk: " + scheduledJobs(serviceTitan) + " scheduled jobs");
		List<Long> jobIds = this.records.jobIds(tenant);
		if (jobIds.isEmpty()) {
			return;
		}
		long jobId = jobIds.get(0);
		JsonNode note = serviceTitan.endpoint("jpm", "jobs")
			.create(Long.toString(jobId), "notes", Map.of("text", "Checked by the servicetitan4j sample app", "pinToTop", false));
		logger.info(tenant + ": create: note on job " + jobId + ": " + note.path("text").asString(""));
		for (long candidate : jobIds.subList(0, Math.min(5, jobIds.size()))) {
			Page<JsonNode> attachments = serviceTitan.endpoint("forms", "jobs")
				.getMany(Long.toString(candidate), "attachments", Map.of("pageSize", 10));
			if (!attachments.data().isEmpty()) {
				download(tenant, serviceTitan, attachments.data().get(0));
				return;
			}
		}
	}

	/**
	 * The same API through a typed interface generated at build time (src/main/openapi, see the pom): every scheduled
	 * job, walked page after page as the stream is read.
	 */
	private static long scheduledJobs(EndpointFactory serviceTitan) {
		JobsApi jobs = serviceTitan.client(JobsApi.class);
		try (Stream<JobResponse> scheduled = jobs.jobsGetListStream(null, JobStatus.Scheduled, null, null, null, 200,
				null)) {
			return scheduled.count();
		}
	}

	private void download(String tenant, EndpointFactory serviceTitan, JsonNode attachment) {
		try {
			Path target = Files.createTempFile("servicetitan-attachment-", "-" + attachment.path("fileName").asString("file"));
			serviceTitan.endpoint("forms", "jobs/attachment")
				.download(attachment.path("id").asString(), null, target);
			logger.info(tenant + ": download: attachment " + attachment.path("id").asString() + " ("
					+ Files.size(target) + " bytes) to " + target);
			Files.deleteIfExists(target);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
