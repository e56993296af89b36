package dev.rampart.secrets.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import dev.rampart.secrets.KeyAdministration.RewrapJob;
import dev.rampart.secrets.KeyEncryptionService;
import dev.rampart.secrets.WrappedKey;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.RampartException;
import dev.rampart.shared.TenantTransactions;
import dev.rampart.shared.UuidV7;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The rewrap job: moves every data key wrapped under an older KEK version to the current one,
 * batch by batch, through {@link KeyEncryptionService#rewrap} (the data it protects is never
 * decrypted). One node at a time holds a session advisory lock on a dedicated connection for the
 * whole run; if that node dies, PostgreSQL releases the lock and the next run marks the job abandoned.
 */
final class RewrapJobs {

	private static final Logger log = LoggerFactory.getLogger(RewrapJobs.class);
	/** "RAMPREWR" in ASCII: the advisory lock of the rewrap job. */
	static final long LOCK = 0x52414d5052455752L;
	private static final String REASON = "the rewrap job re-wraps every tenant's data keys";
	private static final String COLUMNS = "id, status, target_version, total, done, node, error, started_at, finished_at";

	private final DataSource dataSource;
	private final JdbcClient jdbc;
	private final TenantTransactions transactions;
	private final KeyEncryptionService kek;
	private final int batchSize;
	private final Clock clock;
	private final String node;

	RewrapJobs(DataSource dataSource, JdbcClient jdbc, TenantTransactions transactions, KeyEncryptionService kek, int batchSize,
			Clock clock) {
		this.dataSource = dataSource;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.kek = kek;
		this.batchSize = batchSize;
		this.clock = clock;
		this.node = hostName();
	}

	/** Takes the lock, records the job and runs it on a virtual thread; the returned job is the state at start. */
	RewrapJob start() {
		Connection lock = lock();
		try {
			jdbc.sql("update key_jobs set status = 'abandoned', finished_at = :now where kind = 'rewrap' and status = 'running'")
				.param("now", now())
				.update();
			int target = kek.status().currentVersion();
			long total = behind(target);
			UUID id = UuidV7.next(clock);
			jdbc.sql("""
					insert into key_jobs (id, kind, status, target_version, total, done, node, started_at)
					values (:id, 'rewrap', 'running', :target, :total, 0, :node, :now)""")
				.param("id", id).param("target", target).param("total", total).param("node", node).param("now", now())
				.update();
			RewrapJob job = job(id).orElseThrow();
			Thread.ofVirtual().name("rewrap-" + id).start(() -> run(job, lock));
			return job;
		}
		catch (RuntimeException ex) {
			release(lock);
			throw ex;
		}
	}

	Optional<RewrapJob> job(UUID id) {
		return jdbc.sql("select " + COLUMNS + " from key_jobs where id = :id").param("id", id).query(RewrapJobs::job).optional();
	}

	Optional<RewrapJob> latest() {
		return jdbc.sql("select " + COLUMNS + " from key_jobs where kind = 'rewrap' order by started_at desc, id desc limit 1")
			.query(RewrapJobs::job)
			.optional();
	}

	long behind(int version) {
		return transactions.asSystem(REASON, () -> jdbc.sql("select count(*) from data_keys where kek_version < :version")
			.param("version", version)
			.query(Long.class)
			.single());
	}

	private void run(RewrapJob job, Connection lock) {
		long done = 0;
		long failed = 0;
		String error = null;
		UUID after = new UUID(0, 0);
		try {
			while (true) {
				UUID from = after;
				List<KeyRow> batch = transactions.asSystem(REASON, () -> jdbc.sql("""
						select id, wrapped_key from data_keys where kek_version < :target and id > :after
						order by id limit :limit""")
					.param("target", job.targetVersion()).param("after", from).param("limit", batchSize)
					.query((rs, n) -> new KeyRow(rs.getObject(1, UUID.class), rs.getString(2)))
					.list());
				if (batch.isEmpty()) {
					break;
				}
				for (KeyRow row : batch) {
					after = row.id();
					try {
						WrappedKey rewrapped = kek.rewrap(WrappedKey.parse(row.wrappedKey()));
						transactions.asSystem(REASON, () -> jdbc.sql("""
								update data_keys set wrapped_key = :wrapped, kek_version = :version, rewrapped_at = :now
								where id = :id and wrapped_key = :old""")
							.param("wrapped", rewrapped.encoded()).param("version", rewrapped.version()).param("now", now())
							.param("id", row.id()).param("old", row.wrappedKey())
							.update());
						done++;
					}
					catch (RampartException ex) {
						failed++;
						error = failed + " data keys could not be re-wrapped; the last because: " + ex.technicalDetails();
						log.warn("Rewrap of data key {} failed: {}", row.id(), ex.technicalDetails());
					}
				}
				progress(job.id(), done, error);
			}
			finish(job.id(), failed == 0 ? "succeeded" : "failed", done, error);
			log.info("Rewrap job {} finished: {} data keys now under KEK version {}, {} failed", job.id(), done,
					job.targetVersion(), failed);
		}
		catch (RuntimeException ex) {
			log.error("Rewrap job {} stopped", job.id(), ex);
			finish(job.id(), "failed", done, "The job stopped after " + done + " data keys: " + ex.getClass().getSimpleName());
		}
		finally {
			release(lock);
		}
	}

	private record KeyRow(UUID id, String wrappedKey) {
	}

	private void progress(UUID id, long done, @Nullable String error) {
		jdbc.sql("update key_jobs set done = :done, error = :error where id = :id")
			.param("done", done).param("error", error).param("id", id).update();
	}

	private void finish(UUID id, String status, long done, @Nullable String error) {
		jdbc.sql("update key_jobs set status = :status, done = :done, error = :error, finished_at = :now where id = :id")
			.param("status", status).param("done", done).param("error", error).param("now", now()).param("id", id).update();
	}

	private Connection lock() {
		try {
			Connection connection = dataSource.getConnection();
			connection.setAutoCommit(true);
			try (PreparedStatement statement = connection.prepareStatement("select pg_try_advisory_lock(?)")) {
				statement.setLong(1, LOCK);
				try (ResultSet rs = statement.executeQuery()) {
					rs.next();
					if (!rs.getBoolean(1)) {
						connection.close();
						throw new RampartException(ErrorCode.REWRAP_ALREADY_RUNNING,
								"Another node or request holds the rewrap lock.");
					}
				}
			}
			return connection;
		}
		catch (SQLException ex) {
			throw new RampartException(ErrorCode.DATABASE_UNAVAILABLE, "The rewrap lock could not be taken.", null, ex);
		}
	}

	private static void release(Connection lock) {
		try {
			try (PreparedStatement statement = lock.prepareStatement("select pg_advisory_unlock(?)")) {
				statement.setLong(1, LOCK);
				statement.execute();
			}
			lock.close();
		}
		catch (SQLException ex) {
			log.warn("Releasing the rewrap lock failed; dropping its connection, which releases it", ex);
			try {
				lock.abort(Runnable::run);
			}
			catch (SQLException ignored) {
				// the pool discards the connection on its next validation
			}
		}
	}

	private Timestamp now() {
		return Timestamp.from(clock.instant());
	}

	private static RewrapJob job(ResultSet rs, int row) throws SQLException {
		Timestamp finished = rs.getTimestamp("finished_at");
		return new RewrapJob(rs.getObject("id", UUID.class), rs.getString("status"), rs.getInt("target_version"),
				rs.getLong("total"), rs.getLong("done"), rs.getString("node"), rs.getString("error"),
				rs.getTimestamp("started_at").toInstant(), finished == null ? null : finished.toInstant());
	}

	private static String hostName() {
		try {
			return InetAddress.getLocalHost().getHostName() + "/" + ProcessHandle.current().pid();
		}
		catch (UnknownHostException ex) {
			return "pid-" + ProcessHandle.current().pid();
		}
	}
}
