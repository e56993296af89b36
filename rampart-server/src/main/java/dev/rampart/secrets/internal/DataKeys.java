package dev.rampart.secrets.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.SecretKey;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.rampart.secrets.GeneratedDataKey;
import dev.rampart.secrets.KeyEncryptionService;
import dev.rampart.secrets.KeyPurpose;
import dev.rampart.secrets.SecretsProperties;
import dev.rampart.secrets.WrappedKey;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.IndependentTransactions;
import dev.rampart.shared.RampartException;
import dev.rampart.shared.TenantId;
import dev.rampart.shared.TenantScope;
import dev.rampart.shared.UuidV7;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The data keys of every tenant and purpose, unwrapped on first use and kept in memory for at most
 * ten minutes. Encryptions are budgeted: a node reserves blocks of a key's budget in the database,
 * and when the budget ({@code rampart.secrets.data-key.max-encryptions}) is spent a new generation
 * replaces the key. Key rows are written in their own transactions, so a caller's rollback never
 * loses a key that a ciphertext already refers to.
 */
final class DataKeys {

	private static final Duration CACHE_FOR = Duration.ofMinutes(10);

	private final JdbcClient jdbc;
	private final KeyEncryptionService kek;
	private final SecretsProperties.DataKey limits;
	private final Clock clock;
	private final TransactionTemplate ownTransaction;
	private final Map<Slot, Active> active = new ConcurrentHashMap<>();
	private final Cache<UUID, Loaded> loaded;

	record Slot(TenantId tenant, KeyPurpose purpose) {
	}

	/** A data key a caller may encrypt under once. */
	record Lease(UUID id, SecretKey key) {
	}

	private record Loaded(TenantId tenant, SecretKey key) {
	}

	private static final class Active {

		final UUID id;
		final SecretKey key;
		final AtomicLong remaining = new AtomicLong();

		Active(UUID id, SecretKey key) {
			this.id = id;
			this.key = key;
		}
	}

	DataKeys(JdbcClient jdbc, KeyEncryptionService kek, SecretsProperties.DataKey limits, Clock clock,
			PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.kek = kek;
		this.limits = limits;
		this.clock = clock;
		this.ownTransaction = IndependentTransactions.of(transactions);
		this.loaded = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(CACHE_FOR).build();
	}

	/** The current data key of {@code tenant} for {@code purpose}, with one encryption of its budget taken. */
	Lease lease(TenantId tenant, KeyPurpose purpose) {
		Slot slot = new Slot(tenant, purpose);
		Active current = active.get(slot);
		if (current != null && current.remaining.getAndDecrement() > 0) {
			return new Lease(current.id, current.key);
		}
		synchronized (this) {
			current = active.get(slot);
			if (current == null || current.remaining.get() <= 0) {
				Active exhausted = current;
				current = TenantScope.call(tenant, () -> refill(slot, exhausted));
				active.put(slot, current);
			}
			current.remaining.decrementAndGet();
			return new Lease(current.id, current.key);
		}
	}

	/** The data key {@code id}, which must belong to {@code tenant}. */
	SecretKey key(UUID id, TenantId tenant) {
		Loaded key = loaded.get(id, unknown -> TenantScope.call(tenant, () -> load(unknown)));
		if (!key.tenant().equals(tenant)) {
			throw new RampartException(ErrorCode.DECRYPTION_FAILED,
					"The ciphertext belongs to another tenant than the one it is read for.");
		}
		return key.key();
	}

	/** Forgets every unwrapped key, so the next use goes through the KEK again (after a version is retired). */
	void forget() {
		active.clear();
		loaded.invalidateAll();
	}

	private Active refill(Slot slot, @Nullable Active exhausted) {
		if (exhausted != null) {
			long granted = reserve(exhausted.id);
			if (granted > 0) {
				exhausted.remaining.set(granted);
				return exhausted;
			}
		}
		for (int attempt = 0; attempt < 3; attempt++) {
			Optional<Row> latest = latest(slot);
			if (latest.isPresent() && usable(latest.get())) {
				long granted = reserve(latest.get().id());
				if (granted > 0) {
					Active fresh = new Active(latest.get().id(), unwrap(latest.get()));
					fresh.remaining.set(granted);
					return fresh;
				}
			}
			create(slot, latest.map(Row::generation).orElse(0) + 1);
		}
		throw new IllegalStateException("could not obtain a data key for " + slot);
	}

	private record Row(UUID id, TenantId tenant, int generation, int kekVersion, String wrappedKey) {
	}

	/** A key wrapped under a retired KEK version is never encrypted under again: a new generation replaces it. */
	private boolean usable(Row row) {
		return row.kekVersion() >= kek.status().minDecryptionVersion();
	}

	private Optional<Row> latest(Slot slot) {
		return ownTransaction.execute(status -> jdbc.sql("""
				select id, tenant_id, generation, kek_version, wrapped_key from data_keys
				where tenant_id = :tenant and purpose = :purpose order by generation desc limit 1""")
			.param("tenant", slot.tenant().value())
			.param("purpose", slot.purpose().name())
			.query((rs, n) -> new Row(rs.getObject(1, UUID.class), new TenantId(rs.getObject(2, UUID.class)), rs.getInt(3),
					rs.getInt(4), rs.getString(5)))
			.optional());
	}

	/** Takes up to one block of the key's remaining budget; 0 when it is spent. */
	private long reserve(UUID id) {
		Long granted = ownTransaction.execute(status -> jdbc.sql("""
				update data_keys d set encryptions_reserved = least(d.encryptions_reserved + :block, :max)
				from (select id, encryptions_reserved as before from data_keys where id = :id for update) old
				where d.id = old.id and old.before < :max
				returning d.encryptions_reserved - old.before""")
			.param("block", limits.reserveBlock())
			.param("max", limits.maxEncryptions())
			.param("id", id)
			.query(Long.class)
			.optional()
			.orElse(0L));
		return granted == null ? 0 : granted;
	}

	private void create(Slot slot, int generation) {
		GeneratedDataKey generated = kek.generateDataKey();
		Arrays.fill(generated.plaintext(), (byte) 0);
		ownTransaction.executeWithoutResult(status -> jdbc.sql("""
				insert into data_keys (id, tenant_id, purpose, generation, kek_backend, kek_version, wrapped_key, created_at)
				values (:id, :tenant, :purpose, :generation, :backend, :version, :wrapped, :now)
				on conflict (tenant_id, purpose, generation) do nothing""")
			.param("id", UuidV7.next(clock))
			.param("tenant", slot.tenant().value())
			.param("purpose", slot.purpose().name())
			.param("generation", generation)
			.param("backend", kek.backend())
			.param("version", generated.wrapped().version())
			.param("wrapped", generated.wrapped().encoded())
			.param("now", java.sql.Timestamp.from(clock.instant()))
			.update());
	}

	private Loaded load(UUID id) {
		Row row = ownTransaction.execute(status -> jdbc.sql(
				"select id, tenant_id, generation, kek_version, wrapped_key from data_keys where id = :id")
			.param("id", id)
			.query((rs, n) -> new Row(rs.getObject(1, UUID.class), new TenantId(rs.getObject(2, UUID.class)), rs.getInt(3),
					rs.getInt(4), rs.getString(5)))
			.optional())
			.orElseThrow(() -> new RampartException(ErrorCode.DECRYPTION_FAILED,
					"The ciphertext refers to a data key that does not exist."));
		return new Loaded(row.tenant(), unwrap(row));
	}

	private SecretKey unwrap(Row row) {
		byte[] material = kek.unwrap(WrappedKey.parse(row.wrappedKey()));
		try {
			return Aes256Gcm.key(material);
		}
		finally {
			Arrays.fill(material, (byte) 0);
		}
	}
}
