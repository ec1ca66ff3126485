package io.github.servicetitan4j;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.Assert;

/**
 * The default request factory: Spring's JDK one, with the read timeout applied the way the client needs it. Spring's
 * {@code JdkClientHttpRequestFactory.setReadTimeout} is one deadline over the whole exchange that closes the body when
 * it passes, so a consumer that takes its time between records would have its stream cut. Here the read timeout bounds
 * waiting for the server only: for the response headers (the JDK request timeout, which ends when they arrive) and for
 * the server's next bytes while a read of the body waits for them ({@link JdkResponseBody}, which also reads the body
 * with fewer hand-offs between threads than the JDK's own stream). Time the consumer spends between reads never counts.
 * <p>
 * A request is sent on the thread that executes it, and request bodies are written on threads the factory keeps (or on
 * the HTTP client's executor, if it has one): with Spring's factory alone, each request would start a thread on a
 * machine of one or two processors, and each body another.
 * <p>
 * The HTTP client must not follow redirects: the client follows them itself, so that its credentials never travel to
 * another host.
 */
final class JdkRequestFactory implements ClientHttpRequestFactory {

	private final JdkClientHttpRequestFactory delegate;

	JdkRequestFactory(HttpClient httpClient, Duration readTimeout) {
		Assert.isTrue(httpClient.followRedirects() == HttpClient.Redirect.NEVER,
				"the HttpClient must not follow redirects (the client follows them without its credentials)");
		Assert.isTrue(!readTimeout.isNegative() && !readTimeout.isZero(), "readTimeout must be positive");
		// Spring writes a request body on its executor: on the HTTP client's if it has one, else on a new thread for
		// every request; these threads are kept for the next bodies instead.
		this.delegate = new JdkClientHttpRequestFactory(new HeaderTimeoutHttpClient(httpClient, readTimeout),
				httpClient.executor().orElseGet(JdkRequestFactory::bodyWriters));
	}

	/**
	 * Threads that write request bodies, started when a body is sent while all are busy and ended after a minute
	 * without one.
	 */
	private static ThreadPoolExecutor bodyWriters() {
		AtomicInteger count = new AtomicInteger();
		return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 1, TimeUnit.MINUTES, new SynchronousQueue<>(), (task) -> {
			Thread thread = new Thread(task, "servicetitan-request-body-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	static JdkRequestFactory of(Duration connectTimeout, Duration readTimeout) {
		return new JdkRequestFactory(
				HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER).build(),
				readTimeout);
	}

	@Override
	public ClientHttpRequest createRequest(URI uri, HttpMethod httpMethod) throws IOException {
		return this.delegate.createRequest(uri, httpMethod);
	}

	/**
	 * Gives every request the read timeout as its JDK request timeout, which bounds the wait for the response headers
	 * only (the JDK stops timing a request once its headers arrive), and its body as a {@link JdkResponseBody}, which
	 * bounds each wait for the body's next bytes by it.
	 */
	private static final class HeaderTimeoutHttpClient extends ForwardingHttpClient {

		private final Duration timeout;

		HeaderTimeoutHttpClient(HttpClient client, Duration timeout) {
			super(client);
			this.timeout = timeout;
		}

		private HttpRequest timed(HttpRequest request) {
			return request.timeout().isPresent() ? request
					: HttpRequest.newBuilder(request, (name, value) -> true).timeout(this.timeout).build();
		}

		/**
		 * Sends with the body read as a {@link JdkResponseBody}. Spring's JDK request asks for every body as an
		 * {@code InputStream} (the JDK's own, decompressed as its {@code Content-Encoding} says); this one is handed to
		 * Spring in its place, decompressed the same way.
		 */
		@Override
		@SuppressWarnings("unchecked")
		public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
				throws IOException, InterruptedException {
			HttpResponse.BodyHandler<InputStream> body = (info) -> {
				String encoding = info.headers().firstValue("Content-Encoding").orElse("").toLowerCase(Locale.ROOT);
				JdkResponseBody stream = new JdkResponseBody(this.timeout);
				return ("gzip".equals(encoding) || "deflate".equals(encoding))
						? HttpResponse.BodySubscribers.mapping(stream, (raw) -> decoded(raw, encoding)) : stream;
			};
			return (HttpResponse<T>) super.send(timed(request), body);
		}

		/**
		 * A body decompressed as its {@code Content-Encoding} says (as Spring's JDK request does it): an empty body is
		 * left as it is.
		 */
		private static InputStream decoded(InputStream raw, String encoding) {
			try {
				PushbackInputStream body = new PushbackInputStream(raw);
				int first = body.read();
				if (first == -1) {
					return body;
				}
				body.unread(first);
				return "gzip".equals(encoding) ? new GZIPInputStream(body) : new InflaterInputStream(body);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		/**
		 * Sends on the calling thread. Spring's request calls this and waits for the result at once; the JDK's own
		 * {@code sendAsync} would first hand the completed response to {@code CompletableFuture}'s default executor,
		 * which on a machine of one or two processors (a common pool of parallelism 1) starts a new thread for every
		 * request. {@code send} does not; what it throws is unwrapped back into what {@code sendAsync} would have
		 * failed with, so Spring reports failures as before.
		 */
		@Override
		public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request,
				HttpResponse.BodyHandler<T> handler) {
			try {
				return CompletableFuture.completedFuture(send(request, handler));
			}
			catch (InterruptedException ex) {
				// What Spring does when interrupted while waiting; send() has already cancelled the exchange.
				Thread.currentThread().interrupt();
				return CompletableFuture.failedFuture(new IOException("Request was interrupted: " + ex.getMessage(), ex));
			}
			catch (IOException | RuntimeException ex) {
				return CompletableFuture.failedFuture(asSent(ex));
			}
		}

		/**
		 * The failure {@code sendAsync} would have completed with: {@code send} throws a copy of it of the same type
		 * (or a plain {@code IOException}) with the original as its cause.
		 */
		private static Throwable asSent(Exception thrown) {
			Throwable cause = thrown.getCause();
			if (cause != null && (thrown.getClass().isInstance(cause)
					|| (thrown.getClass() == IOException.class && cause instanceof RuntimeException))) {
				return cause;
			}
			return thrown;
		}

		@Override
		public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
				HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
			return super.sendAsync(timed(request), handler, pushPromiseHandler);
		}

	}

	/**
	 * An {@link HttpClient} that hands every call to another one: the base of a wrapper that changes how requests are
	 * sent and keeps the rest (its settings, its executor) as the wrapped client has them.
	 */
	abstract static class ForwardingHttpClient extends HttpClient {

		private final HttpClient client;

		ForwardingHttpClient(HttpClient client) {
			this.client = client;
		}

		@Override
		public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
				throws IOException, InterruptedException {
			return this.client.send(request, handler);
		}

		@Override
		public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request,
				HttpResponse.BodyHandler<T> handler) {
			return this.client.sendAsync(request, handler);
		}

		@Override
		public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
				HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
			return this.client.sendAsync(request, handler, pushPromiseHandler);
		}

		@Override
		public Optional<CookieHandler> cookieHandler() {
			return this.client.cookieHandler();
		}

		@Override
		public Optional<Duration> connectTimeout() {
			return this.client.connectTimeout();
		}

		@Override
		public Redirect followRedirects() {
			return this.client.followRedirects();
		}

		@Override
		public Optional<ProxySelector> proxy() {
			return this.client.proxy();
		}

		@Override
		public SSLContext sslContext() {
			return this.client.sslContext();
		}

		@Override
		public SSLParameters sslParameters() {
			return this.client.sslParameters();
		}

		@Override
		public Optional<Authenticator> authenticator() {
			return this.client.authenticator();
		}

		@Override
		public Version version() {
			return this.client.version();
		}

		@Override
		public Optional<Executor> executor() {
			return this.client.executor();
		}

	}

}
