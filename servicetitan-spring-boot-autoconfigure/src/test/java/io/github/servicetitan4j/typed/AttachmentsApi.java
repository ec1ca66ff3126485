package io.github.servicetitan4j.typed;

import org.springframework.core.io.Resource;
import org.springframework.http.HttpEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

/**
 * Uploads in the shape the project's generator writes them ({@code @PostExchange} with a multipart content type and a
 * {@code @RequestPart("file") Resource}), plus the other part kinds a typed upload may carry.
 */
@HttpExchange("/forms/v2/tenant/{tenant}")
public interface AttachmentsApi {

	@PostExchange(value = "/jobs/{id}/attachments", contentType = "multipart/form-data")
	UploadResponse jobsCreateAttachment(@PathVariable("id") Long id, @RequestPart("file") Resource file);

	@PostExchange(value = "/jobs/{id}/attachments", contentType = "multipart/form-data")
	UploadResponse jobsCreateAttachmentWithDetails(@PathVariable("id") Long id, @RequestPart("file") Resource file,
			@RequestPart("description") String description, @RequestPart("details") NoteCreateRequest details);

	@PostExchange(value = "/jobs/{id}/attachments", contentType = "multipart/form-data")
	UploadResponse jobsCreateAttachmentFromMultipartFile(@PathVariable("id") Long id,
			@RequestPart("file") MultipartFile file);

	@PostExchange(value = "/jobs/{id}/attachments", contentType = "multipart/form-data")
	UploadResponse jobsCreateAttachmentFromEntity(@PathVariable("id") Long id,
			@RequestPart("file") HttpEntity<byte[]> file);

}
