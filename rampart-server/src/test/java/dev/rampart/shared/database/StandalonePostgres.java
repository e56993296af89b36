package dev.rampart.shared.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * An embedded PostgreSQL of a test's own, outside any Spring context, with Rampart's application role: for tests
 * that point a node at an "external" database they can take away (through a {@link dev.rampart.TcpProxy}).
 */
public final class StandalonePostgres implements AutoCloseable {

	private final EmbeddedPostgresServer server;

	private StandalonePostgres(EmbeddedPostgresServer server) {
		this.server = server;
	}

	public static StandalonePostgres start(Path dataDir, Path runtimeDir) {
		EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir, runtimeDir, Duration.ofSeconds(60));
		server.ensureLoginRole(DatabaseProperties.EMBEDDED_APP_USER);
		return new StandalonePostgres(server);
	}

	public int port() {
		String url = server.jdbcUrl();
		return Integer.parseInt(url.substring(url.lastIndexOf(':') + 1, url.lastIndexOf('/')));
	}

	/** The owner of the tables (runs the migrations). */
	public String owner() {
		return server.user();
	}

	public String appUser() {
		return DatabaseProperties.EMBEDDED_APP_USER;
	}

	@Override
	public void close() {
		try {
			server.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
