package dev.rampart.gateway.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.rampart.gateway.QuotaThresholdReached;
import dev.rampart.gateway.RateLimitProperties.Limit;
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
import org.springframework.context.ApplicationEventPublisher;

/**
 * Tenant quotas on the rate limiter's buckets. The token budget is a bucket charged after each
 * model call (shared through Redis like every limit, a node's share when Redis is lost). Direct
 * calls in flight are counted in this node; with Redis configured each node admits its share of
 * the concurrency quota, so the cluster never exceeds it. Durable runs are counted by
 * {@link ActiveRuns} when a module provides it. A budget that reaches 80% spent, and one that is spent, is reported
 * once as {@link QuotaThresholdReached} (again after it recovered).
 */
final class RateLimitedQuotas implements TenantQuotas {

	private final RateLimiter limiter;
	private final RateLimitProperties limits;
	private final @Nullable ActiveRuns activeRuns;
	private final MeterRegistry meters;
	private final ConcurrentMap<TenantId, AtomicInteger> inFlight = new ConcurrentHashMap<>();
	private final ApplicationEventPublisher events;
	private final Clock clock;
	/** The level last reported per tenant: 0 none, 1 near, 2 exceeded. */
	private final ConcurrentMap<TenantId, Integer> reported = new ConcurrentHashMap<>();

	RateLimitedQuotas(RateLimiter limiter, RateLimitProperties limits, @Nullable ActiveRuns activeRuns, MeterRegistry meters,
			ApplicationEventPublisher events, Clock clock) {
		this.events = events;
		this.clock = clock;
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
			Limit budget = limits.planOf(tenant.toString()).tokens();
			long remaining = limiter.charge(LimitKind.TOKENS, tenant.toString(), budget, tokens);
			meters.counter("rampart.quota.tokens.charged").increment(tokens);
			long spent = budget.burst() - remaining;
			report(tenant, remaining <= 0 ? 2 : spent >= budget.burst() * QuotaThresholdReached.NEAR ? 1 : 0, remaining,
					budget);
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
			report(tenant, 2, tokens.remaining(), plan.tokens());
			refuse("tokens", "The plan's budget of " + plan.tokens().rate() + " tokens per " + plan.tokens().period().toMinutes()
					+ " minutes is spent.", tokens.retryAfter());
		}
	}

	private void refuse(String quota, String details, Duration retryAfter) {
		meters.counter("rampart.quota.refused", "quota", quota).increment();
		throw new RampartException(ErrorCode.QUOTA_EXCEEDED, details, retryAfter, null);
	}

	/** Publishes a level the tenant's budget rose to; a budget back below 80% spent may be reported again later. */
	private void report(TenantId tenant, int level, long remaining, Limit budget) {
		Integer before = reported.put(tenant, level);
		if (level > (before == null ? 0 : before)) {
			events.publishEvent(new QuotaThresholdReached(tenant, "tokens", level == 2 ? "exceeded" : "near", remaining,
					budget.burst(), clock.instant()));
		}
	}

	private AtomicInteger calls(TenantId tenant) {
		return inFlight.computeIfAbsent(tenant, t -> new AtomicInteger());
	}

	private int active(TenantId tenant) {
		return activeRuns == null ? 0 : activeRuns.activeRuns(tenant);
	}
}
