package io.github.servicetitan4j.sample;

import io.github.servicetitan4j.Page;
import tools.jackson.databind.JsonNode;

import org.springframework.core.io.Resource;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

/**
 * The forms module's job attachments, written by hand in the shape the generator gives the published forms spec's
 * upload ({@code @RequestPart("file") Resource}); the sample's fixture spec is jpm's and has no upload.
 */
@HttpExchange("/forms/v2/tenant/{tenant}")
public interface JobAttachmentsApi {

	@PostExchange(value = "/jobs/{jobId}/attachments", contentType = "multipart/form-data")
	JsonNode jobsCreateAttachment(@PathVariable("jobId") Long jobId, @RequestPart("file") Resource file);

	@GetExchange("/jobs/{jobId}/attachments")
	Page<JsonNode> jobsGetJobAttachments(@PathVariable("jobId") Long jobId);

	@GetExchange("/jobs/attachment/{id}")
	Resource jobsGetAttachment(@PathVariable("id") Long id);

}
