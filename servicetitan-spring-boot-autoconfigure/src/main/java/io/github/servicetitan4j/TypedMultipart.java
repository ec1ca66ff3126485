package io.github.servicetitan4j;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import io.github.servicetitan4j.errors.ServiceTitanException.RequestTooLargeException;
import org.jspecify.annotations.Nullable;

import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.ByteArrayHttpMessageConverter;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.ResourceHttpMessageConverter;
import org.springframework.http.converter.StringHttpMessageConverter;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.util.unit.DataSize;

/**
 * Encodes the parts of a typed upload ({@code @RequestPart}) into one {@code multipart/form-data} body, once, before
 * anything is sent: every attempt of the request sends the same bytes, and an upload larger than the bound is refused
 * before a connection is made. File parts ({@link Resource}, {@code byte[]}, a {@code MultipartFile} that Spring hands
 * over as a resource with its filename) keep their filename and content type; strings are text parts; any other value
 * is written as a JSON part with the client's mapper.
 */
final class TypedMultipart {

	/**
	 * The largest upload the client encodes. ServiceTitan does not publish a limit for its upload operations; the
	 * body is held in memory once (so that a re-send after a 429 sends the same bytes), which this bounds.
	 */
	static final DataSize MAX_UPLOAD_SIZE = DataSize.ofMegabytes(100);

	private final RecordMapper records;

	private final DataSize limit;

	TypedMultipart(RecordMapper records, DataSize limit) {
		this.records = records;
		this.limit = limit;
	}

	/**
	 * Encodes the parts.
	 * @param operation the operation, for messages
	 * @param parts the parts, by name
	 * @return the body and its content type (with its boundary)
	 * @throws IllegalArgumentException if a file part has no filename or a part cannot be written
	 * @throws RequestTooLargeException if the body passes the bound
	 */
	Encoded encode(String operation, MultiValueMap<?, ?> parts) {
		MultiValueMap<String, Object> written = new LinkedMultiValueMap<>();
		for (Map.Entry<?, ? extends List<?>> entry : parts.entrySet()) {
			String name = String.valueOf(entry.getKey());
			for (Object part : entry.getValue()) {
				written.add(name, part(operation, name, part));
			}
		}
		Buffer buffer = new Buffer(operation, this.limit);
		try {
			converter().write(written, MediaType.MULTIPART_FORM_DATA, buffer);
		}
		catch (IOException | RuntimeException ex) {
			for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
				if (cause instanceof RequestTooLargeException tooLarge) {
					throw tooLarge;
				}
			}
			if (ex instanceof IOException io) {
				throw new UncheckedIOException(operation + ": the upload could not be read: " + io.getMessage(), io);
			}
			throw (RuntimeException) ex;
		}
		MediaType contentType = buffer.getHeaders().getContentType();
		if (contentType == null || contentType.getParameter("boundary") == null) {
			throw new IllegalStateException(operation + ": the multipart body was written without a boundary");
		}
		return new Encoded(buffer.bytes(), contentType);
	}

	private Object part(String operation, String name, @Nullable Object part) {
		HttpHeaders headers = new HttpHeaders();
		Object body = part;
		if (part instanceof HttpEntity<?> entity) {
			headers.putAll(entity.getHeaders());
			body = entity.getBody();
		}
		if (body == null) {
			throw new IllegalArgumentException(operation + ": part '" + name + "' has no content");
		}
		if (body instanceof Resource || body instanceof byte[]) {
			if (filename(headers, body) == null) {
				throw new IllegalArgumentException(operation + ": file part '" + name + "' has no filename;"
						+ " ServiceTitan takes a file by its filename: pass a Resource whose getFilename() answers"
						+ " (a FileSystemResource, a ByteArrayResource overriding getFilename) or a MultipartFile");
			}
			if (body instanceof Resource resource && knownLength(resource) > this.limit.toBytes()) {
				throw tooLarge(operation, this.limit);
			}
			return new HttpEntity<>(body, headers);
		}
		if (body instanceof CharSequence text) {
			return new HttpEntity<>(text.toString(), headers);
		}
		if (headers.getContentType() == null) {
			headers.setContentType(MediaType.APPLICATION_JSON);
		}
		else if (!headers.getContentType().isCompatibleWith(MediaType.APPLICATION_JSON)) {
			throw new IllegalArgumentException(operation + ": part '" + name + "' of type "
					+ body.getClass().getName() + " is written as JSON, not " + headers.getContentType());
		}
		return new HttpEntity<>(this.records.toJson(body), headers);
	}

	private static long knownLength(Resource resource) {
		try {
			return resource.contentLength();
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	static RequestTooLargeException tooLarge(String operation, DataSize limit) {
		return new RequestTooLargeException(operation + ": the upload is larger than " + limit.toMegabytes() + " MB ("
				+ limit.toBytes() + " bytes); nothing was sent", limit);
	}

	private static @Nullable String filename(HttpHeaders headers, Object body) {
		ContentDisposition disposition = headers.getContentDisposition();
		if (disposition.getFilename() != null && !disposition.getFilename().isBlank()) {
			return disposition.getFilename();
		}
		String filename = (body instanceof Resource resource) ? resource.getFilename() : null;
		return (filename != null && !filename.isBlank()) ? filename : null;
	}

	private static FormHttpMessageConverter converter() {
		FormHttpMessageConverter converter = new FormHttpMessageConverter();
		List<HttpMessageConverter<?>> partConverters = List.of(new ByteArrayHttpMessageConverter(),
				new StringHttpMessageConverter(java.nio.charset.StandardCharsets.UTF_8),
				new ResourceHttpMessageConverter());
		converter.setPartConverters(partConverters);
		converter.setMultipartCharset(java.nio.charset.StandardCharsets.UTF_8);
		return converter;
	}

	/**
	 * An encoded upload.
	 *
	 * @param body the bytes sent by every attempt
	 * @param contentType {@code multipart/form-data} with its boundary
	 */
	record Encoded(byte[] body, MediaType contentType) {
	}

	/** A message written into memory, up to the bound. */
	private static final class Buffer extends OutputStream implements HttpOutputMessage {

		private final HttpHeaders headers = new HttpHeaders();

		private final String operation;

		private final DataSize limit;

		private byte[] bytes = new byte[8192];

		private int count;

		Buffer(String operation, DataSize limit) {
			this.operation = operation;
			this.limit = limit;
		}

		@Override
		public HttpHeaders getHeaders() {
			return this.headers;
		}

		@Override
		public OutputStream getBody() {
			return this;
		}

		@Override
		public void write(int b) throws IOException {
			ensure(1);
			this.bytes[this.count++] = (byte) b;
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			ensure(len);
			System.arraycopy(b, off, this.bytes, this.count, len);
			this.count += len;
		}

		private void ensure(int more) throws IOException {
			long needed = (long) this.count + more;
			if (needed > this.limit.toBytes()) {
				throw new IOException(tooLarge(this.operation, this.limit));
			}
			if (needed > this.bytes.length) {
				this.bytes = java.util.Arrays.copyOf(this.bytes,
						(int) Math.min(Math.max(needed, this.bytes.length * 2L), this.limit.toBytes()));
			}
		}

		byte[] bytes() {
			return java.util.Arrays.copyOf(this.bytes, this.count);
		}

	}

}
