package dev.rampart.workflows.internal;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import dev.rampart.agents.AgentReferences;
import dev.rampart.shared.TenantId;
import dev.rampart.tools.ToolReferences;
import org.springframework.stereotype.Component;

/**
 * Tells the agents and tools modules which workflows still use an agent or a tool, so neither is deleted from under
 * a workflow: the latest version of each live workflow counts (older versions only matter to runs that pinned them).
 * Answers {@code workflow <name>}; called inside the deleting transaction, bound to the tenant.
 */
@Component
class WorkflowUsage implements AgentReferences, ToolReferences {

	private final WorkflowRows rows;

	WorkflowUsage(WorkflowRows rows) {
		this.rows = rows;
	}

	@Override
	public List<String> referencesTo(TenantId tenant, UUID agentId) {
		return rows.usingAgent(tenant, agentId).stream().map(name -> "workflow " + name).toList();
	}

	@Override
	public List<String> referencesTo(TenantId tenant, Collection<String> toolNames) {
		if (toolNames.isEmpty()) {
			return List.of();
		}
		return rows.usingTools(tenant, toolNames).stream().map(name -> "workflow " + name).toList();
	}
}
