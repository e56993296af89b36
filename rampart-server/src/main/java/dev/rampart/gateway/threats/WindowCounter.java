package dev.rampart.gateway.threats;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counts of one key in one window, updated without locks by concurrent requests. Distinct
 * resources are estimated by linear counting in a 2,048-bit bitmap: exact enough (a few percent)
 * up to a few thousand distinct paths per window, and a fixed 256 bytes whatever is touched.
 */
final class WindowCounter {

	private static final int BITS = 2048;

	private final LongAdder requests = new LongAdder();
	private final LongAdder unauthorized = new LongAdder();
	private final LongAdder forbidden = new LongAdder();
	private final LongAdder notFound = new LongAdder();
	private final LongAdder runs = new LongAdder();
	private final LongAdder tokens = new LongAdder();
	private final LongAdder bytesOut = new LongAdder();
	private final AtomicLongArray seen = new AtomicLongArray(BITS / 64);

	void request(int status, int resourceHash, long bytes, boolean runCreation) {
		requests.increment();
		switch (status) {
			case 401 -> unauthorized.increment();
			case 403 -> forbidden.increment();
			case 404 -> notFound.increment();
			default -> {
			}
		}
		if (runCreation) {
			runs.increment();
		}
		if (bytes > 0) {
			bytesOut.add(bytes);
		}
		int bit = mix(resourceHash) & (BITS - 1);
		long mask = 1L << (bit & 63);
		if ((seen.get(bit >>> 6) & mask) == 0) {
			seen.accumulateAndGet(bit >>> 6, mask, (word, add) -> word | add);
		}
	}

	void tokens(long spent) {
		tokens.add(spent);
	}

	WindowCounts counts() {
		long total = requests.sum();
		return new WindowCounts(total, Math.min(total, distinct()), unauthorized.sum(), forbidden.sum(), notFound.sum(), runs.sum(),
				tokens.sum(), bytesOut.sum());
	}

	private long distinct() {
		int set = 0;
		for (int i = 0; i < seen.length(); i++) {
			set += Long.bitCount(seen.get(i));
		}
		if (set == 0) {
			return 0;
		}
		int empty = Math.max(1, BITS - set);
		return Math.round(BITS * Math.log((double) BITS / empty));
	}

	/** Spreads String hash codes, whose low bits are poor for paths that differ only near the end. */
	private static int mix(int h) {
		h ^= h >>> 16;
		h *= 0x85ebca6b;
		h ^= h >>> 13;
		h *= 0xc2b2ae35;
		return h ^ (h >>> 16);
	}
}
