package dev.rampart.providers.internal.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import dev.rampart.MovableClock;
import dev.rampart.providers.spi.Usage;
import dev.rampart.shared.TenantId;
import org.junit.jupiter.api.Test;

/** The node's memory tier: time from the injected clock, a bound on bytes, and generations. */
class MemoryTierTest {

	private static final Duration TTL = Duration.ofMinutes(5);

	private final MovableClock clock = new MovableClock(Instant.parse("2026-11-24T10:00:00Z"));
	private final TenantId tenant = new TenantId(UUID.randomUUID());

	private CacheKey key(int n) {
		return new CacheKey(tenant, "sim", "sim-echo", String.format("%064x", n));
	}

	private Entry entry(int bytes, Duration life) {
		return new Entry(new CachedReply("x".repeat(10), "stop", new Usage(1, 2), Map.of(), "sim", "sim-echo",
				clock.instant()), bytes, clock.instant().plus(life));
	}

	@Test
	void anEntryExpiresAfterTheTtlAsTheClockMoves() {
		MemoryTier memory = new MemoryTier(clock, TTL, 1 << 20);
		memory.put(key(1), entry(100, Duration.ofHours(2)), 0);

		clock.advance(TTL.minusSeconds(1));
		assertThat(memory.get(key(1), 0)).isPresent();

		clock.advance(Duration.ofSeconds(1));
		assertThat(memory.get(key(1), 0)).isEmpty();
		assertThat(memory.entries()).isZero();
	}

	@Test
	void aPromotedEntryNeverOutlivesItsWholeLife() {
		MemoryTier memory = new MemoryTier(clock, TTL, 1 << 20);
		memory.put(key(1), entry(100, Duration.ofMinutes(1)), 0);
		memory.put(key(2), entry(100, Duration.ZERO), 0);

		assertThat(memory.get(key(2), 0)).isEmpty();
		clock.advance(Duration.ofMinutes(1));
		assertThat(memory.get(key(1), 0)).isEmpty();
	}

	@Test
	void theTierNeverHoldsMoreBytesThanItsBound() {
		int bytes = 1_000;
		long bound = 10L * (bytes + MemoryTier.KEY_OVERHEAD);
		MemoryTier memory = new MemoryTier(clock, TTL, bound);
		for (int i = 0; i < 10; i++) {
			memory.put(key(i), entry(bytes, Duration.ofHours(2)), 0);
		}
		assertThat(memory.entries()).isEqualTo(10);
		assertThat(memory.bytes()).isEqualTo(bound);

		for (int i = 10; i < 20; i++) {
			memory.put(key(i), entry(bytes, Duration.ofHours(2)), 0);
		}

		assertThat(memory.bytes()).isLessThanOrEqualTo(bound);
		assertThat(memory.entries()).isBetween(1L, 10L);
		assertThat(memory.sizeOf(tenant)[1]).isEqualTo(memory.entries() * bytes);
	}

	@Test
	void anEntryOfAnEarlierGenerationIsAMissAndInvalidationRemovesOnlyTheTenantsEntries() {
		MemoryTier memory = new MemoryTier(clock, TTL, 1 << 20);
		CacheKey other = new CacheKey(new TenantId(UUID.randomUUID()), "sim", "sim-echo", String.format("%064x", 1));
		memory.put(key(1), entry(100, Duration.ofHours(2)), 3);
		memory.put(key(2), entry(100, Duration.ofHours(2)), 3);
		memory.put(other, entry(100, Duration.ofHours(2)), 0);

		assertThat(memory.get(key(1), 4)).isEmpty();
		assertThat(memory.get(key(1), 3)).as("dropped when seen under a later generation").isEmpty();
		assertThat(memory.invalidate(tenant)).isEqualTo(1);
		assertThat(memory.get(other, 0)).isPresent();
		assertThat(memory.entries()).isEqualTo(1);
	}
}
