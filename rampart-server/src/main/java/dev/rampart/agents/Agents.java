package dev.rampart.agents;

import java.util.Optional;
import java.util.UUID;

import dev.rampart.shared.TenantId;
import org.jspecify.annotations.Nullable;

/**
 * The agents of a tenant as the step pipeline and runs see them (docs/agents.md): a run resolves the agent once, pins
 * the version it got and keeps using that definition even if the agent changes or an alias moves meanwhile. Deleted
 * agents resolve to nothing. This does no permission check: callers decide with {@code ResourceAccess} on the
 * returned owner and tags.
 */
public interface Agents {

	/**
	 * The version a selector names, cached briefly (a change on this node is seen at once).
	 *
	 * @param selector null: the latest version; digits: that version number; otherwise an alias name ({@code prod})
	 * @return empty when the agent does not exist in the tenant, is deleted, or the selector names nothing
	 */
	Optional<AgentVersion> resolve(TenantId tenant, UUID agentId, @Nullable String selector);

	/** The latest version of a live agent. */
	default Optional<AgentVersion> latest(TenantId tenant, UUID agentId) {
		return resolve(tenant, agentId, null);
	}
}
