package io.github.servicetitan4j;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.StreamingHttpOutputMessage;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.Assert;

/**
 * The default request factory: Spring's JDK one, with the read timeout applied the way the client needs it. Spring's
 * {@code JdkClientHttpRequestFactory.setReadTimeout} is one deadline over the whole exchange that closes the body when
 * it passes, so a consumer that takes its time between records would have its stream cut. Here the read timeout bounds
 * waiting for the server only: for the response headers (the JDK request timeout, which ends when they arrive) and for
 * each read of the body that finds no data (a watchdog closes a body whose read has waited longer). Time the consumer
 * spends between reads never counts.
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

	private final Duration readTimeout;

	private final ScheduledThreadPoolExecutor alarms;

	/** Bodies being read, which the watchdog looks at. */
	private final Set<InactivityTimeoutStream> open = ConcurrentHashMap.newKeySet();

	private final long tickNanos;

	private final Object watchLock = new Object();

	private @Nullable ScheduledFuture<?> watchdog;

	JdkRequestFactory(HttpClient httpClient, Duration readTimeout) {
		Assert.isTrue(httpClient.followRedirects() == HttpClient.Redirect.NEVER,
				"the HttpClient must not follow redirects (the client follows them without its credentials)");
		Assert.isTrue(!readTimeout.isNegative() && !readTimeout.isZero(), "readTimeout must be positive");
		// Spring writes a request body on its executor: on the HTTP client's if it has one, else on a new thread for
		// every request; these threads are kept for the next bodies instead.
		this.delegate = new JdkClientHttpRequestFactory(new HeaderTimeoutHttpClient(httpClient, readTimeout),
				httpClient.executor().orElseGet(JdkRequestFactory::bodyWriters));
		this.readTimeout = readTimeout;
		// A stalled read is cut off between one and 1.1 read timeouts (at most a second late) after it began.
		this.tickNanos = Math.max(Duration.ofMillis(10).toNanos(),
				Math.min(readTimeout.toNanos() / 10, Duration.ofSeconds(1).toNanos()));
		this.alarms = new ScheduledThreadPoolExecutor(1, (task) -> {
			Thread thread = new Thread(task, "servicetitan-read-timeout");
			thread.setDaemon(true);
			return thread;
		});
		this.alarms.setRemoveOnCancelPolicy(true);
		this.alarms.setKeepAliveTime(1, TimeUnit.MINUTES);
		this.alarms.allowCoreThreadTimeOut(true);
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
		return new Request(this.delegate.createRequest(uri, httpMethod));
	}

	private final class Request implements ClientHttpRequest, StreamingHttpOutputMessage {

		private final ClientHttpRequest request;

		Request(ClientHttpRequest request) {
			this.request = request;
		}

		@Override
		public ClientHttpResponse execute() throws IOException {
			return new Response(this.request.execute());
		}

		@Override
		public void setBody(Body body) {
			((StreamingHttpOutputMessage) this.request).setBody(body);
		}

		@Override
		public OutputStream getBody() throws IOException {
			return this.request.getBody();
		}

		@Override
		public HttpMethod getMethod() {
			return this.request.getMethod();
		}

		@Override
		public URI getURI() {
			return this.request.getURI();
		}

		@Override
		public Map<String, Object> getAttributes() {
			return this.request.getAttributes();
		}

		@Override
		public HttpHeaders getHeaders() {
			return this.request.getHeaders();
		}

	}

	private final class Response extends BodyWrappingResponse {

		Response(ClientHttpResponse response) {
			super(response);
		}

		@Override
		InputStream wrap(InputStream body) {
			InactivityTimeoutStream stream = new InactivityTimeoutStream(body);
			register(stream);
			return stream;
		}

		@Override
		public synchronized void close() {
			InputStream current = wrappedBody();
			if (current != null) {
				JdkRequestFactory.this.open.remove(current);
			}
			super.close();
		}

	}

	private void register(InactivityTimeoutStream stream) {
		this.open.add(stream);
		synchronized (this.watchLock) {
			if (this.watchdog == null) {
				this.watchdog = this.alarms.scheduleAtFixedRate(this::watch, this.tickNanos, this.tickNanos,
						TimeUnit.NANOSECONDS);
			}
		}
	}

	/** Cuts off every read that has waited longer than the read timeout; stops while no body is open. */
	private void watch() {
		long now = System.nanoTime();
		this.open.forEach((stream) -> stream.expireIfStalled(now));
		synchronized (this.watchLock) {
			if (this.open.isEmpty() && this.watchdog != null) {
				this.watchdog.cancel(false);
				this.watchdog = null;
			}
		}
	}

	/**
	 * Closes the body when one read waits longer than the read timeout for the server's next bytes; the read then fails
	 * with an {@link HttpTimeoutException}. A read only notes when it started: one watchdog per factory looks at the
	 * open bodies a few times per timeout, so reading costs no scheduling.
	 */
	private final class InactivityTimeoutStream extends FilterInputStream {

		/** When the read under way started (never 0), or 0 between reads. */
		private volatile long readingSince;

		private volatile boolean expired;

		InactivityTimeoutStream(InputStream in) {
			super(in);
		}

		@Override
		public int read() throws IOException {
			started();
			try {
				int read = super.read();
				if (read == -1) {
					JdkRequestFactory.this.open.remove(this);
				}
				return read;
			}
			catch (IOException ex) {
				throw translated(ex);
			}
			finally {
				this.readingSince = 0;
			}
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			started();
			try {
				int read = super.read(buffer, offset, length);
				if (read == -1) {
					JdkRequestFactory.this.open.remove(this);
				}
				return read;
			}
			catch (IOException ex) {
				throw translated(ex);
			}
			finally {
				this.readingSince = 0;
			}
		}

		@Override
		public void close() throws IOException {
			JdkRequestFactory.this.open.remove(this);
			super.close();
		}

		private void started() throws IOException {
			if (this.expired) {
				throw timedOut(null);
			}
			this.readingSince = System.nanoTime() | 1;
		}

		void expireIfStalled(long now) {
			long since = this.readingSince;
			if (since != 0 && now - since > JdkRequestFactory.this.readTimeout.toNanos()) {
				this.expired = true;
				JdkRequestFactory.this.open.remove(this);
				try {
					this.in.close();
				}
				catch (IOException ex) {
					// The read it unblocks reports the timeout.
				}
			}
		}

		private IOException translated(IOException ex) {
			return this.expired ? timedOut(ex) : ex;
		}

		private HttpTimeoutException timedOut(@Nullable IOException cause) {
			HttpTimeoutException timeout = new HttpTimeoutException("no data from the server for "
					+ JdkRequestFactory.this.readTimeout.toMillis() + " ms (read timeout) while reading the response");
			if (cause != null) {
				timeout.initCause(cause);
			}
			return timeout;
		}

	}

	/**
	 * Gives every request the read timeout as its JDK request timeout, which bounds the wait for the response headers
	 * only: the JDK stops timing a request once its headers arrive.
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

		@Override
		public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
				throws IOException, InterruptedException {
			return super.send(timed(request), handler);
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
