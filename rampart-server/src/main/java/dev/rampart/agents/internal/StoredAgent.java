package dev.rampart.agents.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * An agent row with its latest definition, as the API shows it.
 *
 * @param version the latest version, also the agent's {@code ETag}
 * @param deletedAt when it was soft-deleted, null while it is live
 */
public record StoredAgent(UUID id, String name, @Nullable String owner, Map<String, String> tags, int version,
		Instant createdAt, String createdBy, Instant updatedAt, String updatedBy, @Nullable Instant deletedAt,
		JsonNode definition) {

	public StoredAgent {
		tags = Map.copyOf(tags);
	}

	public boolean deleted() {
		return deletedAt != null;
	}

	/** One immutable version of an agent. */
	public record Version(int version, JsonNode definition, Instant createdAt, String createdBy) {
	}

	/** An alias and the version it points at. */
	public record Alias(String name, int version, Instant updatedAt, String updatedBy) {
	}

	/** One page of agents; {@code next} is the {@code after} cursor of the following page, null on the last. */
	public record Page(List<StoredAgent> items, @Nullable UUID next) {
	}
}
