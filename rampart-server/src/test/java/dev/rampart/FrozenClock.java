package dev.rampart;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Replaces the node's clock with a {@link MovableClock} that stands still at a whole second until a
 * test moves it: for tests about token times, which JWTs carry in whole seconds.
 */
@TestConfiguration(proxyBeanMethods = false)
public class FrozenClock {

	@Bean
	@Primary
	MovableClock movableClock() {
		return new MovableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
	}
}
