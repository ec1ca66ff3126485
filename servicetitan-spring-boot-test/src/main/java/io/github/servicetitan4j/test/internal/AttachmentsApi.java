package io.github.servicetitan4j.test.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * {@code forms/v2/tenant/{t}/jobs/{jobId}/attachments} (list, multipart upload of a {@code file} part) and
 * {@code forms/v2/tenant/{t}/jobs/attachment/{id}} (binary download).
 */
final class AttachmentsApi {

	private AttachmentsApi() {
	}

	static SimResponse handle(ApiCall call) {
		if (call.size() == 3 && call.segment(0).equals("jobs") && call.segment(1).equals("attachment")) {
			if (!call.method().equals("GET")) {
				throw call.methodNotAllowed();
			}
			return download(call, call.id(2));
		}
		if (call.size() == 3 && call.segment(0).equals("jobs") && call.segment(2).equals("attachments")) {
			long jobId = call.id(1);
			call.tenant().jobs().get(jobId);
			switch (call.method()) {
				case "GET":
					return SimResponse.json(200, PagedQuery.of(call.request()).page(attachmentsOf(call.tenant(), jobId)));
				case "POST":
					return upload(call, jobId);
				default:
					throw call.methodNotAllowed();
			}
		}
		throw Problem.of(404, "Not Found");
	}

	private static SimResponse download(ApiCall call, long id) {
		Map<String, @Nullable Object> attachment = call.tenant().attachments().get(id);
		byte[] content = call.tenant().attachmentContent(id);
		if (content == null) {
			throw Problem.notFound("Attachment", id);
		}
		String fileName = String.valueOf(attachment.get("fileName")).replace("\"", "");
		return SimResponse.bytes(200, "application/octet-stream", content)
			.withHeader("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
	}

	private static SimResponse upload(ApiCall call, long jobId) {
		Multipart file = Multipart.find(call.request(), "file");
		if (file == null) {
			throw Problem.badRequest("File", "The File field is required.");
		}
		Map<String, @Nullable Object> stored = call.tenant()
			.addAttachment(jobId, file.fileName(), file.contentType(), file.content());
		Map<String, @Nullable Object> body = new LinkedHashMap<>();
		body.put("fileName", stored.get("fileName"));
		return SimResponse.json(200, body);
	}

	private static List<Map<String, @Nullable Object>> attachmentsOf(TenantState tenant, long jobId) {
		List<Map<String, @Nullable Object>> ofJob = new ArrayList<>();
		for (Map<String, @Nullable Object> attachment : tenant.attachments().all()) {
			Long owner = Records.asLong(attachment.get("jobId"));
			if (owner != null && owner == jobId) {
				ofJob.add(attachment);
			}
		}
		return ofJob;
	}

}
