package dev.rampart.gateway.threats;

import java.time.Clock;
import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.rampart.shared.ClockTicker;
import dev.rampart.shared.TenantId;

/**
 * Each key's usual level of requests and tokens: exponentially weighted means of the log counts of
 * its unflagged windows (weight {@link #ALPHA} for the newest; a plain mean over the first ten). Bounded; a key unseen for a day is forgotten.
 */
final class Usuals {

	static final int MIN_HISTORY = 10;
	static final double ALPHA = 0.1;

	private final Cache<Key, Usual> usuals;

	private record Key(Level level, TenantId tenant, String key) {
	}

	/** A key's usual levels; {@link #known()} once it has {@link #MIN_HISTORY} windows. */
	record Usual(double logRequests, double logTokens, int windows) {

		static final Usual NONE = new Usual(0, 0, 0);

		boolean known() {
			return windows >= MIN_HISTORY;
		}

		Usual plus(WindowCounts c) {
			double requests = Math.log1p(c.requests());
			double tokens = Math.log1p(c.tokens());
			if (windows == 0) {
				return new Usual(requests, tokens, 1);
			}
			double weight = Math.max(ALPHA, 1.0 / (windows + 1)); // a plain mean until there are 1/ALPHA windows
			return new Usual(logRequests + weight * (requests - logRequests), logTokens + weight * (tokens - logTokens),
					windows + 1);
		}
	}

	Usuals(Clock clock, long maxKeys) {
		this.usuals = Caffeine.newBuilder()
			.maximumSize(maxKeys)
			.expireAfterAccess(Duration.ofDays(1))
			.ticker(new ClockTicker(clock))
			.build();
	}

	Usual of(ClosedWindow window) {
		Usual usual = usuals.getIfPresent(new Key(window.level(), window.tenant(), window.key()));
		return usual == null ? Usual.NONE : usual;
	}

	void learn(ClosedWindow window) {
		usuals.asMap().merge(new Key(window.level(), window.tenant(), window.key()), Usual.NONE.plus(window.counts()),
				(old, first) -> old.plus(window.counts()));
	}
}
