package dev.rampart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import redis.embedded.RedisServer;

/**
 * An embedded Redis for tests that stop and start it (STACK-NOTES: codemonstur embedded-redis), on a free port each
 * test class picks once.
 */
public final class EmbeddedRedis {

	private EmbeddedRedis() {
	}

	/** A port nothing listens on now. */
	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A Redis server started on {@code port}. */
	public static RedisServer start(int port) {
		try {
			RedisServer server = new RedisServer(port);
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
