package dev.rampart.identity;

import dev.rampart.shared.startup.StartupProblem;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code rampart.identity.passwords.*}: the Argon2id cost of a password hash and the length limits
 * of a password (docs/passwords.md). The defaults are OWASP's minimum Argon2id configuration.
 * Changing a cost parameter re-hashes each user's password at their next successful sign-in.
 *
 * @param memoryKib memory per hash in KiB (default 19456 = 19 MiB)
 * @param iterations passes over the memory (default 2)
 * @param parallelism lanes (default 1)
 * @param saltLength random salt per hash, in bytes (default 16)
 * @param hashLength Argon2id output, in bytes (default 32)
 * @param minLength fewest characters a chosen password may have (default 12)
 * @param maxLength most characters a password may have (default 128); longer ones are refused
 * before hashing, so nobody can make the server hash megabytes
 */
@ConfigurationProperties("rampart.identity.passwords")
@Validated
public record PasswordProperties(@DefaultValue("19456") @Min(MIN_MEMORY_KIB) @Max(MAX_MEMORY_KIB) int memoryKib,
		@DefaultValue("2") @Min(1) @Max(MAX_ITERATIONS) int iterations,
		@DefaultValue("1") @Min(1) @Max(MAX_PARALLELISM) int parallelism,
		@DefaultValue("16") @Min(16) @Max(64) int saltLength,
		@DefaultValue("32") @Min(16) @Max(64) int hashLength,
		@DefaultValue("12") @Min(8) @Max(64) int minLength,
		@DefaultValue("128") @Min(64) @Max(1024) int maxLength) {

	/** OWASP's cheapest Argon2id configuration (with 5 iterations) uses 7 MiB. */
	public static final int MIN_MEMORY_KIB = 7168;

	/** 1 GiB; also the most a stored hash may ask for before it is treated as malformed. */
	public static final int MAX_MEMORY_KIB = 1_048_576;

	public static final int MAX_ITERATIONS = 10;

	public static final int MAX_PARALLELISM = 16;

	public PasswordProperties {
		if (minLength > maxLength) {
			throw new StartupProblem("The password min-length " + minLength + " is greater than the max-length " + maxLength
					+ " (rampart.identity.passwords).",
					"Set rampart.identity.passwords.min-length below rampart.identity.passwords.max-length.");
		}
	}
}
