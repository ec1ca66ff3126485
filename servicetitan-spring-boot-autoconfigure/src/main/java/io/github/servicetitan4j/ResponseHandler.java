package io.github.servicetitan4j;

import java.io.IOException;

import org.springframework.http.client.ClientHttpResponse;

/**
 * Reads a successful (2xx) response. An {@link IOException} while reading counts as a transport failure (the
 * response was cut short) and may be retried.
 *
 * @param <T> what is read
 */
@FunctionalInterface
interface ResponseHandler<T> {

	T handle(ClientHttpResponse response) throws IOException;

}
