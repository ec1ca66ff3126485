package io.github.servicetitan4j;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

import io.github.servicetitan4j.errors.ServiceTitanException.ServiceTitanMappingException;
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

	/**
	 * The batch a record is decoded in before the envelope has told its name; a failure's message gets the name the
	 * envelope gives instead (see {@link #mappingFailure}).
	 */
	private static final String UNNAMED_BATCH = "the batch";

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

	/**
	 * The body read whole as bytes and parsed from them within the read, so that bytes which are not whole JSON count
	 * as a failed attempt (read again within the request's budget) as a body cut short does.
	 * @param request the request
	 * @param parser parses the bytes; a {@link tools.jackson.core.JacksonException} it throws is a read failure
	 * @param <T> what is parsed
	 * @return what was parsed
	 */
	<T> T parsed(ApiRequest request, BodyParser<T> parser) {
		return read(request, (response) -> parser.parse(allBytes(response)));
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
	 * Parses a body read whole.
	 *
	 * @param <T> what is parsed
	 */
	@FunctionalInterface
	interface BodyParser<T> {

		/**
		 * Parses the body.
		 * @param body the body
		 * @return what was parsed
		 * @throws tools.jackson.core.JacksonException if the body cannot be read (not whole JSON)
		 */
		T parse(byte[] body);

	}

	/**
	 * An envelope's records decoded to the caller's type: bound from the body's bytes without a tree each when the
	 * decoder binds, as walks bind them. A record that does not map fails only once the whole body is known to be an
	 * envelope (a broken body is read again first, as when every record was read before any was mapped), naming the
	 * batch as the envelope names it.
	 * @param request the request
	 * @param decoder decodes each record
	 * @param batch names the batch in messages from what the envelope says ({@code page 3})
	 * @param result makes the result of the envelope and its records
	 * @param <T> the record type
	 * @param <R> the result
	 * @return the result
	 */
	<T, R> R envelope(ApiRequest request, RecordDecoder<T> decoder, Function<Envelope, String> batch,
			BiFunction<Envelope, List<T>, R> result) {
		return parsed(request, (body) -> {
			List<T> data = new ArrayList<>();
			try (EnvelopeReader reader = this.records.envelope(body, request.call())) {
				while (reader.hasNext()) {
					int index = data.size();
					try {
						data.add(reader.next(decoder, UNNAMED_BATCH, index));
					}
					catch (ServiceTitanMappingException ex) {
						throw mappingFailure(body, request, decoder, batch, index, ex);
					}
				}
				return result.apply(reader.envelope(), data);
			}
		});
	}

	/**
	 * The failure of a record that does not map, once the envelope is known whole: the batch's name may come after the
	 * records ({@code "page"} following {@code "data"}), so the record is decoded again, from the same bytes, under it.
	 */
	private <T> RuntimeException mappingFailure(byte[] body, ApiRequest request, RecordDecoder<T> decoder,
			Function<Envelope, String> batch, int index, ServiceTitanMappingException failure) {
		String name;
		try (EnvelopeReader whole = this.records.envelope(body, request.call())) {
			// Throws the read failure of a body broken after the record.
			name = batch.apply(whole.drain());
		}
		try (EnvelopeReader again = this.records.envelope(body, request.call())) {
			again.skip(index);
			again.next(decoder, name, index);
		}
		catch (ServiceTitanMappingException ex) {
			return ex;
		}
		return failure;
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
