package io.github.servicetitan4j.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Names a failure that left a request without a complete answer, and tells whether the request can have reached the
 * server. Part of the one classifier: everyone asks {@link Failures}, which asks here about I/O failures.
 */
final class TransportFailures {

	private TransportFailures() {
	}

	/**
	 * Whether the failure happened before any byte of the request could reach the server (connection refused, connect
	 * timeout, unknown host, no route), so that even a POST may be sent again.
	 * @param failure the failure or any exception wrapping it
	 * @return whether the request was certainly not sent
	 */
	static boolean wasNotSent(Throwable failure) {
		Throwable cause = ioCause(failure);
		return cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException
				|| cause instanceof UnknownHostException || cause instanceof NoRouteToHostException;
	}

	/**
	 * Names the failure: {@code connection_refused}, {@code connect_timeout}, {@code timeout},
	 * {@code connection_reset}, {@code empty_response}, {@code unknown_host}, or {@code io_error}.
	 * @param failure the failure or any exception wrapping it
	 * @return the name, lower case with underscores
	 */
	static String reason(Throwable failure) {
		Throwable cause = ioCause(failure);
		if (cause instanceof HttpConnectTimeoutException) {
			return "connect_timeout";
		}
		if (cause instanceof ConnectException) {
			return "connection_refused";
		}
		if (cause instanceof HttpTimeoutException || cause instanceof InterruptedIOException) {
			return "timeout";
		}
		if (cause instanceof UnknownHostException) {
			return "unknown_host";
		}
		String messages = messages(cause);
		if (messages.contains("reset")) {
			return "connection_reset";
		}
		// The JDK client's words for a connection closed before any response byte arrived.
		if (messages.contains("no bytes") || messages.contains("eof") || messages.contains("closed")
				|| messages.contains("header parser")) {
			return "empty_response";
		}
		return (cause instanceof SocketException) ? "connection_reset" : "io_error";
	}

	/** The first I/O exception in the chain (HTTP client libraries wrap it), or the failure itself. */
	private static Throwable ioCause(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof IOException) {
				return cause;
			}
		}
		return failure;
	}

	private static String messages(@Nullable Throwable failure) {
		StringBuilder messages = new StringBuilder();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			messages.append(cause.getMessage()).append(' ');
		}
		return messages.toString().toLowerCase(Locale.ROOT);
	}

}
