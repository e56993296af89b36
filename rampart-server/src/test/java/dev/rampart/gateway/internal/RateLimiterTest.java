package dev.rampart.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import dev.rampart.MovableClock;
import dev.rampart.gateway.RateLimitProperties.Limit;
import dev.rampart.gateway.internal.RateLimiter.Outcome;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

	private final MovableClock clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));
	private final RateLimiter limiter = new RateLimiter(clock, 1000, null, Duration.ofSeconds(5));

	@Test
	void aBurstIsHonouredThenRequestsWaitForTheRefill() {
		Limit limit = Limit.valueOf("60/1m burst 5");
		for (int i = 0; i < 5; i++) {
			assertThat(limiter.take(LimitKind.TENANT, "t1", limit).allowed()).isTrue();
		}
		Outcome refused = limiter.take(LimitKind.TENANT, "t1", limit);
		assertThat(refused.allowed()).isFalse();
		assertThat(refused.remaining()).isZero();
		assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(1));
		assertThat(RateLimitResponses.seconds(refused.reset())).isEqualTo(5);
	}

	@Test
	void steadyTrafficAtTheRefillRatePassesAfterTheBurst() {
		Limit limit = Limit.valueOf("60/1m burst 5");
		for (int i = 0; i < 5; i++) {
			limiter.take(LimitKind.READS, "u1", limit);
		}
		for (int second = 0; second < 30; second++) {
			clock.advance(Duration.ofSeconds(1));
			assertThat(limiter.take(LimitKind.READS, "u1", limit).allowed()).as("second %d", second).isTrue();
			assertThat(limiter.take(LimitKind.READS, "u1", limit).allowed()).as("a second request in second %d", second).isFalse();
		}
	}

	@Test
	void partOfARefillPeriodIsRoundedUpInRetryAfter() {
		Limit limit = Limit.valueOf("1/1h burst 1");
		limiter.take(LimitKind.RUNS, "u1", limit);
		clock.advance(Duration.ofMillis(1500));
		Outcome refused = limiter.take(LimitKind.RUNS, "u1", limit);
		assertThat(RateLimitResponses.seconds(refused.retryAfter())).isEqualTo(3600 - 1);
	}

	@Test
	void bucketsAreSeparatePerKindAndKey() {
		Limit limit = Limit.valueOf("1/1h burst 1");
		assertThat(limiter.take(LimitKind.TENANT, "a", limit).allowed()).isTrue();
		assertThat(limiter.take(LimitKind.TENANT, "b", limit).allowed()).isTrue();
		assertThat(limiter.take(LimitKind.PRINCIPAL, "a", limit).allowed()).isTrue();
		assertThat(limiter.take(LimitKind.TENANT, "a", limit).allowed()).isFalse();
	}

	@Test
	void aLimitIsWrittenAsRatePerPeriodWithBurst() {
		assertThat(Limit.valueOf("600/1m burst 100")).isEqualTo(new Limit(600, Duration.ofMinutes(1), 100));
		assertThat(Limit.valueOf("10/1m burst 10").share(3)).isEqualTo(new Limit(3, Duration.ofMinutes(1), 3));
		assertThat(Limit.valueOf("1/1h burst 1").share(4)).isEqualTo(new Limit(1, Duration.ofHours(1), 1));
		assertThatThrownBy(() -> Limit.valueOf("600 per minute")).isInstanceOf(IllegalArgumentException.class);
	}
}
