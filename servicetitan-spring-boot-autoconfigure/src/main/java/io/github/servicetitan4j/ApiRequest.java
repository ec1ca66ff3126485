package io.github.servicetitan4j;

import java.net.URI;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

/**
 * One HTTP request of an Endpoint operation, ready to send.
 *
 * @param call the operation it belongs to
 * @param method the HTTP method
 * @param uri the full, encoded URI
 * @param path the encoded path, for messages
 * @param uriTemplate the low-cardinality path template, for observations ({@code /{folder}/v2/tenant/{tenant}/...})
 * @param body the JSON body, or null for none
 * @param accept the media type to accept
 */
record ApiRequest(CallDescriptor call, HttpMethod method, URI uri, String path, String uriTemplate,
		@Nullable Object body, MediaType accept) {

	/** Whether repeating this request after an ambiguous failure is harmless. */
	boolean isIdempotent() {
		return !HttpMethod.POST.equals(this.method) && !HttpMethod.PATCH.equals(this.method);
	}

}
