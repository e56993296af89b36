package dev.rampart.gateway;

import java.time.Duration;

import dev.rampart.gateway.RateLimitProperties.Limit;
import dev.rampart.shared.TenantId;

/**
 * The "denial of wallet" quotas of a tenant's plan ({@link RateLimitProperties.Plan#tokens()},
 * {@link RateLimitProperties.Plan#concurrentRuns()}): a budget of model tokens refilled over its
 * period, and how many runs and direct model calls may be in flight at once. Refusals are
 * {@code 429 QUOTA_EXCEEDED} with the time until the quota frees up.
 */
public interface TenantQuotas {

	/**
	 * Admits the creation of a durable run: the token budget is not spent and the tenant's active
	 * runs plus its direct calls in flight are below the concurrency quota.
	 *
	 * @throws dev.rampart.shared.RampartException {@code QUOTA_EXCEEDED}
	 */
	void admitRun(TenantId tenant);

	/**
	 * Admits a direct model call (not part of a run) under the same two quotas and holds one
	 * concurrency slot until the permit is closed.
	 *
	 * @throws dev.rampart.shared.RampartException {@code QUOTA_EXCEEDED}
	 */
	Permit startCall(TenantId tenant);

	/**
	 * Refuses when the tenant's token budget is spent: checked before every model call, including the
	 * calls a run makes after it was admitted, so a run stops spending once the budget is gone.
	 *
	 * @throws dev.rampart.shared.RampartException {@code QUOTA_EXCEEDED}
	 */
	void requireTokens(TenantId tenant);

	/** Charges tokens a model call of the tenant spent (input + output); the budget may go into debt. */
	void charge(TenantId tenant, long tokens);

	/** Where the tenant stands. */
	Status status(TenantId tenant);

	/** A held concurrency slot; closing it twice is harmless. */
	interface Permit extends AutoCloseable {

		@Override
		void close();
	}

	/**
	 * @param plan the tenant's plan name
	 * @param tokens the token budget
	 * @param tokensRemaining tokens left now (negative while the last call's overspend is paid back)
	 * @param tokensAvailableIn how long until the budget admits calls again (zero when it does now)
	 * @param concurrentRuns the concurrency quota
	 * @param inFlight active runs plus direct calls in flight (direct calls as seen by this node)
	 * @param enforced whether quotas are enforced at all ({@code rampart.gateway.rate-limits.enabled})
	 */
	record Status(String plan, Limit tokens, long tokensRemaining, Duration tokensAvailableIn, int concurrentRuns,
			int inFlight, boolean enforced) {
	}
}
