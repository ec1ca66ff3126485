package io.github.servicetitan4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import redis.embedded.RedisServer;

/**
 * A real redis-server (the binary shipped in embedded-redis) on 127.0.0.1 and a free port, for the tests of one class,
 * with nothing persisted. Register as a static extension field.
 */
public final class RealRedis implements AfterAllCallback {

	public final int port;

	private final RedisServer server;

	private RedisClient client;

	public RealRedis() {
		this.port = freePort();
		try {
			this.server = RedisServer.newRedisServer()
				.port(this.port)
				.bind("127.0.0.1")
				.setting("save \"\"")
				.setting("appendonly no")
				.build();
			this.server.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A Lettuce client of this server, created once. */
	public synchronized RedisClient client() {
		if (this.client == null) {
			this.client = RedisClient.create(RedisURI.create("127.0.0.1", this.port));
		}
		return this.client;
	}

	/** Stops the server process, as a crash or a restart would; {@link #start()} brings it back on the same port. */
	public void stop() {
		try {
			this.server.stop();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Starts the server process again on the same port, empty. */
	public void start() {
		try {
			this.server.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Empties the server. */
	public void flush() {
		try (var connection = client().connect()) {
			connection.sync().flushall();
		}
	}

	@Override
	public void afterAll(ExtensionContext context) throws IOException {
		if (this.client != null) {
			this.client.shutdown();
		}
		this.server.stop();
	}

	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
