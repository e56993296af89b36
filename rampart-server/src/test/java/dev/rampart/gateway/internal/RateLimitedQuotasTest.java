package dev.rampart.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.rampart.MovableClock;
import dev.rampart.gateway.QuotaThresholdReached;
import dev.rampart.gateway.RateLimitProperties;
import dev.rampart.gateway.TenantQuotas.Permit;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.RampartException;
import dev.rampart.shared.TenantId;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class RateLimitedQuotasTest {

	private final MovableClock clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));
	private final TenantId small = new TenantId(UUID.randomUUID());
	private final TenantId other = new TenantId(UUID.randomUUID());
	private final Map<TenantId, Integer> durableRuns = new ConcurrentHashMap<>();
	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
	private final List<Object> published = new CopyOnWriteArrayList<>();
	private final RateLimitedQuotas quotas = new RateLimitedQuotas(new RateLimiter(clock, 1000, null, Duration.ofSeconds(5)),
			new Binder(new MapConfigurationPropertySource(Map.of(
					"rampart.gateway.rate-limits.plans.small.tokens", "6000/1h burst 1000",
					"rampart.gateway.rate-limits.plans.small.concurrent-runs", "2",
					"rampart.gateway.rate-limits.tenant-plans." + small, "small")))
				.bindOrCreate("rampart.gateway.rate-limits", RateLimitProperties.class),
			tenant -> durableRuns.getOrDefault(tenant, 0), meters, published::add, clock);

	@Test
	void aBudgetNearlySpentAndOneSpentAreEachReportedOnceUntilItRecovers() {
		quotas.charge(small, 700);
		quotas.charge(small, 100);
		quotas.charge(small, 50);
		quotas.charge(small, 200);
		assertThatThrownBy(() -> quotas.requireTokens(small)).isInstanceOf(RampartException.class);

		assertThat(published).extracting(event -> ((QuotaThresholdReached) event).level()).containsExactly("near", "exceeded");
		assertThat((QuotaThresholdReached) published.get(0)).satisfies(near -> {
			assertThat(near.tenant()).isEqualTo(small);
			assertThat(near.remaining()).isEqualTo(200);
			assertThat(near.budget()).isEqualTo(1000);
		});

		clock.advance(Duration.ofHours(1));
		quotas.charge(small, 100);
		quotas.charge(small, 750);

		assertThat(published).hasSize(3);
		assertThat(((QuotaThresholdReached) published.get(2)).level()).isEqualTo("near");
	}

	@Test
	void theTokenBudgetIsChargedAfterTheFactAndRefusesOnceSpentUntilItRefills() {
		quotas.admitRun(small);
		quotas.charge(small, 900);
		quotas.admitRun(small);
		quotas.charge(small, 400);

		assertThat(quotas.status(small).tokensRemaining()).isEqualTo(-300);
		assertThatThrownBy(() -> quotas.admitRun(small)).isInstanceOfSatisfying(RampartException.class, e -> {
			assertThat(e.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
			assertThat(e.technicalDetails()).contains("6000 tokens per 60 minutes");
			// 6000 per hour refills 100 a minute: the debt of 300 plus one token takes a little over 3 minutes
			assertThat(e.estimatedRecoveryTime()).isBetween(Duration.ofMinutes(3), Duration.ofMinutes(4));
		});
		assertThatThrownBy(() -> quotas.startCall(small)).isInstanceOf(RampartException.class);
		quotas.admitRun(other);

		clock.advance(Duration.ofMinutes(4));
		quotas.admitRun(small);
		assertThat(meters.counter("rampart.quota.refused", "quota", "tokens").count()).isEqualTo(2);
	}

	@Test
	void directCallsHoldASlotUntilTheirPermitIsClosed() {
		Permit first = quotas.startCall(small);
		Permit second = quotas.startCall(small);

		assertThatThrownBy(() -> quotas.startCall(small)).isInstanceOfSatisfying(RampartException.class,
				e -> assertThat(e.technicalDetails()).contains("2 runs and direct model calls at once"));
		assertThatThrownBy(() -> quotas.admitRun(small)).isInstanceOf(RampartException.class);
		assertThat(quotas.status(small).inFlight()).isEqualTo(2);

		first.close();
		first.close();
		assertThat(quotas.status(small).inFlight()).isEqualTo(1);
		quotas.startCall(small).close();
		second.close();
		assertThat(quotas.status(small).inFlight()).isZero();
	}

	@Test
	void durableRunsCountAgainstTheSameConcurrencyQuota() {
		durableRuns.put(small, 1);
		Permit call = quotas.startCall(small);

		assertThatThrownBy(() -> quotas.admitRun(small)).isInstanceOf(RampartException.class);
		assertThatThrownBy(() -> quotas.startCall(small)).isInstanceOf(RampartException.class);

		call.close();
		quotas.admitRun(small);
	}

	@Test
	void aTenantWithoutAPlanGetsTheDefaultQuotas() {
		var status = quotas.status(other);
		assertThat(status.plan()).isEqualTo("default");
		assertThat(status.concurrentRuns()).isEqualTo(20);
		assertThat(status.tokens().rate()).isEqualTo(2_000_000);
		assertThat(status.tokensRemaining()).isEqualTo(2_000_000);
		assertThat(status.enforced()).isTrue();
	}
}
