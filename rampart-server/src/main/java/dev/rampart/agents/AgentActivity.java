package dev.rampart.agents;

import java.util.UUID;

import dev.rampart.shared.TenantId;

/**
 * Implemented by what runs agents (the step pipeline, the run engine), so that an agent is not deleted while it
 * executes: {@code DELETE /api/v1/agents/{id}} answers {@code AGENT_RUNNING} when any implementation says it runs.
 * Without an implementation nothing is considered running.
 */
public interface AgentActivity {

	/** Whether a run or step of this agent is executing now. */
	boolean running(TenantId tenant, UUID agentId);
}
