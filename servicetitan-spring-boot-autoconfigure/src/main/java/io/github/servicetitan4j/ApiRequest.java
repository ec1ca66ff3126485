package io.github.servicetitan4j;

import java.net.URI;

import io.github.servicetitan4j.ServiceTitanClientListener.CallDescriptor;
import io.github.servicetitan4j.ratelimit.RateLimiter;
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
 * @param body the body, or null for none
 * @param contentType the body's content type ({@code application/json} for JSON, {@code multipart/form-data} with its
 * boundary for an upload), or null without a body
 * @param accept the media type to accept
 * @param readOnly whether the request only reads, whatever its method (a report's data is asked for with a POST)
 * @param limiter a limiter of the request's own, waited for before the tenant's and told of its 429s instead of the
 * tenant's (a report's per-report limit), or null
 */
record ApiRequest(CallDescriptor call, HttpMethod method, URI uri, String path, String uriTemplate,
		@Nullable Object body, @Nullable MediaType contentType, MediaType accept, boolean readOnly,
		@Nullable RateLimiter limiter) {

	ApiRequest {
		if ((body == null) != (contentType == null)) {
			throw new IllegalArgumentException("a request body and its content type go together");
		}
	}

	/** A request with a JSON body, or none. */
	ApiRequest(CallDescriptor call, HttpMethod method, URI uri, String path, String uriTemplate, @Nullable Object body,
			MediaType accept) {
		this(call, method, uri, path, uriTemplate, body, (body != null) ? MediaType.APPLICATION_JSON : null, accept,
				false, null);
	}

	/** A request with a body of the given content type. */
	ApiRequest(CallDescriptor call, HttpMethod method, URI uri, String path, String uriTemplate, @Nullable Object body,
			@Nullable MediaType contentType, MediaType accept) {
		this(call, method, uri, path, uriTemplate, body, contentType, accept, false, null);
	}

	/** Whether repeating this request after an ambiguous failure is harmless. */
	boolean isIdempotent() {
		return this.readOnly || (!HttpMethod.POST.equals(this.method) && !HttpMethod.PATCH.equals(this.method));
	}

	/**
	 * This request marked as one that only reads, with a limiter of its own.
	 * @param ownLimiter the request's own limiter, or null
	 * @return the request
	 */
	ApiRequest readOnly(@Nullable RateLimiter ownLimiter) {
		return new ApiRequest(this.call, this.method, this.uri, this.path, this.uriTemplate, this.body, this.contentType,
				this.accept, true, ownLimiter);
	}

}
