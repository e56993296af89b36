package dev.rampart.identity;

import dev.rampart.secrets.SecretValue;

/**
 * Hashes and verifies passwords with Argon2id and generates passwords for new accounts. Hashes are
 * PHC strings ({@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}, base64 without padding) that
 * carry their own parameters, so hashes made under older settings keep verifying. Callers keep
 * ownership of every {@link SecretValue} they pass and close it themselves.
 */
public interface Passwords {

	/**
	 * Hashes {@code password} (after NFC normalisation) under the configured parameters and a fresh
	 * salt. Does not apply the {@link PasswordPolicy}: check it first where a user chooses a password.
	 *
	 * @throws dev.rampart.shared.InvalidFieldsException when the password is longer than the maximum length
	 */
	String hash(SecretValue password);

	/**
	 * Whether {@code password} is the one {@code encoded} was made from, compared in constant time. A
	 * malformed or unknown encoding, or a password over the maximum length, is simply {@code false}.
	 */
	boolean matches(SecretValue password, String encoded);

	/**
	 * Spends the time of one {@link #matches} under the configured parameters and returns
	 * {@code false}. Sign-in calls it when no user has the given e-mail address, so that the response
	 * time does not tell an attacker which addresses have accounts.
	 */
	boolean dummyMatch(SecretValue password);

	/**
	 * Whether {@code encoded} was made with other parameters than the configured ones (or cannot be
	 * read): after a successful {@link #matches}, store {@link #hash} of the same password instead.
	 */
	boolean needsRehash(String encoded);

	/**
	 * A random password for an account Rampart creates (24 characters, or the minimum length if that
	 * is larger, from an alphabet without look-alike characters), from {@link java.security.SecureRandom}.
	 * Whoever stores it must mark it {@link PasswordState#generated must change}. The caller closes it.
	 */
	SecretValue generate();
}
