package io.github.servicetitan4j;

import java.time.Duration;

import io.github.servicetitan4j.internal.RetryPolicy.Attempts;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * What the client logs about its requests, under the category {@code io.github.servicetitan4j.RequestExecutor} (the
 * README names it): one DEBUG line per answer, a WARN per retry, an INFO when a DELETE is reported done after an
 * uncertain attempt. Never a header, a body or a query value: only the method and the path template.
 */
final class RequestLog {

	private static final Log logger = LogFactory.getLog(RequestExecutor.class);

	void answered(ApiRequest request, int status, long startNanos, int attempt) {
		if (logger.isDebugEnabled()) {
			logger.debug(request.method() + " " + request.uriTemplate() + " -> " + status + " in "
					+ Duration.ofNanos(System.nanoTime() - startNanos).toMillis() + " ms (attempt " + attempt + ", "
					+ request.call().folder() + "/" + request.call().endpoint() + ")");
		}
	}

	void renewingToken(ApiRequest request) {
		logger.debug(request.method() + " " + request.uriTemplate() + " answered 401; renewing the token once");
	}

	void reportedAsDeleted(ApiRequest request) {
		logger.info(request.method() + " " + request.uriTemplate() + " answered 404 after an earlier "
				+ "attempt may have reached the server; reported as deleted");
	}

	void retrying(ApiRequest request, String reason, Duration delay, Attempts attempts, boolean waitedAtLimiter) {
		if (logger.isWarnEnabled()) {
			logger.warn("Retrying " + request.method() + " " + request.uriTemplate() + " of " + request.call().folder()
					+ "/" + request.call().endpoint() + " after " + reason.replace('_', ' ') + " (attempt "
					+ (attempts.sent() + 1) + " of " + attempts.max() + ") in " + delay.toMillis() + " ms"
					+ (waitedAtLimiter ? " (waited at its own rate limiter)" : ""));
		}
	}

	void readingAgain(ApiRequest request, Duration delay, Attempts attempts) {
		if (logger.isWarnEnabled()) {
			logger.warn("Reading " + request.method() + " " + request.uriTemplate() + " of " + request.call().folder()
					+ "/" + request.call().endpoint() + " again after its body was cut short (attempt "
					+ (attempts.sent() + 1) + " of " + attempts.max() + ") in " + delay.toMillis()
					+ " ms; records already delivered are skipped");
		}
	}

}
