package dev.rampart.secrets;

/**
 * AES-256-GCM envelope encryption under per-tenant, per-purpose data keys that are wrapped by the
 * {@link KeyEncryptionService}. A ciphertext is self-describing: format byte, the id of its data
 * key (which fixes tenant, purpose and key version), a random 96-bit nonce, the ciphertext and tag.
 * Decryption needs the same {@link EncryptionContext} as encryption.
 */
public interface EnvelopeEncryption {

	byte[] encrypt(KeyPurpose purpose, EncryptionContext context, byte[] plaintext);

	/**
	 * @throws dev.rampart.shared.RampartException {@code DECRYPTION_FAILED} when the ciphertext was altered or the
	 * context differs, {@code KEY_VERSION_RETIRED} when its data key is wrapped under a retired KEK version
	 */
	byte[] decrypt(EncryptionContext context, byte[] ciphertext);

	default byte[] encrypt(KeyPurpose purpose, EncryptionContext context, SecretValue secret) {
		byte[] plaintext = secret.bytes();
		try {
			return encrypt(purpose, context, plaintext);
		}
		finally {
			java.util.Arrays.fill(plaintext, (byte) 0);
		}
	}

	default SecretValue decryptSecret(EncryptionContext context, byte[] ciphertext) {
		byte[] plaintext = decrypt(context, ciphertext);
		try {
			return SecretValue.ofBytes(plaintext);
		}
		finally {
			java.util.Arrays.fill(plaintext, (byte) 0);
		}
	}
}
