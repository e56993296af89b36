package dev.rampart.secrets.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;

import dev.rampart.secrets.KeyServiceUnavailableException;
import dev.rampart.secrets.KeyVersionRetiredException;
import dev.rampart.secrets.WrappedKey;
import dev.rampart.shared.TenantTransactions;
import dev.rampart.shared.startup.StartupProblem;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Opens the local keyring only if it belongs to the database: a missing keyring is created only
 * while no data key exists, and one data key per KEK version must unwrap. Otherwise start-up stops
 * before anything is written, because a wrong or new keyring would make the stored secrets unreadable.
 */
final class KeyringGuard {

	private record Sample(String backend, int version, String wrappedKey, long count) {
	}

	private KeyringGuard() {
	}

	static LocalKeyring open(Path path, @Nullable String masterKey, JdbcClient jdbc, TenantTransactions transactions,
			Clock clock) {
		List<Sample> samples = transactions.asSystem("the keyring must unwrap every tenant's data keys", () -> jdbc.sql("""
				select kek_backend, kek_version, min(wrapped_key), count(*) from data_keys
				group by kek_backend, kek_version order by kek_version""")
			.query((rs, n) -> new Sample(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getLong(4)))
			.list());
		long dataKeys = samples.stream().mapToLong(Sample::count).sum();
		for (Sample sample : samples) {
			if (!"keyring".equals(sample.backend())) {
				throw new StartupProblem("The database holds " + sample.count() + " data keys wrapped by " + sample.backend()
						+ ", but rampart.secrets.kek.backend is keyring.",
						"Start with the key backend these keys were wrapped by (RAMPART_SECRETS_KEK_BACKEND=vault and its settings).");
			}
		}
		if (!KeyringFile.exists(path) && dataKeys > 0) {
			throw new StartupProblem("The keyring " + path + " is missing, but the database holds " + dataKeys
					+ " data keys wrapped by a keyring.",
					"Restore the keyring from your backup or point RAMPART_KEYRING_PATH at it; a new keyring would make the encrypted data unreadable.");
		}
		LocalKeyring keyring = LocalKeyring.open(path, masterKey, clock, true);
		for (Sample sample : samples) {
			try {
				byte[] key = keyring.unwrap(WrappedKey.parse(sample.wrappedKey()));
				Arrays.fill(key, (byte) 0);
			}
			catch (KeyVersionRetiredException retired) {
				// retired on purpose: those keys are meant to be unreadable now
			}
			catch (KeyServiceUnavailableException ex) {
				throw new StartupProblem("The keyring " + path + " does not open the data keys in this database (KEK version "
						+ sample.version() + ").",
						"Start with the keyring file that belongs to this database (restore it from the backup taken with the database).");
			}
		}
		return keyring;
	}
}
