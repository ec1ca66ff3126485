package io.github.servicetitan4j;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import io.github.servicetitan4j.errors.ServiceTitanException.ResponseTooLargeException;

import org.springframework.http.client.ClientHttpResponse;
import org.springframework.util.unit.DataSize;

/**
 * A response whose body is read whole into memory: reading past the limit fails with a
 * {@link ResponseTooLargeException} instead of filling the heap. Bytes are counted as the caller reads them, after any
 * decompression.
 */
final class BoundedResponse extends BodyWrappingResponse {

	private final ApiRequest request;

	private final DataSize limit;

	BoundedResponse(ClientHttpResponse response, ApiRequest request, DataSize limit) {
		super(response);
		this.request = request;
		this.limit = limit;
	}

	@Override
	InputStream wrap(InputStream body) {
		return new Counting(body);
	}

	private final class Counting extends FilterInputStream {

		private long count;

		Counting(InputStream in) {
			super(in);
		}

		@Override
		public int read() throws IOException {
			int read = super.read();
			if (read != -1) {
				counted(1);
			}
			return read;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int read = super.read(buffer, offset, length);
			if (read > 0) {
				counted(read);
			}
			return read;
		}

		@Override
		public long skip(long n) throws IOException {
			long skipped = super.skip(n);
			counted(skipped);
			return skipped;
		}

		private void counted(long bytes) {
			this.count += bytes;
			long max = BoundedResponse.this.limit.toBytes();
			if (this.count > max) {
				ApiRequest request = BoundedResponse.this.request;
				throw new ResponseTooLargeException(request.method() + " " + request.path()
						+ ": the response body is larger than servicetitan.max-response-size (" + max + " bytes), the "
						+ "most read whole into memory; stream it (streamAll, streamExport, download to a file) instead",
						BoundedResponse.this.limit);
			}
		}

	}

}
