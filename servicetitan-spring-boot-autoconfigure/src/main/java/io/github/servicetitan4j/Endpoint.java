package io.github.servicetitan4j;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.github.servicetitan4j.errors.ServiceTitanApiException;
import io.github.servicetitan4j.errors.ServiceTitanTransportException;
import io.github.servicetitan4j.export.ExportCheckpointStore;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpMethod;

/**
 * One ServiceTitan endpoint, {@code {api-url}/{folder}/v2/tenant/{tenant}/{endpoint}}, with the ten operations of the
 * reference library: get one, get many, get all, create, update, delete, delete a sub-item, export one batch, export
 * all, download. Thread-safe.
 * <p>
 * Ids, modifiers and modifier ids are always single path segments: whatever they contain ({@code ../x}, {@code a/b},
 * {@code ?}, {@code #}) is encoded and can never change the path or add a query. Arguments come in one order
 * everywhere: the path parts in the order they appear in the path ({@code id}, {@code modifier}, {@code modifierId}),
 * then the payload, then options (query, HTTP method, target file, record type). Query maps are sent as given and never
 * modified; {@code null} values are left out and collections are joined with commas. Invalid arguments fail with
 * {@link IllegalArgumentException} before any request; HTTP failures are {@link ServiceTitanApiException}s, transport
 * failures {@link ServiceTitanTransportException}s.
 */
public interface Endpoint {

	/**
	 * API folder of this endpoint ({@code jpm}).
	 * @return folder name, as in the URL path
	 */
	String folder();

	/**
	 * Name of this endpoint ({@code jobs}).
	 * @return endpoint name, as in the URL path after the tenant
	 */
	String endpoint();

	// get_one

	/**
	 * GETs one record.
	 * @param id the record id
	 * @return the record; an empty body yields a missing node
	 */
	default JsonNode getOne(String id) {
		return getOne(id, null, Map.of());
	}

	/**
	 * GETs a sub-resource of one record ({@code modifier = "notes"}).
	 * @param id the record id
	 * @param modifier the sub-resource, or null for the record itself
	 * @return the response body
	 */
	default JsonNode getOne(String id, @Nullable String modifier) {
		return getOne(id, modifier, Map.of());
	}

	/**
	 * GETs one record or a sub-resource of it, with query parameters.
	 * @param id the record id
	 * @param modifier the sub-resource, or null for the record itself
	 * @param query query parameters
	 * @return the response body
	 */
	JsonNode getOne(String id, @Nullable String modifier, Map<String, ?> query);

	/**
	 * GETs one record and maps it to the given type (unknown properties are ignored).
	 * @param id the record id
	 * @param type the type to map to
	 * @param <T> the type
	 * @return the record
	 */
	<T> T getOne(String id, Class<T> type);

	// get_many

	/**
	 * GETs one page. The caller sets {@code page} and {@code pageSize} in the query.
	 * @param query query parameters
	 * @return the page
	 */
	default Page<JsonNode> getMany(Map<String, ?> query) {
		return getMany(null, null, query);
	}

	/**
	 * GETs one page of the endpoint, or of a sub-resource of one record ({@code id} and {@code modifier}).
	 * @param id the record id, or null
	 * @param modifier the sub-resource, or null
	 * @param query query parameters
	 * @return the page
	 */
	Page<JsonNode> getMany(@Nullable String id, @Nullable String modifier, Map<String, ?> query);

	/**
	 * GETs one page and maps its records to the given type.
	 * @param query query parameters
	 * @param type the record type
	 * @param <T> the record type
	 * @return the page
	 */
	<T> Page<T> getMany(Map<String, ?> query, Class<T> type);

	// get_all

	/**
	 * GETs every page ({@code page=1,2,...} while {@code hasMore}) and returns all records. For large sets prefer
	 * {@link #streamAll(Map)}, whose memory does not grow with the data.
	 * @param query filters; {@code pageSize} defaults to {@code servicetitan.page-size}; {@code page} is managed
	 * @return every record, in page order
	 */
	default List<JsonNode> getAll(Map<String, ?> query) {
		return getAll(null, null, query);
	}

	/**
	 * GETs every page of the endpoint or of a sub-resource of one record and returns all records.
	 * @param id the record id, or null
	 * @param modifier the sub-resource, or null
	 * @param query filters
	 * @return every record, in page order
	 */
	default List<JsonNode> getAll(@Nullable String id, @Nullable String modifier, Map<String, ?> query) {
		try (Stream<JsonNode> records = streamAll(id, modifier, query)) {
			return records.toList();
		}
	}

	/**
	 * GETs every page and maps all records to the given type.
	 * @param query filters
	 * @param type the record type
	 * @param <T> the record type
	 * @return every record, in page order
	 */
	default <T> List<T> getAll(Map<String, ?> query, Class<T> type) {
		try (Stream<T> records = streamAll(query, type)) {
			return records.toList();
		}
	}

	/**
	 * Streams every record of every page, lazily: nothing is sent until the first record is pulled, pages are fetched
	 * as the consumer advances, and records are parsed one at a time from the response, so memory does not grow with
	 * the data set or the page size. Close the stream (try-with-resources) to release an open response early. With
	 * {@code servicetitan.paging.concurrency} above 1 and {@code includeTotal=true} in the query, pages are fetched
	 * ahead concurrently and still delivered in page order.
	 * @param query filters
	 * @return the records, in page order
	 */
	default Stream<JsonNode> streamAll(Map<String, ?> query) {
		return streamAll(null, null, query);
	}

	/**
	 * Streams every record of the endpoint or of a sub-resource of one record.
	 * @param id the record id, or null
	 * @param modifier the sub-resource, or null
	 * @param query filters
	 * @return the records, in page order
	 */
	Stream<JsonNode> streamAll(@Nullable String id, @Nullable String modifier, Map<String, ?> query);

	/**
	 * Streams every record, mapped to the given type.
	 * @param query filters
	 * @param type the record type
	 * @param <T> the record type
	 * @return the records, in page order
	 */
	<T> Stream<T> streamAll(Map<String, ?> query, Class<T> type);

	// create, update, delete

	/**
	 * POSTs a new record as JSON. Never repeated after a failure that may have reached the server.
	 * @param payload the record (a map, a {@link JsonNode} or any object Jackson can write)
	 * @return the response body; an empty body yields a missing node
	 */
	JsonNode create(Object payload);

	/**
	 * POSTs a new sub-item of a record as JSON: {@code POST {endpoint}/{id}/{modifier}}, such as a note on a job
	 * ({@code jobs.create("42", "notes", note)}). Never repeated after a failure that may have reached the server.
	 * @param id the parent record id
	 * @param modifier the sub-resource ({@code notes})
	 * @param payload the sub-item
	 * @return the response body; an empty body yields a missing node
	 */
	JsonNode create(String id, String modifier, Object payload);

	/**
	 * PUTs a record as JSON.
	 * @param id the record id
	 * @param payload the record
	 * @return the response body
	 */
	default JsonNode update(String id, Object payload) {
		return update(id, null, payload, HttpMethod.PUT);
	}

	/**
	 * PATCHes a record as JSON.
	 * @param id the record id
	 * @param payload the changes
	 * @return the response body
	 */
	default JsonNode patch(String id, Object payload) {
		return update(id, null, payload, HttpMethod.PATCH);
	}

	/**
	 * Updates a record or a sub-resource of it with PUT or PATCH.
	 * @param id the record id
	 * @param modifier the sub-resource, or null
	 * @param payload the record or the changes
	 * @param method {@link HttpMethod#PUT} or {@link HttpMethod#PATCH}; anything else is rejected
	 * @return the response body
	 */
	JsonNode update(String id, @Nullable String modifier, Object payload, HttpMethod method);

	/**
	 * DELETEs a record.
	 * @param id the record id
	 * @return the response body; an empty body yields a missing node
	 */
	default JsonNode delete(String id) {
		return delete(id, null);
	}

	/**
	 * DELETEs a record or a sub-resource of it.
	 * @param id the record id
	 * @param modifier the sub-resource, or null
	 * @return the response body
	 */
	JsonNode delete(String id, @Nullable String modifier);

	/**
	 * DELETEs one sub-item of a record: {@code DELETE {endpoint}/{id}/{modifier}/{modifierId}}.
	 * @param id the parent record id
	 * @param modifier the sub-resource type ({@code notes})
	 * @param modifierId the sub-item id
	 * @return the response body
	 */
	JsonNode deleteSubitem(String id, String modifier, String modifierId);

	// export_one, export_all

	/**
	 * GETs the first batch of an export feed: {@code /{folder}/v2/tenant/{tenant}/export/{exportEndpoint}}.
	 * @param exportEndpoint the export resource ({@code jobs}, {@code customers/contacts})
	 * @return the batch and its continuation token
	 */
	default ExportPage<JsonNode> exportOne(String exportEndpoint) {
		return exportOne(exportEndpoint, null, false);
	}

	/**
	 * GETs one batch of an export feed.
	 * @param exportEndpoint the export resource
	 * @param from a continuation token, a date ({@code 2020-01-01}), or null to start at the beginning
	 * @param includeRecentChanges whether to get recent changes sooner, at the cost of possible repeats
	 * @return the batch and its continuation token
	 */
	ExportPage<JsonNode> exportOne(String exportEndpoint, @Nullable String from, boolean includeRecentChanges);

	/**
	 * Follows an export feed from its beginning while {@code hasMore} and returns every record and the final token.
	 * @param exportEndpoint the export resource
	 * @return all records, the last {@code continueFrom} (store it to resume), {@code hasMore} false
	 */
	default ExportPage<JsonNode> exportAll(String exportEndpoint) {
		return exportAll(exportEndpoint, null, false);
	}

	/**
	 * Follows an export feed from {@code from} while {@code hasMore}.
	 * @param exportEndpoint the export resource
	 * @param from a continuation token, a date, or null to start at the beginning
	 * @param includeRecentChanges whether to get recent changes sooner, at the cost of possible repeats
	 * @return all records, the last {@code continueFrom}, {@code hasMore} false
	 */
	default ExportPage<JsonNode> exportAll(String exportEndpoint, @Nullable String from, boolean includeRecentChanges) {
		return exportAll(exportEndpoint, ExportOptions.from(from).withIncludeRecentChanges(includeRecentChanges));
	}

	/**
	 * Follows an export feed to its current end and returns every record. With a checkpoint store
	 * ({@code ExportOptions.checkpointed(store)}), the feed starts at the stored token, but nothing is saved: the records
	 * reach the caller only when this method returns, so saving here would run ahead of the caller's processing. Save
	 * the returned token yourself once every record is processed, with
	 * {@link #saveCheckpoint(String, ExportCheckpointStore, ExportPage)}; if processing fails first, the next run gets
	 * the same records again. For large feeds, or to save the checkpoint batch by batch as records are processed, use
	 * {@link #streamExport(String, ExportOptions)}.
	 * @param exportEndpoint the export resource
	 * @param options where to start, the checkpoint store, recent changes, repeats
	 * @return all records, the last {@code continueFrom}, {@code hasMore} false
	 */
	ExportPage<JsonNode> exportAll(String exportEndpoint, ExportOptions options);

	/**
	 * Saves the token of a list returned by {@link #exportAll(String, ExportOptions)} as the feed's checkpoint: the
	 * explicit step to take once every record of it has been processed. The next checkpointed export of the feed starts
	 * after these records. Replaces whatever token is stored (last save wins).
	 * @param exportEndpoint the export resource, as given to exportAll
	 * @param checkpoints the store
	 * @param processed what exportAll returned; nothing is saved when it has no token
	 */
	void saveCheckpoint(String exportEndpoint, ExportCheckpointStore checkpoints, ExportPage<?> processed);

	/**
	 * Streams an export feed from {@code from} to its current end, lazily and batch by batch.
	 * {@link ExportStream#continueFrom()} tells the token that is safe to store at any point.
	 * @param exportEndpoint the export resource
	 * @param from a continuation token, a date, or null to start at the beginning
	 * @param includeRecentChanges whether to get recent changes sooner, at the cost of possible repeats
	 * @return the feed
	 */
	default ExportStream<JsonNode> streamExport(String exportEndpoint, @Nullable String from,
			boolean includeRecentChanges) {
		return streamExport(exportEndpoint, ExportOptions.from(from).withIncludeRecentChanges(includeRecentChanges));
	}

	/**
	 * Streams an export feed, mapping its records to the given type.
	 * @param exportEndpoint the export resource
	 * @param from a continuation token, a date, or null to start at the beginning
	 * @param includeRecentChanges whether to get recent changes sooner
	 * @param type the record type
	 * @param <T> the record type
	 * @return the feed
	 */
	default <T> ExportStream<T> streamExport(String exportEndpoint, @Nullable String from, boolean includeRecentChanges,
			Class<T> type) {
		return streamExport(exportEndpoint, ExportOptions.from(from).withIncludeRecentChanges(includeRecentChanges),
				type);
	}

	/**
	 * Streams an export feed with the given options, lazily and batch by batch: no request until the first record is
	 * pulled, records parsed one at a time from the response, so memory does not grow with the feed or the batch size.
	 * With a checkpoint store ({@code ExportOptions.checkpointed(store)}), the feed starts at the stored token and the
	 * new token is saved each time the consumer has received every record of a batch, that is when it asks for the
	 * first record after that batch (or the stream ends): after a crash, the next run repeats at most the batch that was
	 * in progress, and never skips one. A consumer that buffers records before processing them ({@code sorted()},
	 * chunking, a queue) has asked past the batch before it has processed it; such a consumer must read without a store
	 * and save {@link ExportStream#continueFrom()} itself once a buffer is processed. Saves only move the checkpoint
	 * forward from the token this stream read (see {@link ExportCheckpointStore#advance}).
	 * @param exportEndpoint the export resource
	 * @param options where to start, the checkpoint store, recent changes, repeats
	 * @return the feed
	 */
	ExportStream<JsonNode> streamExport(String exportEndpoint, ExportOptions options);

	/**
	 * Streams an export feed with the given options, mapping its records to the given type with the application's
	 * {@code JsonMapper} (unknown properties ignored; a failure names the field, the record and its batch).
	 * @param exportEndpoint the export resource
	 * @param options where to start, the checkpoint store, recent changes, repeats
	 * @param type the record type
	 * @param <T> the record type
	 * @return the feed
	 */
	<T> ExportStream<T> streamExport(String exportEndpoint, ExportOptions options, Class<T> type);

	// export_one, export_all of the feed named like this endpoint

	/**
	 * GETs one batch of the export feed named like this endpoint: {@code endpoint("crm", "customers")} reads
	 * {@code /crm/v2/tenant/{tenant}/export/customers}. Use {@link #exportOne(String, String, boolean)} to name a
	 * different export resource.
	 * @param from a continuation token, a date ({@code 2020-01-01}), or null to start at the beginning
	 * @param includeRecentChanges whether to get recent changes sooner, at the cost of possible repeats
	 * @return the batch and its continuation token
	 */
	default ExportPage<JsonNode> exportOne(@Nullable String from, boolean includeRecentChanges) {
		return exportOne(endpoint(), from, includeRecentChanges);
	}

	/**
	 * Follows the export feed named like this endpoint to its current end and returns every record, as
	 * {@link #exportAll(String, ExportOptions)} does with {@link #endpoint()} as the export resource.
	 * @param options where to start, the checkpoint store, recent changes, repeats
	 * @return all records, the last {@code continueFrom}, {@code hasMore} false
	 */
	default ExportPage<JsonNode> exportAll(ExportOptions options) {
		return exportAll(endpoint(), options);
	}

	/**
	 * Saves the token of a list returned by {@link #exportAll(ExportOptions)} as the checkpoint of the feed named like
	 * this endpoint, as {@link #saveCheckpoint(String, ExportCheckpointStore, ExportPage)} does with {@link #endpoint()}
	 * as the export resource. Call it once every record of the list has been processed.
	 * @param checkpoints the store
	 * @param processed what exportAll returned; nothing is saved when it has no token
	 */
	default void saveCheckpoint(ExportCheckpointStore checkpoints, ExportPage<?> processed) {
		saveCheckpoint(endpoint(), checkpoints, processed);
	}

	/**
	 * Streams the export feed named like this endpoint ({@code endpoint("jpm", "jobs").streamExport(options)} reads
	 * {@code export/jobs}), as {@link #streamExport(String, ExportOptions)} does with {@link #endpoint()} as the export
	 * resource.
	 * @param options where to start, the checkpoint store, recent changes, repeats
	 * @return the feed
	 */
	default ExportStream<JsonNode> streamExport(ExportOptions options) {
		return streamExport(endpoint(), options);
	}

	/**
	 * Streams the export feed named like this endpoint, mapping its records to the given type, as
	 * {@link #streamExport(String, ExportOptions, Class)} does with {@link #endpoint()} as the export resource.
	 * @param options where to start, the checkpoint store, recent changes, repeats
	 * @param type the record type
	 * @param <T> the record type
	 * @return the feed
	 */
	default <T> ExportStream<T> streamExport(ExportOptions options, Class<T> type) {
		return streamExport(endpoint(), options, type);
	}

	// download

	/**
	 * GETs the bytes of a file ({@code Endpoint("forms", "jobs/attachment").download(id)}). Redirects are followed.
	 * @param id the file or record id
	 * @return the bytes
	 */
	default byte[] download(String id) {
		return download(id, null);
	}

	/**
	 * GETs the bytes of a file of a record.
	 * @param id the record id
	 * @param modifier the sub-resource, or null
	 * @return the bytes
	 */
	byte[] download(String id, @Nullable String modifier);

	/**
	 * Streams a file to {@code target}. The body is written to a temporary file beside the target and moved into place
	 * only when complete: on failure no partial file is left at {@code target}.
	 * @param id the record id
	 * @param modifier the sub-resource, or null
	 * @param target where to write the file; replaced if it exists
	 * @return {@code target}
	 */
	Path download(String id, @Nullable String modifier, Path target);

}
