package dev.rampart.agents.step;

import java.util.Optional;
import java.util.UUID;

import dev.rampart.agents.AgentPurged;
import dev.rampart.agents.Agents;
import dev.rampart.memory.Memories;
import dev.rampart.memory.MemoryOwners;
import dev.rampart.memory.MemorySettings;
import dev.rampart.shared.TenantId;
import dev.rampart.shared.TenantTransactions;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Agents as the owners of memories: {@code /api/v1/agents/{id}/memories} serves a live agent of the tenant with its
 * latest version's memory settings (and answers 404 for any other id), and an agent purged after its restore window
 * takes its memories and index with it.
 */
@Component
class AgentMemories implements MemoryOwners {

	private final Agents agents;
	private final Memories memories;
	private final TenantTransactions transactions;

	AgentMemories(Agents agents, Memories memories, TenantTransactions transactions) {
		this.agents = agents;
		this.memories = memories;
		this.transactions = transactions;
	}

	@Override
	public Optional<MemorySettings> settings(TenantId tenant, UUID agentId) {
		return agents.latest(tenant, agentId).map(agent -> MemoryAccess.settings(agent.definition()));
	}

	@ApplicationModuleListener
	void purged(AgentPurged purged) {
		transactions.inTenant(purged.tenant(), () -> memories.deleteAll(purged.tenant(), purged.agentId()));
	}
}
