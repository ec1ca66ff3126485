package io.github.servicetitan4j.typed;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Stream;

import io.github.servicetitan4j.ExportOptions;
import io.github.servicetitan4j.ExportPage;
import io.github.servicetitan4j.ExportStream;
import io.github.servicetitan4j.Page;
import org.jspecify.annotations.Nullable;

import org.springframework.core.io.Resource;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.DeleteExchange;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PatchExchange;
import org.springframework.web.service.annotation.PostExchange;

/**
 * A typed interface in the shape the generator makes (one per spec tag), written by hand for the wire tests.
 */
@HttpExchange("/jpm/v2/tenant/{tenant}")
public interface JobsApi {

	@GetExchange(url = "/jobs/{id}", accept = "application/json")
	Job jobsGet(@PathVariable("id") Long id, @RequestParam(value = "x", required = false) @Nullable String x);

	@GetExchange("/jobs/{id}")
	Job jobsGetByName(@PathVariable("id") String id);

	@GetExchange("/jobs")
	Page<Job> jobsGetList(@RequestParam(value = "page", required = false) @Nullable Integer page,
			@RequestParam(value = "pageSize", required = false) @Nullable Integer pageSize,
			@RequestParam(value = "jobStatus", required = false) @Nullable JobStatus jobStatus,
			@RequestParam(value = "ids", required = false) @Nullable List<Long> ids,
			@RequestParam(value = "createdOnOrAfter", required = false) @Nullable OffsetDateTime createdOnOrAfter,
			@RequestParam(value = "includeTotal", required = false) @Nullable Boolean includeTotal);

	@GetExchange("/jobs")
	Stream<Job> jobsGetListStream(@RequestParam(value = "pageSize", required = false) @Nullable Integer pageSize,
			@RequestParam(value = "jobStatus", required = false) @Nullable JobStatus jobStatus);

	@GetExchange("/jobs/summaries")
	List<Job> jobsSummaries();

	@GetExchange("/export/jobs")
	ExportPage<ExportJob> jobsExport(@RequestParam(value = "from", required = false) @Nullable String from,
			@RequestParam(value = "includeRecentChanges", required = false) @Nullable Boolean includeRecentChanges);

	@GetExchange("/export/jobs")
	ExportStream<ExportJob> jobsExportStream(ExportOptions options);

	@PostExchange(url = "/jobs", contentType = "application/json", accept = "application/json")
	Job jobsCreate(@RequestBody JobCreateRequest body);

	@PatchExchange("/jobs/{id}")
	Job jobsUpdate(@PathVariable("id") Long id, @RequestBody JobUpdateRequest body);

	@DeleteExchange("/jobs/{id}")
	void jobsDelete(@PathVariable("id") Long id);

	@PostExchange("/jobs/{id}/notes")
	Note jobsCreateNote(@PathVariable("id") Long id, @RequestBody NoteCreateRequest body);

	@DeleteExchange("/jobs/{id}/tags/{tagId}")
	void jobsRemoveTag(@PathVariable("id") Long id, @PathVariable("tagId") Long tagId);

	@GetExchange("/jobs/attachment/{id}")
	Resource attachmentGet(@PathVariable("id") Long id);

	@GetExchange("/jobs/attachment/{id}")
	byte[] attachmentBytes(@PathVariable("id") Long id);

}
