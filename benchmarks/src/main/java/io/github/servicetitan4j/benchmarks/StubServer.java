package io.github.servicetitan4j.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;

/**
 * A ServiceTitan look-alike on 127.0.0.1 serving from memory: {@code POST /connect/token},
 * {@code GET /{folder}/v2/tenant/{t}/jobs} (pages), {@code GET .../jobs/{id}} and {@code GET .../export/jobs}
 * (batches), every body with a Content-Length and kept alive, after an optional fixed latency.
 * <p>
 * Records are rendered once, in chunks, and kept: a page or a batch is written as its envelope's head, a chunk and a
 * tail, so that serving costs the measured client as little CPU as possible on a shared machine. The export feed goes
 * round the list's records ({@code exportRecords} may exceed {@code listRecords}; a batch never straddles the end of
 * the list): a million-record feed costs the memory of the list only, and its id sum is
 * {@link JobRecords#cycledIdSum}.
 */
final class StubServer implements AutoCloseable {

	static final String TOKEN = "bench-access-token";

	static final String APP_KEY = "bench-app-key";

	private static final byte[] TOKEN_BODY = ("{\"access_token\":\"" + TOKEN
			+ "\",\"token_type\":\"Bearer\",\"expires_in\":900}").getBytes(StandardCharsets.UTF_8);

	private static final int CACHED_RECORDS = 1_000;

	private final HttpServer server;

	private final ExecutorService workers;

	private final Duration latency;

	private final long listRecords;

	private final long exportRecords;

	private final int exportBatchSize;

	private static final byte[] TAIL = JobRecords.tail();

	/** Rendered records by {@code from + "-" + to}. */
	private final Map<String, byte[]> chunks = new ConcurrentHashMap<>();

	private final byte[][] records = new byte[CACHED_RECORDS][];

	private final AtomicLong tokenRequests = new AtomicLong();

	private final AtomicLong apiRequests = new AtomicLong();

	/** Arrival times (System.nanoTime) of the API requests answered 200, oldest first. */
	private final List<Long> arrivals = new ArrayList<>();

	private final AtomicLong throttled = new AtomicLong();

	/** Arrival times of the API requests answered 429. */
	private final List<Long> throttledAt = new ArrayList<>();

	/** Most API requests answered in any one-second window, as ServiceTitan enforces; 0 for no limit. */
	private volatile int enforcedPerSecond;

	/**
	 * Starts a server.
	 * @param latency how long every request waits before its response is written
	 * @param listRecords records behind the paged list
	 * @param exportRecords records in the export feed (which goes round the list's records)
	 * @param exportBatchSize records per export batch, a divisor of {@code listRecords}
	 */
	StubServer(Duration latency, long listRecords, long exportRecords, int exportBatchSize) throws IOException {
		if (listRecords % exportBatchSize != 0) {
			throw new IllegalArgumentException("the export batch size must divide the number of list records");
		}
		this.latency = latency;
		this.listRecords = listRecords;
		this.exportRecords = exportRecords;
		this.exportBatchSize = exportBatchSize;
		for (int i = 0; i < CACHED_RECORDS; i++) {
			this.records[i] = JobRecords.record(i);
		}
		// Small responses would otherwise wait on Nagle's algorithm and the client's delayed ACK (tens of ms).
		System.setProperty("sun.net.httpserver.nodelay", "true");
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
		this.workers = Executors.newFixedThreadPool(8, (task) -> {
			Thread thread = new Thread(task, "stub-server");
			thread.setDaemon(true);
			return thread;
		});
		this.server.setExecutor(this.workers);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	/** Renders the records of the pages of a page size and of the export batches now, so no measured run pays. */
	void prerender(int... pageSizes) {
		for (int pageSize : pageSizes) {
			for (long from = 0; from < this.listRecords; from += pageSize) {
				chunk(from, Math.min(from + pageSize, this.listRecords));
			}
		}
		for (long from = 0; from < Math.min(this.exportRecords, this.listRecords); from += this.exportBatchSize) {
			chunk(from, from + this.exportBatchSize);
		}
	}

	URI uri() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	long tokenRequests() {
		return this.tokenRequests.get();
	}

	long apiRequests() {
		return this.apiRequests.get();
	}

	/** Enforces a limit per sliding second on API requests (429 with Retry-After: 1 beyond it); 0 turns it off. */
	void enforce(int perSecond) {
		this.enforcedPerSecond = perSecond;
	}

	/** Forgets the arrivals and 429s recorded so far. */
	void resetCounts() {
		synchronized (this.arrivals) {
			this.arrivals.clear();
			this.throttledAt.clear();
		}
		this.throttled.set(0);
	}

	/** Arrival times of the API requests answered 200 since the last reset. */
	List<Long> arrivals() {
		synchronized (this.arrivals) {
			return new ArrayList<>(this.arrivals);
		}
	}

	/** Arrival times of the API requests answered 429 since the last reset. */
	List<Long> throttledAt() {
		synchronized (this.arrivals) {
			return new ArrayList<>(this.throttledAt);
		}
	}

	long throttled() {
		return this.throttled.get();
	}

	/** Most arrivals in any window of one second. */
	static int maxInAnySecond(List<Long> arrivals) {
		int most = 0;
		int start = 0;
		for (int end = 0; end < arrivals.size(); end++) {
			while (arrivals.get(end) - arrivals.get(start) >= 1_000_000_000L) {
				start++;
			}
			most = Math.max(most, end - start + 1);
		}
		return most;
	}

	/** Records an API arrival, or says it is over the enforced limit. */
	private boolean admit() {
		long now = System.nanoTime();
		synchronized (this.arrivals) {
			int limit = this.enforcedPerSecond;
			if (limit > 0) {
				int inWindow = 0;
				for (int i = this.arrivals.size() - 1; i >= 0 && now - this.arrivals.get(i) < 1_000_000_000L; i--) {
					inWindow++;
				}
				if (inWindow >= limit) {
					this.throttled.incrementAndGet();
					this.throttledAt.add(now);
					return false;
				}
			}
			this.arrivals.add(now);
			return true;
		}
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange; InputStream requestBody = exchange.getRequestBody()) {
			requestBody.transferTo(OutputStream.nullOutputStream());
			boolean api = !"/connect/token".equals(exchange.getRequestURI().getPath());
			if (api && !admit()) {
				byte[] problem = "{\"title\":\"Too Many Requests\",\"status\":429,\"traceId\":\"00-bench-00\"}"
					.getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
				exchange.getResponseHeaders().set("Retry-After", "1");
				exchange.sendResponseHeaders(429, problem.length);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(problem);
				}
				return;
			}
			byte[][] body = route(exchange);
			int status = (body != null) ? 200 : 404;
			if (status == 200 && !"/connect/token".equals(exchange.getRequestURI().getPath())
					&& !authorized(exchange)) {
				status = 401;
				body = null;
			}
			if (body == null) {
				body = new byte[][] { ("{\"type\":\"https://tools.ietf.org/html/rfc7231#section-6.5.4\",\"title\":\""
						+ ((status == 401) ? "Unauthorized" : "Not Found") + "\",\"status\":" + status
						+ ",\"traceId\":\"00-bench-00\"}")
					.getBytes(StandardCharsets.UTF_8) };
			}
			pause();
			long length = 0;
			for (byte[] part : body) {
				length += part.length;
			}
			exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
			exchange.sendResponseHeaders(status, length);
			try (OutputStream out = exchange.getResponseBody()) {
				for (byte[] part : body) {
					out.write(part);
				}
			}
		}
	}

	private byte @Nullable [][] route(HttpExchange exchange) {
		String path = exchange.getRequestURI().getRawPath();
		String method = exchange.getRequestMethod();
		if ("POST".equals(method) && "/connect/token".equals(path)) {
			this.tokenRequests.incrementAndGet();
			return new byte[][] { TOKEN_BODY };
		}
		if (!"GET".equals(method)) {
			return null;
		}
		this.apiRequests.incrementAndGet();
		// {folder}/v2/tenant/{tenant}/{resource...}
		String[] segments = path.split("/");
		if (segments.length < 6 || !"v2".equals(segments[2]) || !"tenant".equals(segments[3])) {
			return null;
		}
		Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
		if (segments.length == 6 && "jobs".equals(segments[5])) {
			int page = Integer.parseInt(query.getOrDefault("page", "1"));
			int pageSize = Integer.parseInt(query.getOrDefault("pageSize", "50"));
			return page(page, pageSize, "true".equalsIgnoreCase(query.get("includeTotal")));
		}
		if (segments.length == 7 && "jobs".equals(segments[5])) {
			long id = Long.parseLong(segments[6]);
			long index = id - JobRecords.FIRST_ID;
			return new byte[][] {
					(index >= 0 && index < CACHED_RECORDS) ? this.records[(int) index] : JobRecords.record(index) };
		}
		if (segments.length == 7 && "export".equals(segments[5]) && "jobs".equals(segments[6])) {
			String from = query.get("from");
			int batch = (from == null || from.isEmpty()) ? 0 : JobRecords.batchOf(from);
			return (batch >= 0) ? batch(batch) : null;
		}
		return null;
	}

	private byte[][] page(int page, int pageSize, boolean includeTotal) {
		long from = Math.min((long) (page - 1) * pageSize, this.listRecords);
		long to = Math.min(from + pageSize, this.listRecords);
		byte[] head = JobRecords.pageHead(page, pageSize, to < this.listRecords,
				includeTotal ? this.listRecords : null);
		return new byte[][] { head, chunk(from, to), TAIL };
	}

	private byte[][] batch(int batch) {
		long position = Math.min((long) batch * this.exportBatchSize, this.exportRecords);
		long end = Math.min(position + this.exportBatchSize, this.exportRecords);
		long from = position % this.listRecords;
		byte[] head = JobRecords.exportHead(end < this.exportRecords, JobRecords.token(batch + 1));
		return new byte[][] { head, chunk(from, from + (end - position)), TAIL };
	}

	private byte[] chunk(long from, long to) {
		return this.chunks.computeIfAbsent(from + "-" + to, (key) -> JobRecords.records(from, to));
	}

	private static boolean authorized(HttpExchange exchange) {
		return ("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))
				&& APP_KEY.equals(exchange.getRequestHeaders().getFirst("ST-App-Key"));
	}

	private void pause() {
		if (!this.latency.isZero()) {
			try {
				Thread.sleep(this.latency.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private static Map<String, String> query(@Nullable String rawQuery) {
		Map<String, String> query = new HashMap<>();
		if (rawQuery != null) {
			for (String pair : rawQuery.split("&")) {
				int eq = pair.indexOf('=');
				String name = (eq < 0) ? pair : pair.substring(0, eq);
				String value = (eq < 0) ? "" : pair.substring(eq + 1);
				query.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
			}
		}
		return query;
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.workers.shutdownNow();
	}

}
