package io.github.servicetitan4j;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.github.servicetitan4j.ServiceTitanClientListener.CallDescriptor;
import io.github.servicetitan4j.errors.ServiceTitanAuthenticationException;
import io.github.servicetitan4j.errors.ServiceTitanException.ServiceTitanRedirectException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Credentials never leave ServiceTitan's hosts: the client follows download redirects itself, with its headers to the
 * same origin and none of them to another one (a second WireMock on 127.0.0.2 plays the file store), a bounded number
 * of times, never from https down to http; the token request is never redirected at all.
 */
class RedirectWireTests {

	@RegisterExtension
	static final ServiceTitanWireMock wireMock = new ServiceTitanWireMock();

	@RegisterExtension
	static final ServiceTitanWireMock fileStore = new ServiceTitanWireMock("127.0.0.2");

	final String image = wireMock.tenantPath("pricebook") + "/images/logo";

	@Test
	void whenADownloadIsRedirectedToAnotherHostThenNoneOfTheClientsCredentialsGoAlong() {
		wireMock.server.stubFor(get(urlPathEqualTo(this.image))
			.willReturn(aResponse().withStatus(302).withHeader("Location", fileStore.url() + "/blob/logo.png?sig=abc")));
		fileStore.server.stubFor(get(urlPathEqualTo("/blob/logo.png")).willReturn(aResponse().withBody("PNG")));

		byte[] bytes = wireMock.client().endpoint("pricebook", "images").download("logo");

		assertThat(new String(bytes, StandardCharsets.US_ASCII)).isEqualTo("PNG");
		wireMock.server.verify(getRequestedFor(urlPathEqualTo(this.image))
			.withHeader("Authorization", ServiceTitanWireMock.bearer(ServiceTitanWireMock.TOKEN))
			.withHeader(Sender.APP_KEY_HEADER, equalTo(ServiceTitanWireMock.APP_KEY)));
		fileStore.server.verify(1, getRequestedFor(urlPathEqualTo("/blob/logo.png"))
			.withHeader("Authorization", absent())
			.withHeader(Sender.APP_KEY_HEADER, absent()));
		fileStore.server.findAll(anyRequestedFor(anyUrl()))
			.forEach((request) -> RetryStubs.assertNoSecret(request.getHeaders().toString()));
	}

	@Test
	void whenADownloadToAFileIsRedirectedToAnotherHostThenTheFileArrivesWithoutCredentialsThere(@TempDir Path directory)
			throws Exception {
		wireMock.server.stubFor(get(urlPathEqualTo(this.image))
			.willReturn(aResponse().withStatus(307).withHeader("Location", fileStore.url() + "/blob/logo.png")));
		fileStore.server.stubFor(get(urlPathEqualTo("/blob/logo.png")).willReturn(aResponse().withBody("PNG")));

		Path file = wireMock.client().endpoint("pricebook", "images").download("logo", null, directory.resolve("logo.png"));

		assertThat(Files.readString(file)).isEqualTo("PNG");
		fileStore.server.verify(1, getRequestedFor(urlPathEqualTo("/blob/logo.png"))
			.withHeader("Authorization", absent())
			.withHeader(Sender.APP_KEY_HEADER, absent()));
	}

	@Test
	void whenARedirectStaysOnTheSameOriginThenTheCredentialsGoAlong() {
		wireMock.server.stubFor(get(urlPathEqualTo(this.image))
			.willReturn(aResponse().withStatus(302).withHeader("Location", "/files/logo.png")));
		wireMock.server.stubFor(get(urlPathEqualTo("/files/logo.png")).willReturn(aResponse().withBody("PNG")));

		wireMock.client().endpoint("pricebook", "images").download("logo");

		wireMock.server.verify(1, getRequestedFor(urlPathEqualTo("/files/logo.png"))
			.withHeader("Authorization", ServiceTitanWireMock.bearer(ServiceTitanWireMock.TOKEN))
			.withHeader(Sender.APP_KEY_HEADER,
					equalTo(ServiceTitanWireMock.APP_KEY)));
	}

	@Test
	void whenRedirectsGoOnAndOnThenTheDownloadFailsTypedAfterFiveHops() {
		wireMock.server.stubFor(get(urlPathEqualTo(this.image))
			.willReturn(aResponse().withStatus(302).withHeader("Location", fileStore.url() + "/hop")));
		fileStore.server.stubFor(get(urlPathEqualTo("/hop"))
			.willReturn(aResponse().withStatus(302).withHeader("Location", "/hop")));

		assertThatExceptionOfType(ServiceTitanRedirectException.class)
			.isThrownBy(() -> wireMock.client().endpoint("pricebook", "images").download("logo"))
			.withMessageContaining("more than 5 times");
		wireMock.server.verify(1, getRequestedFor(urlPathEqualTo(this.image)));
		fileStore.server.verify(5, getRequestedFor(urlPathEqualTo("/hop")).withHeader("Authorization", absent()));
	}

	@Test
	void whenAnHttpsRedirectPointsAtPlainHttpOrNotHttpThenItIsRefusedTyped() {
		// Judged from the schemes alone before anything is sent (loopback has no TLS to show it on the wire).
		ApiRequest request = new ApiRequest(new CallDescriptor("pricebook", "images", "download"), HttpMethod.GET,
				URI.create("https://api.servicetitan.io/x"), "/x", "/x", null, MediaType.ALL);

		assertThatExceptionOfType(ServiceTitanRedirectException.class)
			.isThrownBy(() -> Redirects.nextHop(request, request.uri(), "http://files.example.com/a?sig=s3cr3t", 0))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("from https to plain http", "files.example.com/a")
				.doesNotContain("s3cr3t"));
		assertThatExceptionOfType(ServiceTitanRedirectException.class)
			.isThrownBy(() -> Redirects.nextHop(request, request.uri(), "file:///etc/passwd", 0))
			.withMessageContaining("not HTTP");
		assertThat(Redirects.nextHop(request, request.uri(), "https://files.example.com/a", 0))
			.hasHost("files.example.com");
		assertThat(Redirects.sameOrigin(request.uri(), URI.create("https://API.servicetitan.io:443/y"))).isTrue();
		assertThat(Redirects.sameOrigin(request.uri(), URI.create("https://api.servicetitan.io:8443/y"))).isFalse();
	}

	@Test
	void whenTheTokenEndpointRedirectsThenTheTokenRequestIsNotFollowedAndTheErrorNamesTheAuthUrl() {
		wireMock.server.stubFor(post(urlPathEqualTo("/connect/token"))
			.willReturn(aResponse().withStatus(307).withHeader("Location", fileStore.url() + "/connect/token")));
		fileStore.server.stubFor(post(urlPathEqualTo("/connect/token")).willReturn(aResponse().withStatus(500)));

		assertThatExceptionOfType(ServiceTitanAuthenticationException.class)
			.isThrownBy(() -> wireMock.client().endpoint("jpm", "jobs").getOne("1"))
			.satisfies((ex) -> {
				assertThat(ex.getMessage()).contains(wireMock.url() + "/connect/token", "redirect",
						"servicetitan.auth-url");
				RetryStubs.assertNoSecret(ex.getMessage());
			});
		assertThat(wireMock.tokenRequests()).isEqualTo(1);
		fileStore.server.verify(0, anyRequestedFor(anyUrl()));
	}

}
