package dev.rampart.gateway.threats;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.rampart.MovableClock;
import dev.rampart.shared.TenantId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ThreatRecorderTest {

	private static final TenantId TENANT = TenantId.DEFAULT;

	private final MovableClock clock = new MovableClock(Instant.parse("2026-11-24T12:00:10Z"));
	private final ThreatRecorder recorder = new ThreatRecorder(clock, Duration.ofMinutes(1), 100);

	@Test
	void aWindowClosesOnlyAfterItEndsAndCountsPerPrincipalAndPerTenant() {
		for (int i = 0; i < 40; i++) {
			recorder.request(TENANT, "user:a", i < 30 ? 404 : 200, "/api/v1/agents/" + i, 100, false);
		}
		recorder.request(TENANT, "user:b", 403, "/api/v1/agents/x", 50, false);
		recorder.request(TENANT, "user:b", 202, "/api/v1/agents/x/runs", 50, true);
		recorder.tokensSpent(TENANT, "user:b", 1234);

		assertThat(recorder.drainClosed()).isEmpty();
		clock.advance(Duration.ofMinutes(1));
		List<ClosedWindow> closed = recorder.drainClosed();

		assertThat(closed).hasSize(3);
		WindowCounts a = counts(closed, Level.PRINCIPAL, "user:a");
		assertThat(a.requests()).isEqualTo(40);
		assertThat(a.notFound()).isEqualTo(30);
		assertThat(a.distinct()).isBetween(38L, 42L);
		assertThat(a.bytesOut()).isEqualTo(4000);
		WindowCounts b = counts(closed, Level.PRINCIPAL, "user:b");
		assertThat(b).isEqualTo(new WindowCounts(2, 2, 0, 1, 0, 1, 1234, 100));
		WindowCounts tenant = counts(closed, Level.TENANT, Level.TENANT_KEY);
		assertThat(tenant.requests()).isEqualTo(42);
		assertThat(tenant.tokens()).isEqualTo(1234);
		assertThat(closed).allSatisfy(w -> {
			assertThat(w.start()).isEqualTo(Instant.parse("2026-11-24T12:00:00Z"));
			assertThat(w.end()).isEqualTo(Instant.parse("2026-11-24T12:01:00Z"));
		});
		assertThat(recorder.drainClosed()).isEmpty();
	}

	@Test
	void unauthenticatedRequestsBelongToThePlatformAndKeysBeyondTheBoundAreDropped() {
		ThreatRecorder small = new ThreatRecorder(clock, Duration.ofMinutes(1), 2);
		small.request(null, "address:198.51.100.7", 401, "/api/v1/auth/login", 180, false);
		small.request(null, "address:198.51.100.8", 401, "/api/v1/auth/login", 180, false);
		clock.advance(Duration.ofMinutes(1));

		List<ClosedWindow> closed = small.drainClosed();

		assertThat(closed).extracting(ClosedWindow::tenant).containsOnly(TenantId.PLATFORM);
		assertThat(closed).extracting(ClosedWindow::key).containsExactlyInAnyOrder("address:198.51.100.7", "tenant");
		assertThat(small.dropped()).isEqualTo(1);
	}

	@Test
	void runCreationsArePostsToTheRunsCollections() {
		assertThat(ThreatRecordingFilter.isRunCreation("POST", "/api/v1/runs")).isTrue();
		assertThat(ThreatRecordingFilter.isRunCreation("POST", "/api/v1/agents/0195f1c2/runs")).isTrue();
		assertThat(ThreatRecordingFilter.isRunCreation("GET", "/api/v1/agents/0195f1c2/runs")).isFalse();
		assertThat(ThreatRecordingFilter.isRunCreation("POST", "/api/v1/agents//runs")).isFalse();
		assertThat(ThreatRecordingFilter.isRunCreation("POST", "/api/v1/agents/a/b/runs")).isFalse();
		assertThat(ThreatRecordingFilter.isRunCreation("POST", "/api/v1/runs/x/cancel")).isFalse();
	}

	@Test
	void aThrottleEndsWithItsCoolDownOrWhenItsAnomalyIsCleared() {
		Throttles throttles = new Throttles(clock, 10);
		UUID first = UUID.randomUUID();
		assertThat(throttles.anyThrottled()).isFalse();

		throttles.throttle("user:a", first, clock.instant().plus(Duration.ofMinutes(15)));
		throttles.throttle("user:b", UUID.randomUUID(), clock.instant().plus(Duration.ofMinutes(15)));
		assertThat(throttles.isThrottled("user:a")).isTrue();
		throttles.lift("user:a", UUID.randomUUID()); // another anomaly's clearing does not lift it
		assertThat(throttles.isThrottled("user:a")).isTrue();
		throttles.lift("user:a", first);
		assertThat(throttles.isThrottled("user:a")).isFalse();

		clock.advance(Duration.ofMinutes(15));
		assertThat(throttles.isThrottled("user:b")).isFalse();
		assertThat(throttles.anyThrottled()).isFalse();
	}

	private static WindowCounts counts(List<ClosedWindow> closed, Level level, String key) {
		return closed.stream().filter(w -> w.level() == level && w.key().equals(key)).findFirst().orElseThrow().counts();
	}
}
