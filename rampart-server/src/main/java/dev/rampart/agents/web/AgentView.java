package dev.rampart.agents.web;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import dev.rampart.agents.internal.StoredAgent;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * An agent as the API shows it: its latest definition and what the platform keeps about it.
 *
 * @param version the latest version, also the {@code ETag}
 * @param restorableUntil for a deleted agent, until when {@code POST /restore} brings it back
 */
record AgentView(UUID id, String name, @Nullable String owner, Map<String, String> tags, int version,
		Instant createdAt, String createdBy, Instant updatedAt, String updatedBy, @Nullable Instant deletedAt,
		@Nullable Instant restorableUntil, JsonNode definition) {

	static AgentView of(StoredAgent agent, Duration restoreWindow) {
		Instant deletedAt = agent.deletedAt();
		return new AgentView(agent.id(), agent.name(), agent.owner(), agent.tags(), agent.version(), agent.createdAt(),
				agent.createdBy(), agent.updatedAt(), agent.updatedBy(), deletedAt,
				deletedAt == null ? null : deletedAt.plus(restoreWindow), agent.definition());
	}

	static String etag(int version) {
		return "\"" + version + "\"";
	}
}
