package dev.rampart.providers;

import java.util.List;

import dev.rampart.shared.TenantId;
import org.jspecify.annotations.Nullable;

/**
 * A tenant's token and cost budgets for model calls, per UTC day or month, for the whole tenant or one agent.
 * A call is refused with {@code BUDGET_EXCEEDED} once a budget that applies to it is spent.
 */
public interface ModelBudgets {

	enum Scope {
		TENANT, AGENT
	}

	enum Period {
		DAY, MONTH
	}

	/**
	 * One budget; at least one of the two limits is set.
	 *
	 * @param agentId the agent, for scope {@code AGENT} only
	 * @param maxTokens input plus output tokens the period may use, or null
	 * @param maxCostMicros millionths of a US dollar the period may cost, or null
	 */
	record Budget(Scope scope, @Nullable String agentId, Period period, @Nullable Long maxTokens, @Nullable Long maxCostMicros) {
	}

	List<Budget> of(TenantId tenant);

	/** Replaces all of the tenant's budgets. */
	List<Budget> replace(TenantId tenant, List<Budget> budgets);
}
