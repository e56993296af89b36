package dev.rampart.workflows.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A workflow row with its latest definition, as the API shows it.
 *
 * @param version the latest version, also the workflow's {@code ETag}
 * @param deletedAt when it was soft-deleted, null while it is live
 */
public record StoredWorkflow(UUID id, String name, @Nullable String owner, Map<String, String> tags, int version,
		Instant createdAt, String createdBy, Instant updatedAt, String updatedBy, @Nullable Instant deletedAt,
		JsonNode definition) {

	public StoredWorkflow {
		tags = Map.copyOf(tags);
	}

	public boolean deleted() {
		return deletedAt != null;
	}

	/** One immutable version of a workflow. */
	public record Version(int version, JsonNode definition, Instant createdAt, String createdBy) {
	}

	/** One page of workflows; {@code next} is the {@code after} cursor of the following page, null on the last. */
	public record Page(List<StoredWorkflow> items, @Nullable UUID next) {
	}
}
