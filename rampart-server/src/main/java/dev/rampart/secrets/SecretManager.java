package dev.rampart.secrets;

/**
 * Secrets by path, served from a TTL cache (default 5 minutes, {@code rampart.secrets.cache-ttl}) in
 * front of the configured {@link SecretSource}. Paths starting {@code env:} or {@code file:} read an
 * environment variable or a file, for development. Writes, deletes and key rotation invalidate the
 * cache. Every returned {@link SecretValue} is the caller's copy: close it when done.
 */
public interface SecretManager {

	/** @throws dev.rampart.shared.RampartException with {@code SECRET_NOT_FOUND} when nothing is stored at {@code path} */
	SecretValue getSecret(String path);

	/** Stores a new version at {@code path} in the configured store; the caller keeps ownership of {@code value}. */
	void putSecret(String path, SecretValue value);

	/** Removes the secret; false when there was none. */
	boolean deleteSecret(String path);

	/** Drops the cached copy of {@code path}, e.g. after it was changed behind Rampart's back in Vault. */
	void invalidate(String path);
}
