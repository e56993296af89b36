package dev.rampart.identity.internal;

import java.time.Duration;
import java.time.Instant;

import dev.rampart.MovableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTest {

	private final MovableClock clock = new MovableClock(Instant.parse("2026-11-24T12:00:00Z"));
	private final LoginThrottle throttle = new LoginThrottle(clock);

	@Test
	void theFirstFailuresCostNothingThenTheWaitDoublesUpToTheAccountCap() {
		for (int i = 0; i < LoginThrottle.FREE_ACCOUNT_FAILURES; i++) {
			throttle.failed("ada@example.org", "203.0.113." + i);
		}
		assertThat(throttle.retryAfter("ada@example.org", "198.51.100.1")).isEmpty();

		throttle.failed("ada@example.org", "203.0.113.99");
		assertThat(throttle.retryAfter("ada@example.org", "198.51.100.1")).contains(Duration.ofSeconds(1));
		throttle.failed("ada@example.org", "203.0.113.99");
		assertThat(throttle.retryAfter("ada@example.org", "198.51.100.1")).contains(Duration.ofSeconds(2));

		for (int i = 0; i < 20; i++) {
			throttle.failed("ada@example.org", "203.0.113.99");
		}
		assertThat(throttle.retryAfter("ada@example.org", "198.51.100.1")).contains(LoginThrottle.ACCOUNT_CAP);
	}

	@Test
	void aVictimIsNeverLockedOutForLongerThanTheCap() {
		for (int i = 0; i < 1000; i++) {
			throttle.failed("victim@example.org", "attacker-" + i);
		}

		clock.advance(LoginThrottle.ACCOUNT_CAP);

		assertThat(throttle.retryAfter("victim@example.org", "victims-own-address")).isEmpty();
	}

	@Test
	void oneAddressTryingManyAccountsIsSlowedDown() {
		for (int i = 0; i < LoginThrottle.FREE_ADDRESS_FAILURES + 3; i++) {
			throttle.failed("user" + i + "@example.org", "203.0.113.7");
		}

		assertThat(throttle.retryAfter("someone-new@example.org", "203.0.113.7")).contains(Duration.ofSeconds(4));
		assertThat(throttle.retryAfter("someone-new@example.org", "198.51.100.2")).isEmpty();
	}

	@Test
	void failuresAreForgottenAfterQuietTimeAndASuccessClearsTheAccount() {
		for (int i = 0; i < 8; i++) {
			throttle.failed("bob@example.org", "203.0.113.1");
		}
		assertThat(throttle.retryAfter("bob@example.org", "203.0.113.1")).isPresent();

		throttle.succeeded("bob@example.org");
		assertThat(throttle.retryAfter("bob@example.org", "203.0.113.1")).isEmpty();

		for (int i = 0; i < 8; i++) {
			throttle.failed("carol@example.org", "203.0.113.2");
		}
		clock.advance(LoginThrottle.FORGET_AFTER.plusSeconds(1));
		assertThat(throttle.retryAfter("carol@example.org", "203.0.113.2")).isEmpty();
	}

	@Test
	void theDelayScheduleIsBoundedEvenForHugeCounts() {
		assertThat(LoginThrottle.delay(5, 5, Duration.ofSeconds(30))).isZero();
		assertThat(LoginThrottle.delay(6, 5, Duration.ofSeconds(30))).hasSeconds(1);
		assertThat(LoginThrottle.delay(9, 5, Duration.ofSeconds(30))).hasSeconds(8);
		assertThat(LoginThrottle.delay(Integer.MAX_VALUE, 5, Duration.ofSeconds(30))).hasSeconds(30);
	}
}
