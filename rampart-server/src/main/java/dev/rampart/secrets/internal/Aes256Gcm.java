package dev.rampart.secrets.internal;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM from the JDK provider: a fresh random 96-bit nonce for every encryption and a 128-bit
 * tag. {@link #seal} writes {@code nonce || ciphertext || tag} after a caller-given prefix; nothing
 * here decides what the associated data is, callers do.
 */
final class Aes256Gcm {

	static final int KEY_BYTES = 32;
	static final int NONCE_BYTES = 12;
	static final int TAG_BYTES = 16;

	private static final String TRANSFORMATION = "AES/GCM/NoPadding";
	private static final SecureRandom RANDOM = new SecureRandom();

	private Aes256Gcm() {
	}

	static byte[] newKey() {
		byte[] key = new byte[KEY_BYTES];
		RANDOM.nextBytes(key);
		return key;
	}

	static SecretKey key(byte[] material) {
		if (material.length != KEY_BYTES) {
			throw new IllegalArgumentException("AES-256 needs a 32-byte key, got " + material.length);
		}
		return new SecretKeySpec(material, "AES");
	}

	static byte[] randomBytes(int count) {
		byte[] bytes = new byte[count];
		RANDOM.nextBytes(bytes);
		return bytes;
	}

	/**
	 * Encrypts {@code plaintext} and returns {@code prefix || nonce || ciphertext || tag}. The
	 * associated data is authenticated, not stored.
	 */
	static byte[] seal(SecretKey key, byte[] prefix, byte[] associatedData, byte[] plaintext) {
		byte[] out = new byte[prefix.length + NONCE_BYTES + plaintext.length + TAG_BYTES];
		System.arraycopy(prefix, 0, out, 0, prefix.length);
		byte[] nonce = randomBytes(NONCE_BYTES);
		System.arraycopy(nonce, 0, out, prefix.length, NONCE_BYTES);
		try {
			Cipher cipher = Cipher.getInstance(TRANSFORMATION);
			cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, out, prefix.length, NONCE_BYTES));
			cipher.updateAAD(associatedData);
			cipher.doFinal(plaintext, 0, plaintext.length, out, prefix.length + NONCE_BYTES);
			return out;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM is not available in this JDK", ex);
		}
	}

	/**
	 * Decrypts what {@link #seal} produced, skipping {@code prefixLength} bytes.
	 * @throws AEADBadTagException when the ciphertext, the prefix-derived data or the associated data was altered
	 */
	static byte[] open(SecretKey key, byte[] sealed, int prefixLength, byte[] associatedData) throws AEADBadTagException {
		if (sealed.length < prefixLength + NONCE_BYTES + TAG_BYTES) {
			throw new AEADBadTagException("ciphertext too short");
		}
		try {
			Cipher cipher = Cipher.getInstance(TRANSFORMATION);
			cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, sealed, prefixLength, NONCE_BYTES));
			cipher.updateAAD(associatedData);
			int offset = prefixLength + NONCE_BYTES;
			return cipher.doFinal(sealed, offset, sealed.length - offset);
		}
		catch (AEADBadTagException ex) {
			throw ex;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM is not available in this JDK", ex);
		}
	}

	/** The nonce of a sealed value, for tests and diagnostics. */
	static byte[] nonce(byte[] sealed, int prefixLength) {
		return Arrays.copyOfRange(sealed, prefixLength, prefixLength + NONCE_BYTES);
	}
}
