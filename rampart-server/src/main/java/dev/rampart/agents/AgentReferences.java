package dev.rampart.agents;

import java.util.List;
import java.util.UUID;

import dev.rampart.shared.TenantId;

/**
 * Implemented by modules whose resources name an agent (workflows, #8), so that an agent still in use is not deleted
 * from under them: {@code DELETE /api/v1/agents/{id}} answers {@code AGENT_IN_USE} naming how many and which. Called
 * inside the deleting transaction, bound to the tenant.
 */
public interface AgentReferences {

	/** Short, user-readable names of what in the tenant still uses the agent (e.g. {@code workflow nightly-report}). */
	List<String> referencesTo(TenantId tenant, UUID agentId);
}
