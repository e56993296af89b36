package dev.rampart.identity.internal;

import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.rampart.identity.PasswordProperties;
import org.jspecify.annotations.Nullable;

/**
 * An Argon2id hash in the PHC string format,
 * {@code $argon2id$v=19$m=<KiB>,t=<iterations>,p=<lanes>$<salt>$<hash>} with base64 without padding.
 * {@link #parse} refuses anything else, including costs above the configurable maxima, so a tampered
 * row cannot make the server allocate gigabytes.
 */
record Argon2idHash(int memoryKib, int iterations, int parallelism, byte[] salt, byte[] hash) {

	private static final Pattern PHC = Pattern.compile(
			"\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,2}),p=(\\d{1,2})\\$([A-Za-z0-9+/]{11,86})\\$([A-Za-z0-9+/]{6,86})");

	private static final int MAX_ENCODED_LENGTH = 256;

	/** The hash {@code encoded} describes, or {@code null} when it is not a well-formed Argon2id PHC string. */
	static @Nullable Argon2idHash parse(String encoded) {
		if (encoded.length() > MAX_ENCODED_LENGTH) {
			return null;
		}
		Matcher m = PHC.matcher(encoded);
		if (!m.matches()) {
			return null;
		}
		int memoryKib = Integer.parseInt(m.group(1));
		int iterations = Integer.parseInt(m.group(2));
		int parallelism = Integer.parseInt(m.group(3));
		if (parallelism < 1 || parallelism > PasswordProperties.MAX_PARALLELISM || iterations < 1
				|| iterations > PasswordProperties.MAX_ITERATIONS || memoryKib < 8 * parallelism
				|| memoryKib > PasswordProperties.MAX_MEMORY_KIB) {
			return null;
		}
		try {
			byte[] salt = Base64.getDecoder().decode(m.group(4));
			byte[] hash = Base64.getDecoder().decode(m.group(5));
			if (salt.length < 8 || salt.length > 64 || hash.length < 4 || hash.length > 64) {
				return null;
			}
			return new Argon2idHash(memoryKib, iterations, parallelism, salt, hash);
		}
		catch (IllegalArgumentException notBase64) {
			return null;
		}
	}

	String encode() {
		Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
		return "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism + "$" + b64.encodeToString(salt)
				+ "$" + b64.encodeToString(hash);
	}

	/** Whether this hash was made with exactly the configured cost, salt length and hash length. */
	boolean hasParameters(PasswordProperties properties) {
		return memoryKib == properties.memoryKib() && iterations == properties.iterations()
				&& parallelism == properties.parallelism() && salt.length == properties.saltLength()
				&& hash.length == properties.hashLength();
	}

	@Override
	public String toString() {
		return "Argon2idHash[m=" + memoryKib + ", t=" + iterations + ", p=" + parallelism + "]";
	}
}
