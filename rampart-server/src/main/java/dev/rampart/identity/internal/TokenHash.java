package dev.rampart.identity.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The SHA-256 of a token, as a cache key: a cache keyed by it never holds the token itself, and
 * another token cannot collide with it.
 */
record TokenHash(long a, long b, long c, long d) {

	static TokenHash of(String token) {
		try {
			ByteBuffer digest = ByteBuffer
				.wrap(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
			return new TokenHash(digest.getLong(), digest.getLong(), digest.getLong(), digest.getLong());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	@Override
	public String toString() {
		return "TokenHash[" + Long.toHexString(a) + "...]";
	}
}
