package io.github.servicetitan4j;

import java.io.IOException;
import java.io.InputStream;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpResponse;

/**
 * A response that hands out its body through a wrapper of the subclass's choosing (a size bound), created on the first
 * {@link #getBody()} and handed out again after that; everything else is the wrapped response's.
 */
abstract class BodyWrappingResponse implements ClientHttpResponse {

	private final ClientHttpResponse response;

	private @Nullable InputStream body;

	BodyWrappingResponse(ClientHttpResponse response) {
		this.response = response;
	}

	/**
	 * Wraps the response's body, once.
	 * @param body the wrapped response's body
	 * @return the body to hand out
	 */
	abstract InputStream wrap(InputStream body);

	@Override
	public final synchronized InputStream getBody() throws IOException {
		InputStream current = this.body;
		if (current == null) {
			current = wrap(this.response.getBody());
			this.body = current;
		}
		return current;
	}

	@Override
	public final HttpStatusCode getStatusCode() throws IOException {
		return this.response.getStatusCode();
	}

	@Override
	public final String getStatusText() throws IOException {
		return this.response.getStatusText();
	}

	@Override
	public final HttpHeaders getHeaders() {
		return this.response.getHeaders();
	}

	@Override
	public final void close() {
		this.response.close();
	}

}
