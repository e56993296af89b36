package dev.rampart.secrets;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code rampart.secrets.*}: which backend holds the key-encryption keys, where secrets are read
 * from, and the limits of data keys. Defaults suit a single node with no external services.
 *
 * @param kek the key-encryption backend
 * @param store where {@link SecretManager} keeps secrets it writes: {@code database} or {@code vault}
 * @param cacheTtl how long {@link SecretManager} serves a secret from memory (default 5 min)
 * @param dataKey limits of envelope data keys
 * @param rewrap the background job that moves data keys to the current KEK version
 * @param vault Vault/OpenBao connection, used when {@code kek.backend} or {@code store} is {@code vault}
 */
@ConfigurationProperties("rampart.secrets")
@Validated
public record SecretsProperties(@Valid @DefaultValue Kek kek, @DefaultValue("database") Store store,
		@DefaultValue("5m") Duration cacheTtl, @Valid @DefaultValue DataKey dataKey, @Valid @DefaultValue Rewrap rewrap,
		@Valid @DefaultValue Vault vault) {

	public enum Backend {
		KEYRING, VAULT
	}

	public enum Store {
		DATABASE, VAULT
	}

	/**
	 * @param backend {@code keyring} (default) or {@code vault}
	 * @param keyringPath the keyring file; empty means {@code <data-dir>/keyring.json} ({@code RAMPART_KEYRING_PATH})
	 * @param masterKey a key that wraps the keyring file itself ({@code RAMPART_MASTER_KEY}): 32 bytes in
	 * base64, or a passphrase of at least 16 characters
	 * @param masterKeyFile a file holding the master key ({@code RAMPART_MASTER_KEY_FILE})
	 */
	public record Kek(@DefaultValue("keyring") Backend backend, @Nullable Path keyringPath, @Nullable String masterKey,
			@Nullable Path masterKeyFile) {

		@Override
		public String toString() {
			return "Kek[backend=" + backend + ", keyringPath=" + keyringPath + ", masterKey="
					+ (masterKey == null ? "none" : SecretValue.REDACTED) + ", masterKeyFile=" + masterKeyFile + "]";
		}
	}

	/**
	 * @param maxEncryptions encryptions under one data key before a new one replaces it, across all
	 * nodes; far below the 2^32 limit for random 96-bit nonces
	 * @param reserveBlock encryptions a node reserves from a data key's budget in one database update
	 */
	public record DataKey(@DefaultValue("1073741824") @Min(1) @Max(4294967296L) long maxEncryptions,
			@DefaultValue("65536") @Min(1) long reserveBlock) {
	}

	/**
	 * @param batchSize data keys re-wrapped per transaction
	 * @param interval how often each node checks for data keys under an old KEK version
	 */
	public record Rewrap(@DefaultValue("100") @Min(1) @Max(10000) int batchSize, @DefaultValue("10m") @NotNull Duration interval) {
	}

	/**
	 * @param uri Vault or OpenBao address ({@code RAMPART_VAULT_URI})
	 * @param token the token Rampart authenticates with ({@code RAMPART_VAULT_TOKEN})
	 * @param transitMount path of the transit engine
	 * @param transitKey name of the transit key that wraps data keys
	 * @param kvMount path of the KV v2 engine
	 * @param kvPrefix prefix under which Rampart keeps its secrets in KV
	 * @param timeout connect and read timeout of each call
	 */
	public record Vault(@Nullable URI uri, @Nullable String token, @DefaultValue("transit") @NotBlank String transitMount,
			@DefaultValue("rampart") @NotBlank String transitKey, @DefaultValue("secret") @NotBlank String kvMount,
			@DefaultValue("rampart/") String kvPrefix, @DefaultValue("5s") Duration timeout) {

		@Override
		public String toString() {
			return "Vault[uri=" + uri + ", token=" + (token == null ? "none" : SecretValue.REDACTED) + ", transitMount="
					+ transitMount + ", transitKey=" + transitKey + ", kvMount=" + kvMount + ", kvPrefix=" + kvPrefix + "]";
		}
	}
}
