package io.github.servicetitan4j.test.internal;

import java.util.Locale;

/**
 * {@code pricebook/v2/tenant/{t}/images?path=...}: answers 302 to where the file lies, as ServiceTitan redirects to
 * its storage. The simulator's storage is {@code /files/pricebook/images?path=...} on the same server and, like a
 * pre-signed storage URL, needs neither token nor app key.
 */
final class PricebookImagesApi {

	/** Path of the simulated storage behind the redirect. */
	static final String STORAGE_PATH = "/files/pricebook/images";

	private PricebookImagesApi() {
	}

	static SimResponse handle(ApiCall call) {
		if (call.size() != 1 || !call.segment(0).equals("images")) {
			throw Problem.of(404, "Not Found");
		}
		if (!call.method().equals("GET")) {
			throw call.methodNotAllowed();
		}
		String path = call.request().queryParam("path");
		if (path == null || path.trim().isEmpty()) {
			throw Problem.badRequest("Path", "The Path field is required.");
		}
		if (call.tenant().image(path) == null) {
			throw Problem.of(404, "Image " + path + " not found");
		}
		String location = call.request().origin() + STORAGE_PATH + "?path=" + UrlCodec.encode(path);
		return SimResponse.empty(302).withHeader("Location", location);
	}

	/** The storage side: the image's bytes, with a content type from its extension. */
	static SimResponse download(SimRequest request, TenantState tenant) {
		String path = request.queryParam("path");
		byte[] content = (path != null) ? tenant.image(path) : null;
		if (content == null) {
			return SimResponse.empty(404);
		}
		return SimResponse.bytes(200, contentType(path), content);
	}

	private static String contentType(String path) {
		String lower = path.toLowerCase(Locale.ROOT);
		if (lower.endsWith(".jpg") || lower.endsWith(".jpeg")) {
			return "image/jpeg";
		}
		if (lower.endsWith(".png")) {
			return "image/png";
		}
		return "application/octet-stream";
	}

}
