package dev.rampart.secrets.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import dev.rampart.shared.startup.StartupProblem;

/**
 * The key that seals the keyring file. Either 32 random bytes in base64 (used as they are) or a
 * passphrase of at least 16 characters, stretched with PBKDF2-HMAC-SHA256 (600,000 iterations, the
 * OWASP 2023 figure) and a random salt stored in the sealed file.
 */
final class MasterKey {

	static final String RAW = "raw";
	static final String PBKDF2 = "PBKDF2WithHmacSHA256";
	static final int PBKDF2_ITERATIONS = 600_000;
	private static final int MIN_PASSPHRASE = 16;

	private final char[] value;

	private MasterKey(char[] value) {
		this.value = value;
	}

	static MasterKey of(String value) {
		String trimmed = value.strip();
		if (decodeRaw(trimmed) == null && trimmed.length() < MIN_PASSPHRASE) {
			throw new StartupProblem("The master key is too short: it must be 32 bytes in base64 or a passphrase of at least "
					+ MIN_PASSPHRASE + " characters.", "Set RAMPART_MASTER_KEY to a longer value, e.g. the output of: openssl rand -base64 32");
		}
		return new MasterKey(trimmed.toCharArray());
	}

	/** How this key is turned into an AES key: {@link #RAW} or {@link #PBKDF2}. */
	String kdf() {
		return decodeRaw(new String(value)) != null ? RAW : PBKDF2;
	}

	SecretKey derive(String kdf, byte[] salt, int iterations) {
		if (RAW.equals(kdf)) {
			byte[] raw = decodeRaw(new String(value));
			if (raw == null) {
				throw new StartupProblem("The keyring was sealed with a 32-byte base64 master key, but the master key given is a passphrase.",
						"Start with the RAMPART_MASTER_KEY that was used when the keyring was sealed.");
			}
			return Aes256Gcm.key(raw);
		}
		PBEKeySpec spec = new PBEKeySpec(value, salt, iterations, 256);
		try {
			byte[] derived = SecretKeyFactory.getInstance(PBKDF2).generateSecret(spec).getEncoded();
			return Aes256Gcm.key(derived);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available in this JDK", ex);
		}
		finally {
			spec.clearPassword();
		}
	}

	void wipe() {
		Arrays.fill(value, '\0');
	}

	private static byte[] decodeRaw(String candidate) {
		try {
			byte[] decoded = Base64.getDecoder().decode(candidate.getBytes(StandardCharsets.US_ASCII));
			return decoded.length == Aes256Gcm.KEY_BYTES ? decoded : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}
}
