package dev.rampart.secrets.internal.vault;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

import dev.rampart.secrets.SecretSource;
import dev.rampart.secrets.SecretValue;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.RampartException;

/**
 * Keeps secrets in a Vault/OpenBao KV v2 engine, one secret per path under the configured prefix, in a
 * single field {@code value}. Writes add a version; deletes remove the metadata, so every version is
 * gone. Paths are checked by {@link VaultPaths#requireSecretPath}.
 */
final class VaultKvSecretSource implements SecretSource {

	static final String NAME = "vault-kv";
	static final String FIELD = "value";

	private final VaultCalls vault;
	private final String mount;
	private final String prefix;

	VaultKvSecretSource(VaultCalls vault, String mount, String prefix) {
		this.vault = vault;
		this.mount = VaultPaths.trimSlashes(mount);
		this.prefix = VaultPaths.folder(prefix);
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public boolean writable() {
		return true;
	}

	@Override
	public Optional<SecretValue> read(String path) {
		String dataPath = dataPath(path);
		Map<String, Object> response = vault.read(dataPath);
		// A deleted or destroyed latest version answers 404, or 200 with "data": null.
		if (response == null || !(response.get("data") instanceof Map<?, ?> fields)) {
			return Optional.empty();
		}
		if (!(fields.get(FIELD) instanceof String value)) {
			throw new RampartException(ErrorCode.SECRET_NOT_FOUND,
					"The Vault secret at " + dataPath + " has no string field \"" + FIELD + "\".");
		}
		return Optional.of(SecretValue.of(value));
	}

	@Override
	public void write(String path, SecretValue value) {
		char[] chars = value.chars();
		try {
			vault.write(dataPath(path), Map.of("data", Map.of(FIELD, chars)));
		}
		finally {
			Arrays.fill(chars, '\0');
		}
	}

	@Override
	public boolean delete(String path) {
		String metadataPath = mount + "/metadata/" + prefix + VaultPaths.requireSecretPath(path);
		Map<String, Object> metadata = vault.read(metadataPath);
		if (metadata == null) {
			return false;
		}
		vault.delete(metadataPath);
		return true;
	}

	private String dataPath(String path) {
		return mount + "/data/" + prefix + VaultPaths.requireSecretPath(path);
	}
}
