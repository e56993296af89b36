package dev.rampart.identity.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.rampart.shared.ClockTicker;
import org.jspecify.annotations.Nullable;

/**
 * Growing delays after failed sign-ins, per account and per source address. The first few failures
 * cost nothing; each further one doubles the wait, capped low for an account (30 s, so an attacker
 * cannot lock its owner out for long) and higher for an address (5 min). Failures are forgotten 15
 * minutes after the last one; a success clears the account. State is per node (a cluster-wide
 * limit comes with the Redis-backed rate limiter, #5).
 */
final class LoginThrottle {

	static final int FREE_ACCOUNT_FAILURES = 5;
	static final int FREE_ADDRESS_FAILURES = 20;
	static final Duration ACCOUNT_CAP = Duration.ofSeconds(30);
	static final Duration ADDRESS_CAP = Duration.ofMinutes(5);
	static final Duration FORGET_AFTER = Duration.ofMinutes(15);

	private final Clock clock;
	private final Cache<String, Failures> accounts;
	private final Cache<String, Failures> addresses;

	private record Failures(int count, Instant last) {
	}

	LoginThrottle(Clock clock) {
		this.clock = clock;
		this.accounts = cache(clock);
		this.addresses = cache(clock);
	}

	/** How long the caller must wait before this attempt may be checked; empty when it may go ahead now. */
	Optional<Duration> retryAfter(String account, String address) {
		Instant now = clock.instant();
		Duration wait = max(remaining(accounts.getIfPresent(account), FREE_ACCOUNT_FAILURES, ACCOUNT_CAP, now),
				remaining(addresses.getIfPresent(address), FREE_ADDRESS_FAILURES, ADDRESS_CAP, now));
		return wait.isPositive() ? Optional.of(wait) : Optional.empty();
	}

	void failed(String account, String address) {
		Instant now = clock.instant();
		accounts.asMap().merge(account, new Failures(1, now), (old, one) -> new Failures(old.count() + 1, now));
		addresses.asMap().merge(address, new Failures(1, now), (old, one) -> new Failures(old.count() + 1, now));
	}

	void succeeded(String account) {
		accounts.invalidate(account);
	}

	/** The delay owed after {@code failures}: 1 s after the first failure over the free ones, doubling, capped. */
	static Duration delay(int failures, int free, Duration cap) {
		if (failures <= free) {
			return Duration.ZERO;
		}
		int doublings = Math.min(failures - free - 1, 20);
		Duration delay = Duration.ofSeconds(1L << doublings);
		return delay.compareTo(cap) > 0 ? cap : delay;
	}

	private static Duration remaining(@Nullable Failures failures, int free, Duration cap, Instant now) {
		if (failures == null) {
			return Duration.ZERO;
		}
		Duration owed = Duration.between(now, failures.last().plus(delay(failures.count(), free, cap)));
		return owed.isNegative() ? Duration.ZERO : owed;
	}

	private static Duration max(Duration a, Duration b) {
		return a.compareTo(b) >= 0 ? a : b;
	}

	private static Cache<String, Failures> cache(Clock clock) {
		return Caffeine.newBuilder()
			.expireAfterWrite(FORGET_AFTER)
			.maximumSize(100_000)
			.ticker(new ClockTicker(clock))
			.build();
	}
}
