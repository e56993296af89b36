package dev.rampart.secrets.internal.vault;

import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

import dev.rampart.secrets.GeneratedDataKey;
import dev.rampart.secrets.KeyEncryptionService;
import dev.rampart.secrets.KeyServiceUnavailableException;
import dev.rampart.secrets.KeyStatus;
import dev.rampart.secrets.KeyVersionRetiredException;
import dev.rampart.secrets.WrappedKey;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.RampartException;
import org.jspecify.annotations.Nullable;

/**
 * Wraps data keys with a Vault/OpenBao transit key ({@code aes256-gcm96}, created on first use when
 * missing), so the KEK never leaves Vault; wrapped keys are Vault's own {@code vault:v<N>:...}
 * ciphertexts. Rotation and the minimum decryption version are Vault's; a refusal to decrypt under a
 * retired version is confirmed against the key's {@code min_decryption_version} before it is reported
 * as {@link KeyVersionRetiredException}.
 */
final class VaultTransitKeyEncryption implements KeyEncryptionService {

	static final String BACKEND = "vault-transit";
	private static final String PREFIX = "vault:";
	private static final int DATA_KEY_BITS = 256;

	private final VaultCalls vault;
	private final String mount;
	private final String key;
	private volatile boolean keyReady;

	VaultTransitKeyEncryption(VaultCalls vault, String mount, String key) {
		this.vault = vault;
		this.mount = VaultPaths.trimSlashes(mount);
		this.key = key;
	}

	@Override
	public String backend() {
		return BACKEND;
	}

	@Override
	public GeneratedDataKey generateDataKey() {
		ensureKey();
		Map<String, Object> data = required(vault.write(path("datakey/plaintext/"), Map.of("bits", DATA_KEY_BITS)),
				"datakey/plaintext/");
		byte[] plaintext = Base64.getDecoder().decode(field(data, "plaintext", "datakey/plaintext/"));
		if (plaintext.length != DATA_KEY_BITS / 8) {
			Arrays.fill(plaintext, (byte) 0);
			throw new KeyServiceUnavailableException("Vault returned a data key of the wrong length from "
					+ path("datakey/plaintext/") + ".", null);
		}
		return new GeneratedDataKey(plaintext, wrapped(data, "datakey/plaintext/"));
	}

	@Override
	public WrappedKey wrap(byte[] dataKey) {
		ensureKey();
		char[] encoded = base64(dataKey);
		try {
			return wrapped(required(vault.write(path("encrypt/"), Map.of("plaintext", encoded)), "encrypt/"), "encrypt/");
		}
		finally {
			Arrays.fill(encoded, '\0');
		}
	}

	@Override
	public byte[] unwrap(WrappedKey wrapped) {
		requireVaultCiphertext(wrapped);
		try {
			Map<String, Object> data = vault.writeOrReject(path("decrypt/"), Map.of("ciphertext", wrapped.encoded()));
			return Base64.getDecoder().decode(field(required(data, "decrypt/"), "plaintext", "decrypt/"));
		}
		catch (VaultCalls.Rejected ex) {
			throw refused(wrapped, ex);
		}
	}

	@Override
	public WrappedKey rewrap(WrappedKey wrapped) {
		requireVaultCiphertext(wrapped);
		try {
			return wrapped(required(vault.writeOrReject(path("rewrap/"), Map.of("ciphertext", wrapped.encoded())), "rewrap/"),
					"rewrap/");
		}
		catch (VaultCalls.Rejected ex) {
			throw refused(wrapped, ex);
		}
	}

	@Override
	public int rotate() {
		ensureKey();
		Map<String, Object> data = vault.write(keyPath() + "/rotate", null);
		// Vault before 1.14 answers 204 without the key; read it then.
		int latest = data == null ? 0 : TransitKey.number(data, "latest_version");
		return latest > 0 ? latest : readKey().latestVersion();
	}

	@Override
	public void setMinDecryptionVersion(int version) {
		if (version < 1) {
			throw new IllegalArgumentException("the minimum decryption version starts at 1");
		}
		ensureKey();
		int latest = readKey().latestVersion();
		if (version > latest) {
			throw new IllegalArgumentException(
					"the minimum decryption version " + version + " is above the current version " + latest);
		}
		vault.write(keyPath() + "/config", Map.of("min_decryption_version", version));
	}

	@Override
	public KeyStatus status() {
		ensureKey();
		TransitKey transitKey = readKey();
		return new KeyStatus(BACKEND, transitKey.latestVersion(), Math.max(1, transitKey.minDecryptionVersion()),
				transitKey.versions());
	}

	/** Creates the transit key when it does not exist; checked once per instance, retried after a failure. */
	private void ensureKey() {
		if (keyReady) {
			return;
		}
		synchronized (this) {
			if (keyReady) {
				return;
			}
			Map<String, Object> existing = vault.read(keyPath());
			if (existing == null) {
				vault.write(keyPath(), Map.of("type", "aes256-gcm96"));
			}
			else if (!TransitKey.from(existing).canWrapDataKeys()) {
				throw new KeyServiceUnavailableException("The transit key " + keyPath() + " is of type "
						+ TransitKey.from(existing).type() + " or derived, so it cannot wrap data keys: point "
						+ "rampart.secrets.vault.transit-key at a key of type aes256-gcm96.", null);
			}
			keyReady = true;
		}
	}

	private TransitKey readKey() {
		Map<String, Object> data = vault.read(keyPath());
		if (data == null) {
			keyReady = false;
			throw new KeyServiceUnavailableException("The transit key " + keyPath() + " does not exist in Vault.", null);
		}
		return TransitKey.from(data);
	}

	/** Decides what a 400 to decrypt or rewrap meant, from the key as Vault now describes it. */
	private RampartException refused(WrappedKey wrapped, VaultCalls.Rejected rejection) {
		Map<String, Object> data = vault.read(keyPath());
		if (data == null) {
			return new RampartException(ErrorCode.DECRYPTION_FAILED, "The transit key " + keyPath()
					+ " does not exist in Vault, so a data key wrapped by it cannot be unwrapped.", null, rejection);
		}
		int min = Math.max(1, TransitKey.from(data).minDecryptionVersion());
		if (wrapped.version() < min) {
			return new KeyVersionRetiredException(wrapped.version(), min);
		}
		return new RampartException(ErrorCode.DECRYPTION_FAILED, "Vault could not unwrap a data key wrapped under version "
				+ wrapped.version() + " of " + keyPath() + ": it is malformed, altered or from another key.", null, rejection);
	}

	private void requireVaultCiphertext(WrappedKey wrapped) {
		if (!wrapped.encoded().startsWith(PREFIX)) {
			String backend = wrapped.encoded().substring(0, Math.max(0, wrapped.encoded().indexOf(':')));
			throw new RampartException(ErrorCode.DECRYPTION_FAILED, "The data key was wrapped by the " + backend
					+ " backend, not by Vault transit: set rampart.secrets.kek.backend back to the backend that wrapped it.");
		}
	}

	private WrappedKey wrapped(Map<String, Object> data, String operation) {
		String ciphertext = field(data, "ciphertext", operation);
		try {
			return WrappedKey.parse(ciphertext);
		}
		catch (IllegalArgumentException ex) {
			throw new KeyServiceUnavailableException(
					"Vault returned a ciphertext without a vault:v<N>: prefix from " + path(operation) + ".", null);
		}
	}

	private String field(Map<String, Object> data, String field, String operation) {
		if (data.get(field) instanceof String value) {
			return value;
		}
		throw new KeyServiceUnavailableException("Vault's answer from " + path(operation) + " has no " + field + ".", null);
	}

	private Map<String, Object> required(@Nullable Map<String, Object> data, String operation) {
		if (data == null) {
			throw new KeyServiceUnavailableException("Vault answered " + path(operation) + " without data.", null);
		}
		return data;
	}

	private static char[] base64(byte[] bytes) {
		byte[] encoded = Base64.getEncoder().encode(bytes);
		char[] chars = new char[encoded.length];
		for (int i = 0; i < encoded.length; i++) {
			chars[i] = (char) encoded[i];
		}
		Arrays.fill(encoded, (byte) 0);
		return chars;
	}

	private String path(String operation) {
		return mount + "/" + operation + key;
	}

	private String keyPath() {
		return mount + "/keys/" + key;
	}
}
