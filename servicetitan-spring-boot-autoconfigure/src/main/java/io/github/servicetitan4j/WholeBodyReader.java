package io.github.servicetitan4j;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

import io.github.servicetitan4j.internal.RetryPolicy.Attempts;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.util.unit.DataSize;

/**
 * Every read of a response held whole in memory goes through here: a record, a page or export batch, a look-ahead
 * page, a report page, a download as bytes. Each is read inside the {@link RequestExecutor}, so a body cut short is a
 * failed attempt of the request's one budget, and through a {@link BoundedResponse}, so a body past
 * {@code servicetitan.max-response-size} fails with a {@link ResponseTooLargeException} instead of filling the heap.
 */
final class WholeBodyReader {

	private final RequestExecutor executor;

	private final RecordMapper records;

	private final DataSize maxResponseSize;

	/** The largest array a JVM reliably allocates. */
	private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

	WholeBodyReader(RequestExecutor executor, RecordMapper records, DataSize maxResponseSize) {
		this.executor = executor;
		this.records = records;
		this.maxResponseSize = maxResponseSize;
	}

	/**
	 * Reads the response whole with the handler, at most {@code max-response-size} of it.
	 * @param request the request
	 * @param handler reads the bounded response
	 * @param <T> what is read
	 * @return what was read
	 */
	<T> T read(ApiRequest request, ResponseHandler<T> handler) {
		return this.executor.read(request,
				(response) -> handler.handle(new BoundedResponse(response, request, this.maxResponseSize)));
	}

	/** The body as one JSON tree (an empty body is a missing node). */
	JsonNode json(ApiRequest request) {
		return read(request, this.records::readTree);
	}

	/** The body as bytes. */
	byte[] bytes(ApiRequest request) {
		return read(request, this::allBytes);
	}

	/**
	 * The body as bytes, spending the given attempt record's budget (which a later re-read of the same request shares).
	 * @param request the request
	 * @param attempts the request's attempts
	 * @return the body
	 */
	byte[] bytes(ApiRequest request, Attempts attempts) {
		return this.executor.read(request,
				(response) -> allBytes(new BoundedResponse(response, request, this.maxResponseSize)), attempts);
	}

	/**
	 * A page of a report run as bytes, checked to be a complete envelope.
	 * @param request the page's request
	 * @return the page
	 */
	BufferedPage page(ApiRequest request) {
		return read(request, (response) -> BufferedPage.of(allBytes(response), this.records, request.call()));
	}

	/**
	 * Reads a bounded body whole with one copy: straight into an array of the length the server announced, when it
	 * announced one within {@code max-response-size} and the body is not encoded (a decoded body is longer than its
	 * Content-Length); otherwise as the stream gives it, which copies its chunks into the result once more.
	 */
	private byte[] allBytes(ClientHttpResponse response) throws IOException {
		InputStream body = response.getBody();
		long length = response.getHeaders().getContentLength();
		if (length < 0 || length > this.maxResponseSize.toBytes() || length > MAX_ARRAY
				|| response.getHeaders().containsHeader(HttpHeaders.CONTENT_ENCODING)) {
			return body.readAllBytes();
		}
		byte[] bytes = new byte[(int) length];
		int read = body.readNBytes(bytes, 0, bytes.length);
		if (read < bytes.length) {
			throw new EOFException("the body ended after " + read + " of the " + length
					+ " bytes its Content-Length announced");
		}
		int next = body.read();
		if (next == -1) {
			return bytes;
		}
		// More than announced (a decoding stream the headers did not tell of): read on, bounded as before.
		ByteArrayOutputStream longer = new ByteArrayOutputStream(bytes.length * 2);
		longer.write(bytes);
		longer.write(next);
		body.transferTo(longer);
		return longer.toByteArray();
	}

	/**
	 * An envelope's records as trees, read with the same envelope reader the streaming walks use, so both read one
	 * envelope format the same way.
	 * @param request the request
	 * @param result makes the result of the envelope and its records
	 * @param <R> the result
	 * @return the result
	 */
	<R> R envelope(ApiRequest request, BiFunction<Envelope, List<JsonNode>, R> result) {
		return read(request, (response) -> {
			try (EnvelopeReader reader = this.records.envelope(response.getBody(), response, request.call())) {
				List<JsonNode> data = new ArrayList<>();
				while (reader.hasNext()) {
					data.add(reader.next());
				}
				return result.apply(reader.envelope(), data);
			}
		});
	}

}
