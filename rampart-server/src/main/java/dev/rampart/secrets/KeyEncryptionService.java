package dev.rampart.secrets;

/**
 * Wraps data keys under a versioned key-encryption key (KEK) that never leaves the backend. The
 * local keyring is the default; Vault/OpenBao transit is chosen with
 * {@code rampart.secrets.kek.backend=vault}. Implementations must be thread-safe, must refuse to
 * unwrap under a version below {@link KeyStatus#minDecryptionVersion()} with
 * {@link KeyVersionRetiredException}, and must report an unreachable backend with
 * {@link KeyServiceUnavailableException} so callers can retry.
 */
public interface KeyEncryptionService {

	/** A short name for logs, status and metrics: {@code keyring} or {@code vault-transit}. */
	String backend();

	/** A fresh random 256-bit data key, returned both in plaintext (caller wipes it) and wrapped. */
	GeneratedDataKey generateDataKey();

	/** Wraps {@code dataKey} under the current KEK version. */
	WrappedKey wrap(byte[] dataKey);

	/** The plaintext data key; the caller wipes it when done. */
	byte[] unwrap(WrappedKey wrapped);

	/** Re-wraps under the current KEK version; where the backend allows, without revealing the data key. */
	WrappedKey rewrap(WrappedKey wrapped);

	/** Adds a KEK version and makes it current; returns the new current version. */
	int rotate();

	/** Refuses, from now on, to unwrap anything wrapped under a version lower than {@code version}. */
	void setMinDecryptionVersion(int version);

	KeyStatus status();
}
