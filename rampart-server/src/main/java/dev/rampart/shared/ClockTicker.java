package dev.rampart.shared;

import java.time.Clock;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Ticker;

/** A Caffeine {@link Ticker} that reads the injected {@link Clock}, so tests expire cache entries by moving time. */
public record ClockTicker(Clock clock) implements Ticker {

	@Override
	public long read() {
		Instant now = clock.instant();
		return now.getEpochSecond() * 1_000_000_000L + now.getNano();
	}
}
