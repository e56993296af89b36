package dev.rampart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * An embedded PostgreSQL of a test's own, outside any Spring context, with an application role like Rampart's: for
 * tests that point a node at an "external" database they can take away (through a {@link TcpProxy}).
 */
public final class StandalonePostgres implements AutoCloseable {

	/** The role the node's pool connects as: not the owner of the tables, so row-level security binds it. */
	public static final String APP_USER = "rampart_app";

	private final EmbeddedPostgres postgres;

	private StandalonePostgres(EmbeddedPostgres postgres) {
		this.postgres = postgres;
	}

	public static StandalonePostgres start(Path dataDir, Path runtimeDir) {
		try {
			EmbeddedPostgres postgres = EmbeddedPostgres.builder()
				.setDataDirectory(dataDir)
				.setOverrideWorkingDirectory(runtimeDir.toFile())
				.setPGStartupWait(Duration.ofSeconds(60))
				.setServerConfig("listen_addresses", "127.0.0.1")
				.start();
			try (Connection connection = postgres.getPostgresDatabase().getConnection();
					Statement statement = connection.createStatement()) {
				statement.execute("create role " + APP_USER + " login nosuperuser nobypassrls nocreatedb nocreaterole");
			}
			return new StandalonePostgres(postgres);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public int port() {
		return postgres.getPort();
	}

	/** The owner of the tables (runs the migrations). */
	public String owner() {
		return "postgres";
	}

	@Override
	public void close() {
		try {
			postgres.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
