package io.github.servicetitan4j;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.github.servicetitan4j.ServiceTitanClientListener.CallDescriptor;
import io.github.servicetitan4j.export.ExportCheckpointStore;
import io.github.servicetitan4j.export.ExportLeases;
import io.github.servicetitan4j.internal.RetryPolicy.Attempts;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.util.Assert;

/**
 * The {@link Endpoint} of a {@link ServiceTitanClient}: everything it needs comes in the client's {@link ClientContext},
 * handed over once.
 */
final class DefaultEndpoint implements Endpoint {

	private final ClientContext client;

	private final String folder;

	private final String endpoint;

	private final EndpointUris uris;

	DefaultEndpoint(ClientContext client, String folder, String endpoint) {
		this.client = client;
		this.folder = folder;
		this.endpoint = endpoint;
		this.uris = new EndpointUris(client.apiUrl(), client.tenantId(), folder, endpoint);
	}

	@Override
	public String folder() {
		return this.folder;
	}

	@Override
	public String endpoint() {
		return this.endpoint;
	}

	// get_one

	@Override
	public JsonNode getOne(String id, @Nullable String modifier, Map<String, ?> query) {
		Arguments.requireId(id, "id");
		ApiRequest request = this.uris.request(call("get_one"), HttpMethod.GET, id, modifier, null, query);
		return observe(request.call(), id, () -> readJson(request));
	}

	@Override
	public <T> T getOne(String id, Class<T> type) {
		Arguments.requireId(id, "id");
		Arguments.requireType(type);
		ApiRequest request = this.uris.request(call("get_one"), HttpMethod.GET, id, null, null, Map.of());
		RecordMapper records = this.client.records();
		JavaType bound = records.type(type);
		return observe(request.call(), id, () -> this.client.wholeBodies()
			.parsed(request, (body) -> records.read(body, bound, request.call(), "the record")));
	}

	// get_many

	@Override
	public Page<JsonNode> getMany(@Nullable String id, @Nullable String modifier, Map<String, ?> query) {
		Arguments.checkPageSize(query);
		CallDescriptor call = call("get_many");
		return observe(call, id, () -> fetchPage(call, query, id, modifier));
	}

	@Override
	public <T> Page<T> getMany(Map<String, ?> query, Class<T> type) {
		Arguments.checkPageSize(query);
		Arguments.requireType(type);
		CallDescriptor call = call("get_many");
		RecordDecoder<T> decoder = RecordDecoder.mapping(this.client.records(), type, call);
		ApiRequest request = this.uris.request(call, HttpMethod.GET, null, null, null, query);
		return observe(call, null, () -> this.client.wholeBodies()
			.envelope(request, decoder, (envelope) -> "page " + envelope.page(), DefaultEndpoint::page));
	}

	private Page<JsonNode> fetchPage(CallDescriptor call, Map<String, ?> query, @Nullable String id,
			@Nullable String modifier) {
		ApiRequest request = this.uris.request(call, HttpMethod.GET, id, modifier, null, query);
		return readEnvelope(request, DefaultEndpoint::page);
	}

	/**
	 * A page of records as its envelope tells it; an envelope without a page size has as many as it holds.
	 * @param envelope the envelope
	 * @param data its records
	 * @param <T> the record type
	 * @return the page
	 */
	static <T> Page<T> page(Envelope envelope, List<T> data) {
		return new Page<>(envelope.page(), (envelope.pageSize() > 0) ? envelope.pageSize() : data.size(),
				envelope.hasMore(), envelope.totalCount(), data);
	}

	// get_all

	@Override
	public Stream<JsonNode> streamAll(@Nullable String id, @Nullable String modifier, Map<String, ?> query) {
		return pageWalk(query, id, modifier, RecordDecoder.NODES).stream();
	}

	@Override
	public <T> Stream<T> streamAll(Map<String, ?> query, Class<T> type) {
		Arguments.requireType(type);
		CallDescriptor call = call("get_all");
		return pageWalk(query, null, null, RecordDecoder.mapping(this.client.records(), type, call)).stream();
	}

	private <T> PageWalk<T> pageWalk(Map<String, ?> query, @Nullable String id, @Nullable String modifier,
			RecordDecoder<T> decoder) {
		Arguments.checkPageSize(query);
		if (id != null || modifier != null) {
			Arguments.requireId(id, "id");
		}
		CallDescriptor call = call("get_all");
		return pageWalk(this.client, call, query,
				(pageQuery) -> this.uris.request(call, HttpMethod.GET, id, modifier, null, pageQuery), decoder);
	}

	/**
	 * The walk of a paged list, shared by endpoints and typed clients: the page size defaults to the client's, the
	 * first page asks for {@code includeTotal} when pages are fetched ahead (unless the query names it).
	 * @param client the client's context
	 * @param call the walk's call
	 * @param query the filters, checked by the caller; {@code page} names the first page
	 * @param requests makes the request of one page's query (called from paging threads too)
	 * @param decoder turns records into the caller's type
	 * @param <T> the record type
	 * @return the walk, which sends nothing until it is consumed
	 */
	static <T> PageWalk<T> pageWalk(ClientContext client, CallDescriptor call, Map<String, ?> query,
			Function<Map<String, Object>, ApiRequest> requests, RecordDecoder<T> decoder) {
		Map<String, Object> walkQuery = new LinkedHashMap<>(query);
		walkQuery.putIfAbsent("pageSize", client.pageSize());
		int firstPage = Arguments.firstPage(query);
		int lookAhead = client.paging().concurrency();
		// Knowing the page count lets the walk fetch the next pages while the first is consumed, without sending a
		// request past the last page. Only the first page asks: counting costs the server time on every page.
		boolean askTotal = lookAhead > 1 && !query.containsKey("includeTotal");
		IntFunction<ApiRequest> pages = (page) -> {
			// A copy per page: look-ahead pages are requested from other threads.
			Map<String, Object> pageQuery = new LinkedHashMap<>(walkQuery);
			pageQuery.put("page", page);
			if (askTotal && page == firstPage) {
				pageQuery.put("includeTotal", true);
			}
			return requests.apply(pageQuery);
		};
		return new PageWalk<>(client.observer(), call, client.listener(), firstPage, pageSource(client, pages),
				decoder, lookAhead, (lookAhead > 1) ? client.paging().executor() : null);
	}

	private static PageWalk.PageSource pageSource(ClientContext client, IntFunction<ApiRequest> requests) {
		RequestExecutor executor = client.executor();
		RecordMapper records = client.records();
		return new PageWalk.PageSource() {

			@Override
			public RecordBatch open(int page, RecordWalk.Scope scope) {
				return new StreamingBatch(executor, requests.apply(page), records, scope);
			}

			@Override
			public PageWalk.ReadPage read(int page) {
				return readWhole(client, requests.apply(page));
			}

		};
	}

	/**
	 * Reads a page or batch ahead of the consumer: held as the bytes read, parsed once when the consumer reaches it; one
	 * that turns out not to parse then is read again within the same attempt budget, as a streamed one would be.
	 */
	private static PageWalk.ReadPage readWhole(ClientContext client, ApiRequest request) {
		RequestExecutor executor = client.executor();
		Attempts attempts = executor.attempts();
		byte[] body = client.wholeBodies().bytes(request, attempts);
		return (scope) -> new StreamingBatch(executor, request, client.records(), scope, attempts, body);
	}

	// create, update, delete

	@Override
	public JsonNode create(Object payload) {
		Arguments.requirePayload(payload);
		ApiRequest request = this.uris.request(call("create"), HttpMethod.POST, null, null,
				this.client.records().toJson(payload), Map.of());
		return observe(request.call(), null, () -> readJson(request));
	}

	@Override
	public JsonNode create(String id, String modifier, Object payload) {
		Arguments.requireId(id, "id");
		Arguments.requireId(modifier, "modifier");
		Arguments.requirePayload(payload);
		ApiRequest request = this.uris.request(call("create"), HttpMethod.POST, id, modifier,
				this.client.records().toJson(payload), Map.of());
		return observe(request.call(), id, () -> readJson(request));
	}

	@Override
	public JsonNode update(String id, @Nullable String modifier, Object payload, HttpMethod method) {
		Arguments.requireId(id, "id");
		Arguments.requirePayload(payload);
		if (!HttpMethod.PUT.equals(method) && !HttpMethod.PATCH.equals(method)) {
			throw new IllegalArgumentException("update takes PUT or PATCH, not " + method);
		}
		ApiRequest request = this.uris.request(call("update"), method, id, modifier, this.client.records().toJson(payload),
				Map.of());
		return observe(request.call(), id, () -> readJson(request));
	}

	@Override
	public JsonNode delete(String id, @Nullable String modifier) {
		Arguments.requireId(id, "id");
		ApiRequest request = this.uris.request(call("delete"), HttpMethod.DELETE, id, modifier, null, Map.of());
		return observe(request.call(), id, () -> readJson(request));
	}

	@Override
	public JsonNode deleteSubitem(String id, String modifier, String modifierId) {
		Arguments.requireId(id, "id");
		Arguments.requireId(modifierId, "modifierId");
		Arguments.requireId(modifier, "modifier");
		ApiRequest request = this.uris.request(call("delete_subitem"), HttpMethod.DELETE, id, modifier, modifierId, null,
				Map.of());
		return observe(request.call(), id, () -> readJson(request));
	}

	// export_one, export_all

	@Override
	public ExportPage<JsonNode> exportOne(String exportEndpoint, @Nullable String from, boolean includeRecentChanges) {
		Arguments.requireResource(exportEndpoint, "exportEndpoint");
		CallDescriptor call = exportCall("export_one", exportEndpoint);
		return observe(call, null, () -> fetchExport(call, exportEndpoint, from, includeRecentChanges));
	}

	@Override
	public ExportPage<JsonNode> exportAll(String exportEndpoint, ExportOptions options) {
		Arguments.requireOptions(options);
		// The list reaches the caller before any record is processed: saving the token here would run ahead of the
		// caller, so the feed starts at the stored token and the caller saves it with saveCheckpoint when done.
		try (ExportStream<JsonNode> stream = exportStream(exportEndpoint, options, RecordDecoder.NODES, false)) {
			List<JsonNode> records = stream.stream().toList();
			return new ExportPage<>(records, false, stream.continueFrom());
		}
	}

	@Override
	public void saveCheckpoint(String exportEndpoint, ExportCheckpointStore checkpoints, ExportPage<?> processed) {
		Arguments.requireResource(exportEndpoint, "exportEndpoint");
		Assert.notNull(checkpoints, "checkpoints must not be null");
		Assert.notNull(processed, "processed must not be null");
		String token = processed.continueFrom();
		if (token != null && !token.isEmpty()) {
			checkpoints.save(checkpointKey(exportEndpoint), token);
		}
	}

	@Override
	public ExportStream<JsonNode> streamExport(String exportEndpoint, ExportOptions options) {
		Arguments.requireOptions(options);
		return exportStream(exportEndpoint, options, RecordDecoder.NODES, true);
	}

	@Override
	public <T> ExportStream<T> streamExport(String exportEndpoint, ExportOptions options, Class<T> type) {
		Arguments.requireOptions(options);
		Arguments.requireType(type);
		CallDescriptor call = exportCall("export_all", exportEndpoint);
		return exportStream(exportEndpoint, options, RecordDecoder.mapping(this.client.records(), type, call), true);
	}

	private <T> ExportStream<T> exportStream(String exportEndpoint, ExportOptions options, RecordDecoder<T> decoder,
			boolean saveEachBatch) {
		Arguments.requireResource(exportEndpoint, "exportEndpoint");
		CallDescriptor call = exportCall("export_all", exportEndpoint);
		return exportStream(this.client, call, checkpointKey(exportEndpoint), options, decoder, saveEachBatch,
				(token, includeRecentChanges) -> exportRequest(call, exportEndpoint, token, includeRecentChanges));
	}

	/**
	 * Makes the request of one export batch.
	 */
	@FunctionalInterface
	interface ExportRequests {

		/**
		 * The request of the batch after a token.
		 * @param from the token, or null for the feed's start
		 * @param includeRecentChanges whether to get recent changes sooner
		 * @return the request
		 */
		ApiRequest request(@Nullable String from, boolean includeRecentChanges);

	}

	/**
	 * The lazy read of an export feed, shared by endpoints and typed clients: the lease taken, the checkpoint loaded
	 * and each batch's token saved (when {@code saveEachBatch}) as {@link Endpoint#streamExport} describes.
	 * @param client the client's context
	 * @param call the feed's call
	 * @param key the feed's checkpoint key
	 * @param options where to start, the checkpoint store, recent changes, repeats
	 * @param decoder turns records into the caller's type
	 * @param saveEachBatch whether to save each batch's token in the checkpoint store
	 * @param requests makes the request of each batch
	 * @param <T> the record type
	 * @return the stream
	 */
	static <T> ExportStream<T> exportStream(ClientContext client, CallDescriptor call, ExportCheckpointStore.Key key,
			ExportOptions options, RecordDecoder<T> decoder, boolean saveEachBatch, ExportRequests requests) {
		// With paging concurrency, the next batch is read while the current one is consumed (asked for before a lease
		// is taken: a closed client fails here, holding nothing).
		ExecutorService ahead = (client.paging().concurrency() > 1) ? client.paging().executor() : null;
		ExportCheckpointStore checkpoints = options.checkpoints();
		String from = options.from();
		@Nullable Consumer<String> saver = null;
		ExportLeases.@Nullable Lease lease = null;
		if (checkpoints != null) {
			ExportLeases leases = checkpoints.leases();
			if (leases != null) {
				// Taken before the checkpoint is loaded: whoever drained the feed last has saved it by now.
				lease = leases.acquire(key);
				if (lease == null) {
					return ExportStream.skipped(checkpoints.load(key));
				}
			}
			String stored;
			try {
				stored = checkpoints.load(key);
			}
			catch (RuntimeException ex) {
				if (lease != null) {
					lease.close();
				}
				throw ex;
			}
			if (stored != null && !stored.isEmpty()) {
				from = stored;
			}
			ExportLeases.Lease held = lease;
			if (saveEachBatch) {
				Consumer<String> advance = advancing(checkpoints, key, stored);
				saver = (held != null) ? (token) -> {
					advance.accept(token);
					held.renew();
				} : advance;
			}
			else if (held != null) {
				saver = (token) -> held.renew();
			}
		}
		RequestExecutor executor = client.executor();
		RecordMapper records = client.records();
		boolean includeRecentChanges = options.includeRecentChanges();
		ExportWalk.BatchSource source = new ExportWalk.BatchSource() {

			@Override
			public RecordBatch open(@Nullable String token, RecordWalk.Scope scope) {
				return new StreamingBatch(executor, requests.request(token, includeRecentChanges), records, scope);
			}

			@Override
			public PageWalk.ReadPage read(String token) {
				return readWhole(client, requests.request(token, includeRecentChanges));
			}

		};
		ExportWalk<T> walk = new ExportWalk<>(client.observer(), call, client.listener(), from, source, decoder,
				options.skipRepeats() ? new RepeatFilter() : null, saver, ahead);
		return (lease != null) ? ExportStream.leased(walk, lease) : new ExportStream<>(walk);
	}

	/**
	 * Moves the stored checkpoint from each token to the next, never from a token another reader has moved on from: an
	 * instance that has fallen behind another one on the same feed keeps reading, but its saves change nothing until it
	 * reaches the stored token again.
	 */
	private static Consumer<String> advancing(ExportCheckpointStore checkpoints, ExportCheckpointStore.Key key,
			@Nullable String loaded) {
		AtomicReference<@Nullable String> last = new AtomicReference<>((loaded != null && !loaded.isEmpty()) ? loaded : null);
		return (token) -> {
			checkpoints.advance(key, last.get(), token);
			last.set(token);
		};
	}

	private ExportCheckpointStore.Key checkpointKey(String exportEndpoint) {
		return new ExportCheckpointStore.Key(this.client.tenantId(), this.folder, exportEndpoint);
	}

	private ApiRequest exportRequest(CallDescriptor call, String exportEndpoint, @Nullable String from,
			boolean includeRecentChanges) {
		Map<String, Object> query = new LinkedHashMap<>();
		if (from != null && !from.isEmpty()) {
			query.put("from", from);
		}
		query.put("includeRecentChanges", includeRecentChanges);
		return this.uris.exportRequest(call, exportEndpoint, query);
	}

	private ExportPage<JsonNode> fetchExport(CallDescriptor call, String exportEndpoint, @Nullable String from,
			boolean includeRecentChanges) {
		ApiRequest request = exportRequest(call, exportEndpoint, from, includeRecentChanges);
		return readEnvelope(request, (envelope, data) -> new ExportPage<>(data, envelope.hasMore(), envelope.continueFrom()));
	}

	// download

	@Override
	public byte[] download(String id, @Nullable String modifier) {
		Arguments.requireId(id, "id");
		ApiRequest request = this.uris.download(call("download"), id, modifier);
		return observe(request.call(), id, () -> this.client.wholeBodies().bytes(request));
	}

	@Override
	public Path download(String id, @Nullable String modifier, Path target) {
		Arguments.requireId(id, "id");
		Path absolute = target.toAbsolutePath();
		Path directory = absolute.getParent();
		if (directory == null || !Files.isDirectory(directory)) {
			throw new IllegalArgumentException("download target's directory does not exist: " + directory);
		}
		ApiRequest request = this.uris.download(call("download"), id, modifier);
		return observe(request.call(), id, () -> downloadTo(request, absolute, directory));
	}

	private Path downloadTo(ApiRequest request, Path target, Path directory) {
		Path partial;
		try {
			partial = Files.createTempFile(directory, "." + target.getFileName(), ".part");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not create a temporary file beside " + target, ex);
		}
		boolean moved = false;
		try {
			// Streamed to the file, not held in memory: not bounded by max-response-size.
			this.client.executor().read(request, (response) -> writeBody(response, partial));
			moveIntoPlace(partial, target);
			moved = true;
			return target;
		}
		finally {
			if (!moved) {
				deleteQuietly(partial);
			}
		}
	}

	private static Path writeBody(ClientHttpResponse response, Path partial) throws IOException {
		// Each attempt starts the file afresh, so a retried download never appends to a cut-short one. Only a failure
		// to read the body is the network's; a failure to write the file (disk full, permissions) is local, never
		// retried, and reported as what it is.
		try (InputStream in = response.getBody(); OutputStream out = localWrite(partial, () -> Files
			.newOutputStream(partial, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE))) {
			byte[] buffer = new byte[64 * 1024];
			int read;
			while ((read = in.read(buffer)) != -1) {
				int length = read;
				localWrite(partial, () -> {
					out.write(buffer, 0, length);
					return out;
				});
			}
			localWrite(partial, () -> {
				out.flush();
				return out;
			});
		}
		return partial;
	}

	private static <T> T localWrite(Path partial, LocalWrite<T> write) {
		try {
			return write.run();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write the download to " + partial + ": " + ex, ex);
		}
	}

	@FunctionalInterface
	private interface LocalWrite<T> {

		T run() throws IOException;

	}

	private static void moveIntoPlace(Path partial, Path target) {
		try {
			try {
				Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (AtomicMoveNotSupportedException ex) {
				Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not move the downloaded file into place at " + target, ex);
		}
	}

	private static void deleteQuietly(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			// Nothing more to do: the file is a hidden .part beside the target.
		}
	}

	// shared

	private JsonNode readJson(ApiRequest request) {
		return this.client.wholeBodies().json(request);
	}

	private <R> R readEnvelope(ApiRequest request, BiFunction<Envelope, List<JsonNode>, R> result) {
		return this.client.wholeBodies().envelope(request, result);
	}

	private <T> T observe(CallDescriptor call, @Nullable String id, Supplier<T> work) {
		return observe(this.client, call, id, work);
	}

	/**
	 * Runs one operation call observed around its whole life.
	 * @param client the client's context
	 * @param call the call
	 * @param id the record id the call names, or null (high cardinality)
	 * @param work the call
	 * @param <T> its result
	 * @return its result
	 */
	static <T> T observe(ClientContext client, CallDescriptor call, @Nullable String id, Supplier<T> work) {
		OperationObserver.Operation operation = client.observer().start(call, id);
		try {
			return operation.inScope(work);
		}
		catch (RuntimeException ex) {
			operation.error(ex);
			throw ex;
		}
		finally {
			operation.stop();
		}
	}

	private CallDescriptor call(String operation) {
		return new CallDescriptor(this.folder, this.endpoint, operation);
	}

	private CallDescriptor exportCall(String operation, String exportEndpoint) {
		return new CallDescriptor(this.folder, "export/" + exportEndpoint, operation);
	}

	@Override
	public String toString() {
		return "Endpoint[" + this.folder + "/" + this.endpoint + "]";
	}

}
