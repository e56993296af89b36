package dev.rampart.identity.internal;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.jspecify.annotations.Nullable;

/** Argon2id version 0x13 (RFC 9106) computed by Bouncy Castle; the one place Rampart calls it. */
final class Argon2id {

	private Argon2id() {
	}

	/**
	 * The {@code length}-byte tag of {@code password}. {@code secret} and {@code associatedData} are
	 * RFC 9106's optional inputs K and X (Rampart passes neither today). The caller wipes the result.
	 */
	static byte[] derive(byte[] password, byte[] salt, int memoryKib, int iterations, int parallelism, int length,
			byte @Nullable [] secret, byte @Nullable [] associatedData) {
		Argon2Parameters.Builder builder = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
			.withVersion(Argon2Parameters.ARGON2_VERSION_13)
			.withMemoryAsKB(memoryKib)
			.withIterations(iterations)
			.withParallelism(parallelism)
			.withSalt(salt);
		if (secret != null) {
			builder.withSecret(secret);
		}
		if (associatedData != null) {
			builder.withAdditional(associatedData);
		}
		Argon2Parameters parameters = builder.build();
		try {
			Argon2BytesGenerator generator = new Argon2BytesGenerator();
			generator.init(parameters);
			byte[] tag = new byte[length];
			generator.generateBytes(password, tag);
			return tag;
		}
		finally {
			parameters.clear();
		}
	}
}
