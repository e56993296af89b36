package dev.rampart.observability.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/** The checker's rules: concurrent and bounded checks, and what a failing component means for the node. */
class HealthCheckerTest {

	private final CountDownLatch release = new CountDownLatch(1);
	private final HealthChecker checker = new HealthChecker(Duration.ofMillis(300), Duration.ZERO, System::nanoTime);

	@AfterEach
	void releaseHungChecks() {
		release.countDown();
	}

	private Health hang() {
		try {
			release.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return Health.up().build();
	}

	@Test
	void aHangingCheckIsReportedAsATimeoutOfItsOwnComponentAndTheOthersStillAnswer() {
		checker.register("database", () -> Health.up().build(), true);
		checker.register("vector_index", this::hang, false);
		checker.register("redis", () -> Health.up().build(), false);

		Map<String, Health> all = checker.healthOfAll();

		assertThat(all.get("vector_index").getStatus()).isEqualTo(HealthChecker.DEGRADED);
		assertThat(all.get("vector_index").getDetails().get("error")).isEqualTo("timeout: no answer within 300 ms");
		assertThat(all.get("database").getStatus()).isEqualTo(Status.UP);
		assertThat(all.get("redis").getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void aHangingCriticalCheckTakesTheNodeDown() {
		checker.register("database", this::hang, true);

		Health database = checker.health("database");

		assertThat(database.getStatus()).isEqualTo(Status.DOWN);
		assertThat(database.getDetails().get("error").toString()).startsWith("timeout");
	}

	@Test
	void aCheckStillRunningPastItsBoundIsNotStartedAgain() {
		AtomicInteger started = new AtomicInteger();
		checker.register("redis", () -> {
			started.incrementAndGet();
			return hang();
		}, false);

		checker.health("redis");
		Health again = checker.health("redis");

		assertThat(again.getDetails().get("error").toString()).startsWith("timeout");
		assertThat(started).hasValue(1);
	}

	@Test
	void aNonCriticalComponentThatIsDownOrThrowsDegradesAndACriticalOneIsDown() {
		checker.register("database", () -> Health.down().withDetail("error", "SQLException").build(), true);
		checker.register("redis", () -> Health.down().withDetail("error", "RedisConnectionException").build(), false);
		checker.register("external_tools", () -> {
			throw new IllegalStateException("boom", new java.io.IOException("refused"));
		}, false);

		Map<String, Health> all = checker.healthOfAll();

		assertThat(all.get("database").getStatus()).isEqualTo(Status.DOWN);
		assertThat(all.get("redis").getStatus()).isEqualTo(HealthChecker.DEGRADED);
		assertThat(all.get("redis").getDetails()).containsEntry("error", "RedisConnectionException")
			.containsEntry("reported", "DOWN");
		assertThat(all.get("external_tools").getStatus()).isEqualTo(HealthChecker.DEGRADED);
		assertThat(all.get("external_tools").getDetails()).containsEntry("error", "IOException");
	}

	@Test
	void aFreshResultIsReusedWithinTheReuseWindow() {
		HealthChecker reusing = new HealthChecker(Duration.ofSeconds(5), Duration.ofHours(1), System::nanoTime);
		AtomicInteger runs = new AtomicInteger();
		reusing.register("database", () -> Health.up().withDetail("run", runs.incrementAndGet()).build(), true);

		reusing.health("database");
		Health second = reusing.health("database");

		assertThat(second.getDetails()).containsEntry("run", 1);
		assertThat(runs).hasValue(1);
	}
}
