package io.github.servicetitan4j.test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.servicetitan4j.test.internal.UrlCodec;

import static org.assertj.core.api.Assertions.assertThat;

class FilesTests {

	private static ServiceTitanSimulator simulator;

	private static SimulatorHttp http;

	@BeforeAll
	static void start() {
		simulator = ServiceTitanSimulator.builder().customers(10).locations(10).jobs(10).attachments(4).start();
		http = new SimulatorHttp(simulator);
	}

	@BeforeEach
	void reset() {
		simulator.reset();
	}

	@AfterAll
	static void stop() {
		simulator.close();
	}

	private static Map<String, @Nullable Object> firstAttachment() {
		for (Map<String, @Nullable Object> job : simulator.tenant().jobs()) {
			List<Map<String, @Nullable Object>> attachments = simulator.tenant().attachments(SimulatorHttp.id(job));
			if (!attachments.isEmpty()) {
				return attachments.get(0);
			}
		}
		throw new IllegalStateException("No seeded attachment");
	}

	@Test
	void whenAttachmentIsDownloadedThenItsBytesAsOctetStream() throws IOException {
		Map<String, @Nullable Object> attachment = firstAttachment();
		long id = SimulatorHttp.id(attachment);

		HttpResponse<byte[]> response = http.send(http.request(http.path("forms", "jobs/attachment/" + id)).build(),
				HttpResponse.BodyHandlers.ofByteArray());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
		assertThat(response.headers().firstValue("Content-Disposition")).hasValueSatisfying(
				(value) -> assertThat(value).contains((String) attachment.get("fileName")));
		assertThat(response.body()).isEqualTo(simulator.tenant().attachmentContent(id).orElseThrow())
			.hasSize(((Number) attachment.get("size")).intValue());
	}

	@Test
	void whenAttachmentIdIsUnknownThen404() {
		assertThat(http.get(http.path("forms", "jobs/attachment/99")).statusCode()).isEqualTo(404);
	}

	@Test
	void whenJobsAttachmentsAreListedThenPagedMetadata() {
		Map<String, @Nullable Object> attachment = firstAttachment();

		Map<String, @Nullable Object> page = http.getJson(http.path("forms", "jobs/" + attachment.get("jobId")
				+ "/attachments"));

		assertThat(SimulatorHttp.data(page)).extracting(SimulatorHttp::id).contains(SimulatorHttp.id(attachment));
		assertThat(page).containsKeys("page", "pageSize", "hasMore");
	}

	@Test
	void whenFileIsUploadedThenItsNameComesBackAndItCanBeDownloaded() throws IOException {
		long jobId = SimulatorHttp.id(simulator.tenant().jobs().get(5));
		byte[] content = "%PDF-1.4 signed estimate".getBytes(StandardCharsets.US_ASCII);
		String boundary = "simulator-test-boundary";
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"estimate.pdf\"\r\n"
				+ "Content-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
		body.writeBytes(content);
		body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));

		HttpResponse<String> uploaded = http.send(http.request(http.path("forms", "jobs/" + jobId + "/attachments"))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
			.build());

		assertThat(uploaded.statusCode()).isEqualTo(200);
		assertThat(SimulatorHttp.json(uploaded)).containsExactly(Map.entry("fileName", "estimate.pdf"));
		Map<String, @Nullable Object> stored = simulator.tenant().attachments(jobId).get(0);
		HttpResponse<byte[]> download = http.send(
				http.request(http.path("forms", "jobs/attachment/" + SimulatorHttp.id(stored))).build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(download.body()).isEqualTo(content);
		assertThat(simulator.requests().find("POST", ".*/attachments").get(0).header("Content-Type"))
			.startsWith("multipart/form-data");
	}

	@Test
	void whenUploadHasNoFilePartThenBadRequest() {
		long jobId = SimulatorHttp.id(simulator.tenant().jobs().get(5));

		HttpResponse<String> response = http.send(http.request(http.path("forms", "jobs/" + jobId + "/attachments"))
			.header("Content-Type", "multipart/form-data; boundary=b")
			.POST(HttpRequest.BodyPublishers.ofString("--b\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nx\r\n--b--\r\n"))
			.build());

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("File");
	}

	@Test
	void whenPricebookImageIsRequestedThen302ToItsDownloadOnTheSimulator() {
		String path = simulator.tenant().imagePaths().get(0);

		HttpResponse<String> redirect = http.get(http.path("pricebook", "images") + "?path=" + UrlCodec.encode(path));

		assertThat(redirect.statusCode()).isEqualTo(302);
		assertThat(redirect.headers().firstValue("Location")).hasValueSatisfying(
				(location) -> assertThat(location).startsWith(simulator.apiUrl().toString()));
	}

	@Test
	void whenClientFollowsTheImageRedirectThenItGetsTheImageWithoutCredentials() throws Exception {
		byte[] image = { (byte) 0x89, 'P', 'N', 'G', 1, 2, 3 };
		simulator.tenant().putImage("Images/Pricebook/custom.png", image);
		HttpClient following = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
		URI uri = simulator.apiUrl().resolve(http.path("pricebook", "images") + "?path="
				+ UrlCodec.encode("Images/Pricebook/custom.png"));

		HttpResponse<byte[]> response = following.send(HttpRequest.newBuilder(uri)
			.header("Authorization", "Bearer " + http.token())
			.header("ST-App-Key", simulator.appKey())
			.build(), HttpResponse.BodyHandlers.ofByteArray());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("image/png");
		assertThat(response.body()).isEqualTo(image);
	}

	@Test
	void whenPricebookImageIsUnknownThen404() {
		assertThat(http.get(http.path("pricebook", "images") + "?path=nope.jpg").statusCode()).isEqualTo(404);
	}

}
