package dev.rampart.gateway.internal;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.rampart.gateway.RateLimitProperties;
import dev.rampart.gateway.RateLimitProperties.Plan;
import dev.rampart.gateway.TenantQuotas;
import dev.rampart.gateway.internal.RateLimiter.Outcome;
import dev.rampart.shared.ActiveRuns;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.RampartException;
import dev.rampart.shared.TenantId;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Tenant quotas on the rate limiter's buckets. The token budget is a bucket charged after each
 * model call (shared through Redis like every limit, a node's share when Redis is lost). Direct
 * calls in flight are counted in this node; with Redis configured each node admits its share of
 * the concurrency quota, so the cluster never exceeds it. Durable runs are counted by
 * {@link ActiveRuns} when a module provides it.
 */
final class RateLimitedQuotas implements TenantQuotas {

	private final RateLimiter limiter;
	private final RateLimitProperties limits;
	private final @Nullable ActiveRuns activeRuns;
	private final MeterRegistry meters;
	private final ConcurrentMap<TenantId, AtomicInteger> inFlight = new ConcurrentHashMap<>();

	RateLimitedQuotas(RateLimiter limiter, RateLimitProperties limits, @Nullable ActiveRuns activeRuns, MeterRegistry meters) {
		this.limiter = limiter;
		this.limits = limits;
		this.activeRuns = activeRuns;
		this.meters = meters;
	}

	@Override
	public void admitRun(TenantId tenant) {
		Plan plan = limits.planOf(tenant.toString());
		requireTokens(tenant, plan);
		int busy = active(tenant) + calls(tenant).get();
		if (busy >= plan.concurrentRuns()) {
			refuse("concurrent-runs", "The plan allows " + plan.concurrentRuns() + " runs and direct model calls at once; "
					+ busy + " are in flight.", Duration.ofSeconds(5));
		}
	}

	@Override
	public Permit startCall(TenantId tenant) {
		Plan plan = limits.planOf(tenant.toString());
		requireTokens(tenant, plan);
		boolean clustered = limiter.usesRedis() || limiter.knownNodes() > 1;
		int allowedHere = clustered ? Math.max(1, plan.concurrentRuns() / Math.max(1, limiter.knownNodes()))
				: plan.concurrentRuns();
		AtomicInteger calls = calls(tenant);
		int mine = calls.incrementAndGet();
		if (mine > allowedHere || mine + active(tenant) > plan.concurrentRuns()) {
			calls.decrementAndGet();
			refuse("concurrent-runs", "The plan allows " + plan.concurrentRuns() + " runs and direct model calls at once"
					+ (allowedHere < plan.concurrentRuns() ? " (" + allowedHere + " on this node)" : "") + "; all are in use.",
					Duration.ofSeconds(5));
		}
		AtomicBoolean open = new AtomicBoolean(true);
		return () -> {
			if (open.compareAndSet(true, false)) {
				calls.decrementAndGet();
			}
		};
	}

	@Override
	public void charge(TenantId tenant, long tokens) {
		if (tokens > 0) {
			limiter.charge(LimitKind.TOKENS, tenant.toString(), limits.planOf(tenant.toString()).tokens(), tokens);
			meters.counter("rampart.quota.tokens.charged").increment(tokens);
		}
	}

	@Override
	public Status status(TenantId tenant) {
		Plan plan = limits.planOf(tenant.toString());
		Outcome tokens = limiter.check(LimitKind.TOKENS, tenant.toString(), plan.tokens());
		return new Status(limits.planNameOf(tenant.toString()), plan.tokens(), tokens.remaining(),
				tokens.retryAfter(), plan.concurrentRuns(), active(tenant) + calls(tenant).get(), true);
	}

	@Override
	public void requireTokens(TenantId tenant) {
		requireTokens(tenant, limits.planOf(tenant.toString()));
	}

	private void requireTokens(TenantId tenant, Plan plan) {
		Outcome tokens = limiter.check(LimitKind.TOKENS, tenant.toString(), plan.tokens());
		if (!tokens.allowed()) {
			refuse("tokens", "The plan's budget of " + plan.tokens().rate() + " tokens per " + plan.tokens().period().toMinutes()
					+ " minutes is spent.", tokens.retryAfter());
		}
	}

	private void refuse(String quota, String details, Duration retryAfter) {
		meters.counter("rampart.quota.refused", "quota", quota).increment();
		throw new RampartException(ErrorCode.QUOTA_EXCEEDED, details, retryAfter, null);
	}

	private AtomicInteger calls(TenantId tenant) {
		return inFlight.computeIfAbsent(tenant, t -> new AtomicInteger());
	}

	private int active(TenantId tenant) {
		return activeRuns == null ? 0 : activeRuns.activeRuns(tenant);
	}
}
