package dev.rampart.shared.database;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import dev.rampart.shared.startup.StartupProblem;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL 18 that Rampart runs itself when no external database is configured. Its data
 * lives in {@code <data-dir>/pg} and survives restarts. A lock file keeps two Rampart processes
 * off the same data folder; a postgres left running by a Rampart that was killed is stopped
 * before the new one starts.
 */
final class EmbeddedPostgresServer implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

	private final EmbeddedPostgres postgres;
	private final FileChannel lockChannel;
	private final FileLock lock;

	private EmbeddedPostgresServer(EmbeddedPostgres postgres, FileChannel lockChannel, FileLock lock) {
		this.postgres = postgres;
		this.lockChannel = lockChannel;
		this.lock = lock;
	}

	static EmbeddedPostgresServer start(Path dataDir, @Nullable Path runtimeDir, Duration startupWait) {
		Path root = prepareWritable(dataDir);
		FileChannel channel = openLockFile(root);
		FileLock lock = acquire(channel, root);
		try {
			Path pgData = root.resolve("pg");
			stopOrphanedPostmaster(pgData);
			EmbeddedPostgres postgres = EmbeddedPostgres.builder()
				.setDataDirectory(pgData)
				.setCleanDataDirectory(false)
				.setOverrideWorkingDirectory((runtimeDir == null ? root.resolve("runtime") : runtimeDir).toFile())
				.setPGStartupWait(startupWait)
				// Stopped by the Spring context after the pool and everything using it, not by a racing JVM hook.
				.setRegisterShutdownHook(false)
				.setServerConfig("listen_addresses", "127.0.0.1")
				// zonky's defaults suit throwaway test databases (fsync off via -F, synchronous_commit off);
				// this cluster is the system of record, so an acknowledged commit must survive a crash.
				.setServerConfig("fsync", "on")
				.setServerConfig("synchronous_commit", "on")
				.setServerConfig("max_connections", "200")
				.start();
			log.info("Embedded PostgreSQL is running on 127.0.0.1:{} with data in {}", postgres.getPort(), pgData);
			return new EmbeddedPostgresServer(postgres, channel, lock);
		}
		catch (IOException | RuntimeException ex) {
			release(channel, lock);
			if (ex instanceof StartupProblem problem) {
				throw problem;
			}
			throw refused(ex);
		}
	}

	String jdbcUrl() {
		// No user in the URL: it would override the role each data source connects as.
		return "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
	}

	String user() {
		return "postgres";
	}

	/**
	 * Creates {@code role} if it is missing: a login role that is no superuser and cannot bypass
	 * row-level security. The embedded server accepts loopback connections only, without password.
	 */
	void ensureLoginRole(String role) {
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("""
					do $$ begin
						if not exists (select 1 from pg_roles where rolname = '%1$s') then
							create role %1$s login nosuperuser nobypassrls nocreatedb nocreaterole;
						end if;
					end $$""".formatted(role));
		}
		catch (SQLException ex) {
			throw new StartupProblem("Embedded PostgreSQL refused to create the application role " + role + ".",
					"Delete the data folder's pg directory if it was copied from elsewhere, or report the error shown below.", ex);
		}
	}

	@Override
	public void close() throws IOException {
		try {
			postgres.close();
		}
		finally {
			release(lockChannel, lock);
		}
	}

	private static Path prepareWritable(Path dataDir) {
		Path root = dataDir.toAbsolutePath().normalize();
		try {
			Files.createDirectories(root);
		}
		catch (IOException | SecurityException ex) {
			throw notWritable(root, ex);
		}
		if (!Files.isDirectory(root) || !Files.isWritable(root)) {
			throw notWritable(root, null);
		}
		return root;
	}

	private static StartupProblem notWritable(Path root, @Nullable Throwable cause) {
		return new StartupProblem("The data folder " + root + " is not writable.",
				"Make it writable for this user or point RAMPART_DATA_DIR at a folder that is.", cause);
	}

	private static FileChannel openLockFile(Path root) {
		try {
			return FileChannel.open(root.resolve("rampart.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
		}
		catch (IOException ex) {
			throw notWritable(root, ex);
		}
	}

	private static FileLock acquire(FileChannel channel, Path root) {
		FileLock lock;
		try {
			lock = channel.tryLock();
		}
		catch (OverlappingFileLockException | IOException ex) {
			lock = null;
		}
		if (lock == null) {
			release(channel, null);
			throw new StartupProblem("The data folder " + root + " is already used by another running Rampart.",
					"Stop the other Rampart or give this one its own RAMPART_DATA_DIR.");
		}
		return lock;
	}

	/** We hold the data-folder lock, so a live postmaster here belongs to a Rampart that died. */
	private static void stopOrphanedPostmaster(Path pgData) throws IOException {
		Path pidFile = pgData.resolve("postmaster.pid");
		if (!Files.exists(pidFile)) {
			return;
		}
		List<String> lines = Files.readAllLines(pidFile);
		Optional<ProcessHandle> postmaster = lines.isEmpty() ? Optional.empty()
				: parsePid(lines.getFirst()).flatMap(ProcessHandle::of);
		if (postmaster.isEmpty() || !postmaster.get().isAlive()) {
			return;
		}
		log.warn("Stopping PostgreSQL (pid {}) left running by a previous Rampart that did not shut down",
				postmaster.get().pid());
		postmaster.get().destroy();
		try {
			postmaster.get().onExit().get(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			postmaster.get().destroyForcibly();
		}
	}

	private static Optional<Long> parsePid(String line) {
		try {
			return Optional.of(Long.parseLong(line.trim()));
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
	}

	private static StartupProblem refused(Throwable ex) {
		boolean root = "root".equals(System.getProperty("user.name"));
		if (root) {
			return new StartupProblem(
					"Embedded PostgreSQL refused to start as root (it needs user namespaces, which this machine blocks).",
					"Run Rampart as a regular user, or set RAMPART_DB_URL to an external PostgreSQL 15+.", ex);
		}
		return new StartupProblem("Embedded PostgreSQL failed to start (see the PostgreSQL log lines above).",
				"Fix the cause shown in those lines, or set RAMPART_DB_URL to an external PostgreSQL 15+.", ex);
	}

	private static void release(FileChannel channel, @Nullable FileLock lock) {
		try {
			if (lock != null && lock.isValid()) {
				lock.release();
			}
			channel.close();
		}
		catch (IOException ex) {
			log.debug("Could not release the data folder lock", ex);
		}
	}
}
