package dev.rampart.secrets;

/**
 * A data key wrapped by a {@link KeyEncryptionService}, in the backend's own text form (for example
 * {@code keyring:v2:...} or Vault's {@code vault:v2:...}), with the KEK version it was wrapped under.
 * Safe to store and log: it reveals nothing without the KEK.
 */
public record WrappedKey(int version, String encoded) {

	public WrappedKey {
		if (version < 1) {
			throw new IllegalArgumentException("KEK versions start at 1");
		}
	}

	/** Reads the version from the {@code <backend>:v<N>:<payload>} form both backends use. */
	public static WrappedKey parse(String encoded) {
		String[] parts = encoded.split(":", 3);
		if (parts.length != 3 || !parts[1].startsWith("v")) {
			throw new IllegalArgumentException("not a wrapped key: expected <backend>:v<version>:<payload>");
		}
		return new WrappedKey(Integer.parseInt(parts[1].substring(1)), encoded);
	}
}
