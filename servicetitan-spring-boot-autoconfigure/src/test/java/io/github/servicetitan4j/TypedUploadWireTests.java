package io.github.servicetitan4j;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.servicetitan4j.errors.ServiceTitanApiException;
import io.github.servicetitan4j.errors.ServiceTitanException.RequestTooLargeException;
import io.github.servicetitan4j.errors.ServiceTitanTransportException;
import io.github.servicetitan4j.typed.AttachmentsApi;
import io.github.servicetitan4j.typed.NoteCreateRequest;
import io.github.servicetitan4j.typed.UploadResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.core.io.AbstractResource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.github.servicetitan4j.ServiceTitanWireMock.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Typed multipart uploads on the wire: the parts encoded once into one {@code multipart/form-data} body sent through
 * the one pipeline (token, app key, retries that know a POST, typed exceptions), and refused before sending when they
 * cannot be sent whole.
 */
class TypedUploadWireTests {

	@RegisterExtension
	static final ServiceTitanWireMock wireMock = new ServiceTitanWireMock();

	static final byte[] PHOTO = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0, 1, 2, '\r', '\n', '-', '-', 3 };

	final List<ServiceTitanClient> clients = new ArrayList<>();

	String attachments;

	@BeforeEach
	void paths() {
		this.attachments = wireMock.tenantPath("forms") + "/jobs/42/attachments";
	}

	@AfterEach
	void closeClients() {
		this.clients.forEach(ServiceTitanClient::close);
	}

	AttachmentsApi api() {
		ServiceTitanClient client = wireMock.clientBuilder().build();
		this.clients.add(client);
		return client.client(AttachmentsApi.class);
	}

	static Resource photo() {
		return named(PHOTO, "photo.jpg");
	}

	static Resource named(byte[] bytes, String filename) {
		return new ByteArrayResource(bytes) {

			@Override
			public String getFilename() {
				return filename;
			}

		};
	}

	@Test
	void whenAFileIsUploadedThenOneMultipartPostCarriesTheFileWithItsNameAndTypeTheTokenAndTheAppKey() {
		wireMock.server.stubFor(post(urlPathEqualTo(this.attachments)).willReturn(okJson("{\"fileName\":\"photo.jpg\"}")));

		UploadResponse answer = api().jobsCreateAttachment(42L, photo());

		assertThat(answer.fileName()).isEqualTo("photo.jpg");
		assertThat(wireMock.tokenRequests()).isEqualTo(1);
		wireMock.server.verify(1, postRequestedFor(urlEqualTo(this.attachments))
			.withHeader("Authorization", bearer(ServiceTitanWireMock.TOKEN))
			.withHeader("ST-App-Key", equalTo(ServiceTitanWireMock.APP_KEY))
			.withHeader("Accept", equalTo("application/json"))
			.withHeader("Content-Type", matching("multipart/form-data;\\s*boundary=[-\\w]+.*"))
			.withHeader("Content-Length", equalTo(Integer.toString(onlyUpload().getBody().length)))
			.withRequestBodyPart(aMultipart("file")
				.withHeader("Content-Disposition", containing("filename=\"photo.jpg\""))
				.withHeader("Content-Type", equalTo("image/jpeg"))
				.withBody(binaryEqualTo(PHOTO))
				.build()));
		String body = new String(onlyUpload().getBody(), StandardCharsets.ISO_8859_1);
		String boundary = onlyUpload().getHeader("Content-Type").replaceAll(".*boundary=\"?([^\";]+)\"?.*", "$1");
		assertThat(body).startsWith("--" + boundary + "\r\n").endsWith("\r\n--" + boundary + "--\r\n");
	}

	@Test
	void whenAnUploadCarriesTextAndJsonPartsThenEachIsItsOwnPartBesideTheFile() {
		wireMock.server.stubFor(post(urlPathEqualTo(this.attachments)).willReturn(okJson("{\"fileName\":\"photo.jpg\"}")));

		api().jobsCreateAttachmentWithDetails(42L, photo(), "Before the repair: é", new NoteCreateRequest("Leak"));

		wireMock.server.verify(1, postRequestedFor(urlEqualTo(this.attachments))
			.withRequestBodyPart(aMultipart("file").withBody(binaryEqualTo(PHOTO)).build())
			.withRequestBodyPart(aMultipart("description")
				.withHeader("Content-Type", containing("text/plain"))
				.withBody(binaryEqualTo("Before the repair: é".getBytes(StandardCharsets.UTF_8)))
				.build())
			.withRequestBodyPart(aMultipart("details")
				.withHeader("Content-Type", containing("application/json"))
				.withBody(equalToJson("{\"text\":\"Leak\"}"))
				.build()));
		assertThat(new String(onlyUpload().getBody(), StandardCharsets.ISO_8859_1))
			.doesNotContain("name=\"description\"; filename")
			.doesNotContain("name=\"details\"; filename");
	}

	@Test
	void whenAMultipartFileIsUploadedThenItsOriginalFilenameAndContentTypeAreSent() {
		wireMock.server.stubFor(post(urlPathEqualTo(this.attachments)).willReturn(okJson("{\"fileName\":\"r.pdf\"}")));
		byte[] pdf = "%PDF-1.7".getBytes(StandardCharsets.US_ASCII);

		api().jobsCreateAttachmentFromMultipartFile(42L,
				new MockMultipartFile("upload", "report.pdf", "application/pdf", pdf));

		wireMock.server.verify(1, postRequestedFor(urlEqualTo(this.attachments)).withRequestBodyPart(aMultipart("file")
			.withHeader("Content-Disposition", containing("filename=\"report.pdf\""))
			.withHeader("Content-Type", equalTo("application/pdf"))
			.withBody(binaryEqualTo(pdf))
			.build()));
	}

	@Test
	void whenBytesAreUploadedAsAnEntityNamingTheFileThenTheFilenameAndContentTypeAreSent() {
		wireMock.server.stubFor(post(urlPathEqualTo(this.attachments)).willReturn(okJson("{\"fileName\":\"a.png\"}")));
		HttpHeaders headers = new HttpHeaders();
		headers.setContentDisposition(ContentDisposition.formData().name("file").filename("a.png").build());
		headers.setContentType(MediaType.IMAGE_PNG);

		api().jobsCreateAttachmentFromEntity(42L, new HttpEntity<>(PHOTO, headers));

		wireMock.server.verify(1, postRequestedFor(urlEqualTo(this.attachments)).withRequestBodyPart(aMultipart("file")
			.withHeader("Content-Disposition", containing("filename=\"a.png\""))
			.withHeader("Content-Type", equalTo("image/png"))
			.withBody(binaryEqualTo(PHOTO))
			.build()));
	}

	@Test
	void whenTheServerAnswers429ThenTheUploadIsSentAgainWithTheSameBytesAndBoundary() {
		RetryStubs.failThenSucceed(wireMock, () -> post(urlPathEqualTo(this.attachments)), 1,
				aResponse().withStatus(429));

		api().jobsCreateAttachment(42L, photo());

		List<LoggedRequest> sent = wireMock.server.findAll(postRequestedFor(urlEqualTo(this.attachments)));
		assertThat(sent).hasSize(2);
		assertThat(sent.get(1).getHeader("Content-Type")).isEqualTo(sent.get(0).getHeader("Content-Type"));
		assertThat(sent.get(1).getBody()).isEqualTo(sent.get(0).getBody());
		assertThat(new String(sent.get(1).getBody(), StandardCharsets.ISO_8859_1)).contains("filename=\"photo.jpg\"");
		assertThat(wireMock.sleeps).hasSize(1);
	}

	@Test
	void whenAnUploadAnswers503ThenItIsNotRepeatedBecauseTheServerMayHaveStoredTheFile() {
		wireMock.server.stubFor(post(urlPathEqualTo(this.attachments)).willReturn(aResponse().withStatus(503)));

		assertThatExceptionOfType(ServiceTitanApiException.class)
			.isThrownBy(() -> api().jobsCreateAttachment(42L, photo()))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(503));

		wireMock.server.verify(1, postRequestedFor(urlEqualTo(this.attachments)));
		assertThat(wireMock.sleeps).isEmpty();
	}

	@Test
	void whenAnUploadIsCutOffWithoutAnAnswerThenItIsNotRepeated() {
		wireMock.server.stubFor(post(urlPathEqualTo(this.attachments))
			.willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

		assertThatExceptionOfType(ServiceTitanTransportException.class)
			.isThrownBy(() -> api().jobsCreateAttachment(42L, photo()))
			.satisfies((ex) -> assertThat(ex.outcomeUnknown()).isTrue());

		wireMock.server.verify(1, postRequestedFor(urlEqualTo(this.attachments)));
	}

	@Test
	void whenTheServerRefusesTheFileAsTooLargeThenTheTypedExceptionCarriesTheStatus() {
		wireMock.server.stubFor(post(urlPathEqualTo(this.attachments))
			.willReturn(aResponse().withStatus(413).withBody("Request Entity Too Large")));

		assertThatExceptionOfType(ServiceTitanApiException.class)
			.isThrownBy(() -> api().jobsCreateAttachment(42L, photo()))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(413));

		wireMock.server.verify(1, postRequestedFor(urlEqualTo(this.attachments)));
	}

	@Test
	void whenTheServerRefusesTheFileWith400ThenABadRequestIsThrown() {
		wireMock.server.stubFor(post(urlPathEqualTo(this.attachments)).willReturn(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"title\":\"File type is not allowed\",\"status\":400}")));

		assertThatExceptionOfType(ServiceTitanApiException.BadRequest.class)
			.isThrownBy(() -> api().jobsCreateAttachment(42L, photo()))
			.withMessageContaining("File type is not allowed");

		wireMock.server.verify(1, postRequestedFor(urlEqualTo(this.attachments)));
	}

	@Test
	void whenTheFileIsLargerThanTheClientSendsThenNothingIsSentAndTheErrorNamesTheLimit() {
		Resource huge = new AbstractResource() {

			@Override
			public String getFilename() {
				return "huge.mp4";
			}

			@Override
			public long contentLength() {
				return TypedMultipart.MAX_UPLOAD_SIZE.toBytes() + 1;
			}

			@Override
			public InputStream getInputStream() {
				throw new AssertionError("a file known to be too large is not read");
			}

			@Override
			public String getDescription() {
				return "huge";
			}

		};

		assertThatExceptionOfType(RequestTooLargeException.class)
			.isThrownBy(() -> api().jobsCreateAttachment(42L, huge))
			.withMessageContaining("AttachmentsApi.jobsCreateAttachment")
			.withMessageContaining("100 MB")
			.satisfies((ex) -> assertThat(ex.limit()).isEqualTo(TypedMultipart.MAX_UPLOAD_SIZE));

		wireMock.server.verify(0, postRequestedFor(urlPathEqualTo(this.attachments)));
		assertThat(wireMock.tokenRequests()).isZero();
	}

	@Test
	void whenAFilePartHasNoFilenameThenTheCallIsRefusedBeforeAnythingIsSent() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> api().jobsCreateAttachment(42L, new ByteArrayResource(PHOTO)))
			.withMessageContaining("file part 'file' has no filename");
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> api().jobsCreateAttachmentFromEntity(42L, new HttpEntity<>(PHOTO)))
			.withMessageContaining("file part 'file' has no filename");

		wireMock.server.verify(0, postRequestedFor(urlPathEqualTo(this.attachments)));
		assertThat(wireMock.tokenRequests()).isZero();
	}

	@Test
	void whenAStreamedFileOfUnknownLengthPassesTheBoundThenItIsRefusedWhileEncoding() {
		RecordMapper records = new RecordMapper(tools.jackson.databind.json.JsonMapper.builder().build());
		Resource unknownLength = new AbstractResource() {

			@Override
			public String getFilename() {
				return "stream.bin";
			}

			@Override
			public long contentLength() {
				return -1;
			}

			@Override
			public InputStream getInputStream() {
				return new ByteArrayInputStream(new byte[4096]);
			}

			@Override
			public String getDescription() {
				return "stream";
			}

		};
		org.springframework.util.LinkedMultiValueMap<String, Object> parts = new org.springframework.util.LinkedMultiValueMap<>();
		parts.add("file", unknownLength);

		assertThatExceptionOfType(RequestTooLargeException.class)
			.isThrownBy(() -> new TypedMultipart(records, org.springframework.util.unit.DataSize.ofKilobytes(1))
				.encode("AttachmentsApi.jobsCreateAttachment", parts))
			.withMessageContaining("nothing was sent");
	}

	private LoggedRequest onlyUpload() {
		List<LoggedRequest> sent = wireMock.server.findAll(postRequestedFor(urlEqualTo(this.attachments)));
		assertThat(sent).hasSize(1);
		return sent.get(0);
	}

}
