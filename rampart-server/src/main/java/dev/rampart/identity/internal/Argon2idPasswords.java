package dev.rampart.identity.internal;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

import dev.rampart.identity.PasswordProperties;
import dev.rampart.identity.Passwords;
import dev.rampart.secrets.SecretValue;
import dev.rampart.shared.InvalidFieldsException;

/** {@link Passwords} with Argon2id under {@link PasswordProperties}, salts and generated passwords from a {@link SecureRandom}. */
final class Argon2idPasswords implements Passwords {

	/** Letters and digits without the look-alikes 0/O/o, 1/l/I: 55 symbols, 5.78 bits each. */
	private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789".toCharArray();

	static final int GENERATED_LENGTH = 24;

	private final PasswordProperties properties;
	private final SecureRandom random;
	private final Argon2idHash dummy;

	Argon2idPasswords(PasswordProperties properties, SecureRandom random) {
		this.properties = properties;
		this.random = random;
		try (SecretValue noise = generate()) {
			this.dummy = Objects.requireNonNull(Argon2idHash.parse(hash(noise)));
		}
	}

	@Override
	public String hash(SecretValue password) {
		if (PasswordText.surelyLongerThan(password, properties.maxLength())) {
			throw tooLong();
		}
		char[] chars = PasswordText.nfc(password);
		byte[] utf8 = null;
		try {
			if (PasswordText.codePoints(chars) > properties.maxLength()) {
				throw tooLong();
			}
			utf8 = PasswordText.utf8(chars);
			byte[] salt = new byte[properties.saltLength()];
			random.nextBytes(salt);
			byte[] tag = Argon2id.derive(utf8, salt, properties.memoryKib(), properties.iterations(),
					properties.parallelism(), properties.hashLength(), null, null);
			return new Argon2idHash(properties.memoryKib(), properties.iterations(), properties.parallelism(), salt, tag)
				.encode();
		}
		finally {
			Arrays.fill(chars, '\0');
			if (utf8 != null) {
				Arrays.fill(utf8, (byte) 0);
			}
		}
	}

	@Override
	public boolean matches(SecretValue password, String encoded) {
		Argon2idHash stored = Argon2idHash.parse(encoded);
		return stored != null && verify(password, stored);
	}

	@Override
	public boolean dummyMatch(SecretValue password) {
		verify(password, dummy);
		return false;
	}

	@Override
	public boolean needsRehash(String encoded) {
		Argon2idHash stored = Argon2idHash.parse(encoded);
		return stored == null || !stored.hasParameters(properties);
	}

	@Override
	public SecretValue generate() {
		char[] chars = new char[Math.max(GENERATED_LENGTH, properties.minLength())];
		try {
			for (int i = 0; i < chars.length; i++) {
				chars[i] = ALPHABET[random.nextInt(ALPHABET.length)];
			}
			return SecretValue.ofChars(chars);
		}
		finally {
			Arrays.fill(chars, '\0');
		}
	}

	private boolean verify(SecretValue password, Argon2idHash stored) {
		if (PasswordText.surelyLongerThan(password, properties.maxLength())) {
			return false;
		}
		char[] chars = PasswordText.nfc(password);
		byte[] utf8 = null;
		byte[] tag = null;
		try {
			if (PasswordText.codePoints(chars) > properties.maxLength()) {
				return false;
			}
			utf8 = PasswordText.utf8(chars);
			tag = Argon2id.derive(utf8, stored.salt(), stored.memoryKib(), stored.iterations(), stored.parallelism(),
					stored.hash().length, null, null);
			return MessageDigest.isEqual(tag, stored.hash());
		}
		catch (IllegalArgumentException | IllegalStateException refusedByBouncyCastle) {
			return false;
		}
		finally {
			Arrays.fill(chars, '\0');
			if (utf8 != null) {
				Arrays.fill(utf8, (byte) 0);
			}
			if (tag != null) {
				Arrays.fill(tag, (byte) 0);
			}
		}
	}

	private InvalidFieldsException tooLong() {
		return new InvalidFieldsException("password", "must be at most " + properties.maxLength() + " characters long");
	}
}
