package dev.rampart.secrets.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;

import dev.rampart.secrets.EncryptionContext;
import dev.rampart.secrets.EnvelopeEncryption;
import dev.rampart.secrets.KeyPurpose;
import dev.rampart.secrets.SecretSource;
import dev.rampart.secrets.SecretValue;
import dev.rampart.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The default {@link SecretSource}: rows of {@code stored_secrets}, each envelope-encrypted and bound to its path. */
final class DatabaseSecretSource implements SecretSource {

	private final JdbcClient jdbc;
	private final EnvelopeEncryption encryption;
	private final Clock clock;

	DatabaseSecretSource(JdbcClient jdbc, EnvelopeEncryption encryption, Clock clock) {
		this.jdbc = jdbc;
		this.encryption = encryption;
		this.clock = clock;
	}

	@Override
	public String name() {
		return "database";
	}

	@Override
	public Optional<SecretValue> read(String path) {
		return jdbc.sql("select ciphertext from stored_secrets where path = :path")
			.param("path", path)
			.query(byte[].class)
			.optional()
			.map(ciphertext -> encryption.decryptSecret(context(path), ciphertext));
	}

	@Override
	public boolean writable() {
		return true;
	}

	@Override
	public void write(String path, SecretValue value) {
		jdbc.sql("""
				insert into stored_secrets (path, ciphertext, version, updated_at) values (:path, :ciphertext, 1, :now)
				on conflict (path) do update set ciphertext = excluded.ciphertext,
					version = stored_secrets.version + 1, updated_at = excluded.updated_at""")
			.param("path", path)
			.param("ciphertext", encryption.encrypt(KeyPurpose.SECRETS, context(path), value))
			.param("now", Timestamp.from(clock.instant()))
			.update();
	}

	@Override
	public boolean delete(String path) {
		return jdbc.sql("delete from stored_secrets where path = :path").param("path", path).update() > 0;
	}

	private static EncryptionContext context(String path) {
		return EncryptionContext.of(TenantId.PLATFORM, "stored_secrets", "ciphertext", path);
	}
}
