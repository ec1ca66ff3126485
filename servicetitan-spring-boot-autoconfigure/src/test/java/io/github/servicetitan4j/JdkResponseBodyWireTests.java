package io.github.servicetitan4j;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpResponse;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The client's own reading of JDK response bodies ({@link JdkResponseBody}, through the default request factory) over
 * real HTTP, bodies sent as they are (not gzipped, as WireMock would otherwise send them): every byte in order whether
 * read whole into an array (filled on the HTTP client's thread) or in small reads, the read timeout started again by
 * each byte that arrives and ending a read that waits longer (a body that stalls after its headers comes from a
 * loopback server of the test's own), an interrupted read, a closed body, a deflated body.
 */
class JdkResponseBodyWireTests {

	private static final WireMockServer server = new WireMockServer(
			options().dynamicPort().bindAddress("127.0.0.1").gzipDisabled(true));

	private static final byte[] BODY = new byte[3 * 1024 * 1024 + 17];

	@BeforeAll
	static void start() {
		new Random(25).nextBytes(BODY);
		server.start();
	}

	@AfterAll
	static void stop() {
		server.stop();
	}

	@BeforeEach
	void reset() {
		server.resetAll();
	}

	@Test
	void whenABodyIsReadWholeIntoAnArrayThenEveryByteArrivesInOrderAndTheBodyEndsThere() throws IOException {
		server.stubFor(get(urlPathEqualTo("/body")).willReturn(aResponse().withBody(BODY)));

		try (ClientHttpResponse response = send("/body", Duration.ofSeconds(5))) {
			InputStream body = response.getBody();
			byte[] whole = new byte[BODY.length];
			// One read of the whole length: filled on the client's thread.
			assertThat(body.read(whole, 0, whole.length)).isEqualTo(BODY.length);
			assertThat(whole).isEqualTo(BODY);
			assertThat(body.read()).isEqualTo(-1);
			assertThat(body.read(whole, 0, whole.length)).isEqualTo(-1);
		}
		server.verify(1, getRequestedFor(urlPathEqualTo("/body")));
	}

	@Test
	void whenABodyIsReadInSmallAndLargeReadsThenEveryByteArrivesInOrder() throws IOException {
		server.stubFor(get(urlPathEqualTo("/body")).willReturn(aResponse().withBody(BODY)));

		try (ClientHttpResponse response = send("/body", Duration.ofSeconds(5))) {
			InputStream body = response.getBody();
			ByteArrayOutputStream read = new ByteArrayOutputStream();
			byte[] small = new byte[8000];
			byte[] large = new byte[JdkResponseBody.FILL_AT_LEAST + 1000];
			read.write(body.read());
			for (int round = 0;; round++) {
				byte[] into = (round % 3 == 2) ? large : small;
				int length = body.read(into, 0, into.length);
				if (length == -1) {
					break;
				}
				assertThat(length).isPositive();
				read.write(into, 0, length);
			}
			assertThat(read.toByteArray()).isEqualTo(BODY);
		}
	}

	@Test
	void whenABodyArrivesSlowerThanTheReadTimeoutInAllButNeverPausesAsLongThenItIsReadWhole() throws Exception {
		byte[] body = Arrays.copyOf(BODY, 512 * 1024);
		server.stubFor(get(urlPathEqualTo("/slow")).willReturn(aResponse().withBody(body).withChunkedDribbleDelay(8, 1600)));

		// 8 chunks 200 ms apart against a read timeout of 700 ms: each wait is short, the body takes 1.6 s.
		try (ClientHttpResponse response = send("/slow", Duration.ofMillis(700))) {
			byte[] whole = new byte[body.length];
			assertThat(response.getBody().readNBytes(whole, 0, whole.length)).isEqualTo(body.length);
			assertThat(whole).isEqualTo(body);
		}
		try (ClientHttpResponse response = send("/slow", Duration.ofMillis(700))) {
			assertThat(response.getBody().readAllBytes()).isEqualTo(body);
		}
	}

	@Test
	void whenABodyStallsLongerThanTheReadTimeoutThenTheReadFailsWithATimeoutAndSoDoesTheNext() throws IOException {
		byte[] body = Arrays.copyOf(BODY, 512 * 1024);
		try (StallingServer stalling = new StallingServer(body, 100 * 1024)) {
			for (boolean whole : new boolean[] { true, false }) {
				try (ClientHttpResponse response = send(stalling.uri(), Duration.ofMillis(300))) {
					InputStream stream = response.getBody();
					long start = System.nanoTime();
					assertThatExceptionOfType(HttpTimeoutException.class)
						.isThrownBy(() -> readToTheEnd(stream, whole ? body.length : 8000))
						.withMessage("no data from the server for 300 ms (read timeout) while reading the response");
					assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(290),
							Duration.ofMillis(2500));
					assertThatExceptionOfType(HttpTimeoutException.class).isThrownBy(stream::read);
				}
			}
		}
	}

	@Test
	void whenTheReaderIsInterruptedThenTheReadFailsAndTheInterruptIsKept() throws Exception {
		try (StallingServer stalling = new StallingServer(Arrays.copyOf(BODY, 512 * 1024), 1000)) {
			for (int readLength : new int[] { 8000, 512 * 1024 }) {
				AtomicBoolean interruptKept = new AtomicBoolean();
				CompletableFuture<Throwable> failure = new CompletableFuture<>();
				CountDownLatch reading = new CountDownLatch(1);
				Thread reader = new Thread(() -> {
					try (ClientHttpResponse response = send(stalling.uri(), Duration.ofSeconds(30))) {
						InputStream body = response.getBody();
						reading.countDown();
						readToTheEnd(body, readLength);
						failure.complete(null);
					}
					catch (Throwable ex) {
						interruptKept.set(Thread.currentThread().isInterrupted());
						failure.complete(ex);
					}
				});
				reader.start();
				assertThat(reading.await(5, TimeUnit.SECONDS)).isTrue();
				Thread.sleep(100);
				reader.interrupt();

				assertThat(failure.get(5, TimeUnit.SECONDS)).isInstanceOf(IOException.class)
					.hasCauseInstanceOf(InterruptedException.class);
				reader.join(5000);
				assertThat(interruptKept).isTrue();
			}
		}
	}

	@Test
	void whenTheBodyIsClosedPartWayThenReadsFail() throws IOException {
		server.stubFor(get(urlPathEqualTo("/body")).willReturn(aResponse().withBody(BODY)));

		try (ClientHttpResponse response = send("/body", Duration.ofSeconds(5))) {
			InputStream body = response.getBody();
			byte[] some = new byte[1000];
			assertThat(body.readNBytes(some, 0, some.length)).isEqualTo(some.length);
			assertThat(some).isEqualTo(Arrays.copyOf(BODY, some.length));
			body.close();
			assertThatExceptionOfType(IOException.class).isThrownBy(body::read).withMessage("closed");
			assertThat(body.available()).isZero();
		}
	}

	@Test
	void whenTheBodyIsDeflatedThenItIsReadInflated() throws IOException {
		ByteArrayOutputStream deflated = new ByteArrayOutputStream();
		try (DeflaterOutputStream out = new DeflaterOutputStream(deflated, new Deflater(Deflater.BEST_SPEED))) {
			out.write(BODY, 0, 200_000);
		}
		server.stubFor(get(urlPathEqualTo("/deflated"))
			.willReturn(aResponse().withHeader("Content-Encoding", "deflate").withBody(deflated.toByteArray())));

		try (ClientHttpResponse response = send("/deflated", Duration.ofSeconds(5))) {
			assertThat(response.getBody().readAllBytes()).isEqualTo(Arrays.copyOf(BODY, 200_000));
		}
	}

	private static ClientHttpResponse send(String path, Duration readTimeout) throws IOException {
		return send(URI.create(server.baseUrl() + path), readTimeout);
	}

	private static ClientHttpResponse send(URI uri, Duration readTimeout) throws IOException {
		JdkRequestFactory factory = JdkRequestFactory.of(Duration.ofSeconds(5), readTimeout);
		return factory.createRequest(uri, HttpMethod.GET).execute();
	}

	private static void readToTheEnd(InputStream body, int readLength) throws IOException {
		byte[] into = new byte[readLength];
		while (body.read(into, 0, into.length) != -1) {
			// read on
		}
	}

	/**
	 * A server on loopback that answers every request with the headers and the first bytes of a body at once, then
	 * sends nothing more until closed: a body that stalls after its headers, which WireMock cannot send (it holds the
	 * headers back with the first chunk of a dribbled body).
	 */
	private static final class StallingServer implements AutoCloseable {

		private final ServerSocket socket;

		private final List<Socket> accepted = new CopyOnWriteArrayList<>();

		StallingServer(byte[] body, int sentAtOnce) throws IOException {
			this.socket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
			Thread thread = new Thread(() -> {
				try {
					while (true) {
						Socket connection = this.socket.accept();
						this.accepted.add(connection);
						skipRequestHead(connection.getInputStream());
						OutputStream out = connection.getOutputStream();
						out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: "
								+ body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
						out.write(body, 0, sentAtOnce);
						out.flush();
					}
				}
				catch (IOException ex) {
					// closed
				}
			}, "stalling-server");
			thread.setDaemon(true);
			thread.start();
		}

		URI uri() {
			return URI.create("http://127.0.0.1:" + this.socket.getLocalPort() + "/stall");
		}

		private static void skipRequestHead(InputStream in) throws IOException {
			int matched = 0;
			while (matched < 4) {
				int read = in.read();
				if (read == -1) {
					return;
				}
				matched = (read == "\r\n\r\n".charAt(matched)) ? matched + 1 : (read == '\r') ? 1 : 0;
			}
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
			for (Socket connection : this.accepted) {
				connection.close();
			}
		}

	}

}
