package dev.rampart.agents;

import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One immutable version of an agent, what a run pins: the definition never changes for a given agent id and version.
 * Owner and tags are the agent's current ones (they decide access, not behaviour).
 *
 * @param agentId the agent
 * @param version 1 for the first definition, raised by every change
 * @param definition the whole typed definition with defaults applied
 * @param owner the user id that created the agent, or null if it has none
 * @param tags key/value labels for role conditions such as {@code env=staging}
 */
public record AgentVersion(UUID agentId, int version, AgentDefinition definition, @Nullable String owner,
		Map<String, String> tags) {

	public AgentVersion {
		tags = Map.copyOf(tags);
	}
}
