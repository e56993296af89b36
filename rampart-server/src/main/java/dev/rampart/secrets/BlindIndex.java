package dev.rampart.secrets;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Keyed HMAC-SHA256 digests that let an encrypted column be searched for equality (login by e-mail)
 * without storing the value in clear. Each scope (e.g. {@code users.email}) has its own 256-bit key,
 * created on first use and kept encrypted under the KEK. What it does not hide: equal values have
 * equal digests, so the number of rows sharing a value is visible to whoever reads the table.
 * Digest keys are not rotated with the KEK (re-indexing needs every plaintext); rotating the KEK
 * re-wraps them like any other secret.
 */
public interface BlindIndex {

	/** The 32-byte digest of {@code value} in {@code scope}; normalise the value first (see {@link #normalizeEmail}). */
	byte[] digest(String scope, String value);

	/** Trimmed, Unicode NFKC, lower-cased: the form under which two spellings of an address are one user. */
	static String normalizeEmail(String email) {
		return Normalizer.normalize(email.strip(), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
	}
}
