package dev.rampart.shared;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * Time-ordered, unguessable ids (RFC 9562 version 7): 48 bits of milliseconds, then 74 random
 * bits from a {@link SecureRandom}. Time-ordering keeps B-tree inserts local; the random part
 * keeps ids unguessable across tenants.
 */
public final class UuidV7 {

	private static final SecureRandom RANDOM = new SecureRandom();

	private UuidV7() {
	}

	public static UUID next(Clock clock) {
		long millis = clock.millis();
		long randA = RANDOM.nextInt(1 << 12);
		long randB = RANDOM.nextLong();
		long msb = (millis << 16) | (0x7L << 12) | randA;
		long lsb = (randB & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
		return new UUID(msb, lsb);
	}
}
