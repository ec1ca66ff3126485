package io.github.servicetitan4j;

import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

/**
 * Collects what the client and Spring log while a test runs (not the WireMock server's own logs, which show what the
 * server received, secrets included), so that tests can assert that no line carries a secret.
 */
public final class CapturedLogs implements AutoCloseable {

	private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	public CapturedLogs() {
		this.appender.start();
		this.root.addAppender(this.appender);
	}

	/** Formatted lines logged by the client, Spring and the JDK HTTP client, with their stack traces' messages. */
	public List<String> lines() {
		synchronized (this.appender.list) {
			return this.appender.list.stream()
				.filter((event) -> event.getLoggerName().startsWith("io.github.servicetitan4j")
						|| event.getLoggerName().startsWith("org.springframework")
						|| event.getLoggerName().startsWith("jdk.internal.httpclient"))
				.map((event) -> event.getLevel() + " " + event.getLoggerName() + " " + event.getFormattedMessage()
						+ ((event.getThrowableProxy() != null) ? " " + event.getThrowableProxy().getMessage() : ""))
				.toList();
		}
	}

	@Override
	public void close() {
		this.root.detachAppender(this.appender);
		this.appender.stop();
	}

}
