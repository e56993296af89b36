package dev.rampart.secrets.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.rampart.secrets.KeyAdministration;
import dev.rampart.secrets.KeyEncryptionService;
import dev.rampart.secrets.KeyRotated;
import dev.rampart.secrets.KeyStatus;
import dev.rampart.secrets.KeyVersionsRetired;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.InvalidFieldsException;
import dev.rampart.shared.RampartException;
import dev.rampart.shared.TenantTransactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * {@link KeyAdministration} over the configured {@link KeyEncryptionService}. Besides the explicit
 * calls, every node checks on a schedule ({@code rampart.secrets.rewrap.interval}) for data keys
 * under an old version, which covers a rotation done in Vault directly or a rewrap that failed.
 */
class KeyRotation implements KeyAdministration {

	private static final Logger log = LoggerFactory.getLogger(KeyRotation.class);

	private final KeyEncryptionService kek;
	private final RewrapJobs jobs;
	private final DataKeys dataKeys;
	private final CachingSecretManager secrets;
	private final JdbcClient jdbc;
	private final TenantTransactions transactions;
	private final ApplicationEventPublisher events;

	KeyRotation(KeyEncryptionService kek, RewrapJobs jobs, DataKeys dataKeys, CachingSecretManager secrets, JdbcClient jdbc,
			TenantTransactions transactions, ApplicationEventPublisher events) {
		this.kek = kek;
		this.jobs = jobs;
		this.dataKeys = dataKeys;
		this.secrets = secrets;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.events = events;
	}

	@Override
	public Overview overview() {
		KeyStatus status = kek.status();
		List<VersionUse> uses = transactions.asSystem("key versions are counted over every tenant's data keys", () -> jdbc
			.sql("select kek_version, count(*) from data_keys group by kek_version order by kek_version")
			.query((rs, n) -> new VersionUse(rs.getInt(1), rs.getLong(2)))
			.list());
		return new Overview(status, uses, jobs.behind(status.currentVersion()), jobs.latest().orElse(null));
	}

	@Override
	public Rotation rotate() {
		int version = kek.rotate();
		secrets.invalidateAll();
		events.publishEvent(new KeyRotated(kek.backend(), version));
		RewrapJob job;
		try {
			job = jobs.start();
		}
		catch (RampartException ex) {
			if (ex.code() != ErrorCode.REWRAP_ALREADY_RUNNING) {
				throw ex;
			}
			log.info("KEK rotated to version {}; a rewrap is already running, the scheduled check will finish the rest", version);
			job = null;
		}
		return new Rotation(version, job);
	}

	@Override
	public RewrapJob startRewrap() {
		return jobs.start();
	}

	@Override
	public Optional<RewrapJob> job(UUID id) {
		return jobs.job(id);
	}

	@Override
	public Overview retire(int version, boolean force) {
		KeyStatus status = kek.status();
		if (version < 1 || version > status.currentVersion()) {
			throw new InvalidFieldsException("version", "must be between 1 and the current version " + status.currentVersion());
		}
		long behind = jobs.behind(version);
		if (behind > 0 && !force) {
			throw new RampartException(ErrorCode.KEY_VERSION_IN_USE, behind + " data keys are still wrapped under versions below "
					+ version + ".");
		}
		kek.setMinDecryptionVersion(version);
		dataKeys.forget();
		secrets.invalidateAll();
		events.publishEvent(new KeyVersionsRetired(kek.backend(), version));
		if (behind > 0) {
			log.warn("KEK versions below {} retired with {} data keys still under them: the data they protect is unreadable now",
					version, behind);
		}
		return overview();
	}

	@Scheduled(initialDelayString = "${rampart.secrets.rewrap.interval:10m}", fixedDelayString = "${rampart.secrets.rewrap.interval:10m}")
	void rewrapIfBehind() {
		if (jobs.behind(kek.status().currentVersion()) == 0) {
			return;
		}
		try {
			RewrapJob job = jobs.start();
			log.info("Data keys under an old KEK version found; rewrap job {} started", job.id());
		}
		catch (RampartException ex) {
			log.debug("Scheduled rewrap skipped: {}", ex.technicalDetails());
		}
	}
}
