package dev.rampart.providers.internal.cache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;

/**
 * A warning logged at most once per period, with the count of the ones held back: a tier that is down fails on
 * every call, and the log must say so once, not thousands of times a minute.
 */
final class ThrottledLog {

	static final Duration PERIOD = Duration.ofMinutes(1);

	private final Logger log;
	private final Clock clock;
	private final AtomicReference<Instant> next = new AtomicReference<>(Instant.MIN);
	private final AtomicLong held = new AtomicLong();

	ThrottledLog(Logger log, Clock clock) {
		this.log = log;
		this.clock = clock;
	}

	void warn(String what, Throwable failure) {
		Instant now = clock.instant();
		Instant due = next.get();
		if (now.isBefore(due) || !next.compareAndSet(due, now.plus(PERIOD))) {
			held.incrementAndGet();
			return;
		}
		long more = held.getAndSet(0);
		log.warn("{} ({}: {}){}", what, failure.getClass().getSimpleName(), failure.getMessage(),
				more == 0 ? "" : "; " + more + " more such failures since the last warning");
	}
}
