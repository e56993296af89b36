package dev.rampart.secrets;

import java.util.Optional;

/**
 * Where {@link SecretManager} reads secrets from: the database (encrypted rows, the default),
 * Vault/OpenBao KV v2, or environment variables and files for development. A source that cannot be
 * written to says so with {@link #writable()}; a source that cannot be reached throws
 * {@link KeyServiceUnavailableException}.
 */
public interface SecretSource {

	/** {@code database}, {@code vault-kv} or {@code env-file}. */
	String name();

	Optional<SecretValue> read(String path);

	boolean writable();

	/** Stores a new version of the secret at {@code path}; the caller keeps ownership of {@code value}. */
	default void write(String path, SecretValue value) {
		throw new UnsupportedOperationException(name() + " is read-only");
	}

	/** Deletes the secret at {@code path}; false when there was none. */
	default boolean delete(String path) {
		throw new UnsupportedOperationException(name() + " is read-only");
	}
}
