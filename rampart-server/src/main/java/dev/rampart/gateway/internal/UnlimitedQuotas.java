package dev.rampart.gateway.internal;

import java.time.Duration;

import dev.rampart.gateway.RateLimitProperties;
import dev.rampart.gateway.TenantQuotas;
import dev.rampart.shared.TenantId;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** Quotas when {@code rampart.gateway.rate-limits.enabled=false}: nothing is refused, and status says so. */
@Component
@ConditionalOnProperty(name = "rampart.gateway.rate-limits.enabled", havingValue = "false")
class UnlimitedQuotas implements TenantQuotas {

	private final RateLimitProperties limits;

	UnlimitedQuotas(RateLimitProperties limits) {
		this.limits = limits;
	}

	@Override
	public void admitRun(TenantId tenant) {
	}

	@Override
	public Permit startCall(TenantId tenant) {
		return () -> {
		};
	}

	@Override
	public void requireTokens(TenantId tenant) {
	}

	@Override
	public void charge(TenantId tenant, long tokens) {
	}

	@Override
	public Status status(TenantId tenant) {
		var plan = limits.planOf(tenant.toString());
		return new Status(limits.planNameOf(tenant.toString()), plan.tokens(), plan.tokens().burst(), Duration.ZERO,
				plan.concurrentRuns(), 0, false);
	}
}
