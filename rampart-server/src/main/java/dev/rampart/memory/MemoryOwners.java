package dev.rampart.memory;

import java.util.Optional;
import java.util.UUID;

import dev.rampart.shared.TenantId;

/**
 * Which agents exist, and their memory settings: implemented by the agents module, so that the memory endpoints answer
 * 404 for an agent the tenant does not have without this module depending on agents. Without an implementation every
 * agent is unknown.
 */
public interface MemoryOwners {

	/** The agent's memory settings; empty when the tenant has no such agent (or it is deleted). */
	Optional<MemorySettings> settings(TenantId tenant, UUID agentId);
}
