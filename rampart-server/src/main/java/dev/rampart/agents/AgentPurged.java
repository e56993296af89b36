package dev.rampart.agents;

import java.util.UUID;

import dev.rampart.shared.TenantId;

/**
 * An agent's rows were deleted for good after its restore window: modules that keep data per agent (memories) delete
 * theirs when they hear it. Published in the purging transaction.
 */
public record AgentPurged(TenantId tenant, UUID agentId) {
}
