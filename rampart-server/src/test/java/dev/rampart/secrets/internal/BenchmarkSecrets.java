package dev.rampart.secrets.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Comparator;
import java.util.stream.Stream;

import com.zaxxer.hikari.HikariDataSource;
import dev.rampart.secrets.SecretsProperties;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The real secrets stack for JMH benchmarks: a throwaway embedded PostgreSQL configured like the
 * production one, a HikariCP pool, the secrets schema, a local keyring and envelope encryption,
 * all under {@code target/}; {@link #close()} removes them.
 */
final class BenchmarkSecrets implements AutoCloseable {

	private static final String SCHEMA = "/db/migration/secrets/V2026.11.24.2__secrets.sql";

	private final Path directory;
	private final EmbeddedPostgres postgres;
	private final HikariDataSource dataSource;
	private final JdbcClient jdbc;
	private final DataKeys dataKeys;
	private final DataKeyEnvelopes envelopes;

	private BenchmarkSecrets(Path directory, EmbeddedPostgres postgres, HikariDataSource dataSource) {
		this.directory = directory;
		this.postgres = postgres;
		this.dataSource = dataSource;
		this.jdbc = JdbcClient.create(dataSource);
		LocalKeyring keyring = LocalKeyring.open(directory.resolve("keyring.json"), null, Clock.systemUTC(), true);
		this.dataKeys = new DataKeys(jdbc, keyring, new SecretsProperties.DataKey(1L << 30, 65_536), Clock.systemUTC(),
				new DataSourceTransactionManager(dataSource));
		this.envelopes = new DataKeyEnvelopes(dataKeys);
	}

	static BenchmarkSecrets start() throws IOException, SQLException {
		Path target = Files.createDirectories(Path.of("target"));
		Path directory = Files.createTempDirectory(target, "jmh-secrets-").toAbsolutePath();
		EmbeddedPostgres postgres = EmbeddedPostgres.builder()
			.setOverrideWorkingDirectory(target.resolve("jmh-postgres-runtime").toAbsolutePath().toFile())
			.setDataDirectory(directory.resolve("pg"))
			.setServerConfig("listen_addresses", "127.0.0.1")
			.setServerConfig("fsync", "on")
			.setServerConfig("synchronous_commit", "on")
			.start();
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
		dataSource.setUsername("postgres");
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute(schema());
		}
		return new BenchmarkSecrets(directory, postgres, dataSource);
	}

	JdbcClient jdbc() {
		return jdbc;
	}

	DataKeys dataKeys() {
		return dataKeys;
	}

	DataKeyEnvelopes envelopes() {
		return envelopes;
	}

	@Override
	public void close() throws IOException {
		dataSource.close();
		postgres.close();
		try (Stream<Path> files = Files.walk(directory)) {
			files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
		}
	}

	private static String schema() throws IOException {
		try (InputStream in = BenchmarkSecrets.class.getResourceAsStream(SCHEMA)) {
			if (in == null) {
				throw new UncheckedIOException(new IOException(SCHEMA + " is not on the class path"));
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}
}
