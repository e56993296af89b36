package dev.rampart.workflows.web;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import dev.rampart.shared.ETags;
import dev.rampart.workflows.internal.StoredWorkflow;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A workflow as the API shows it: its latest definition and what the platform keeps about it.
 *
 * @param version the latest version, also the {@code ETag}
 */
record WorkflowView(UUID id, String name, @Nullable String owner, Map<String, String> tags, int version,
		Instant createdAt, String createdBy, Instant updatedAt, String updatedBy, @Nullable Instant deletedAt,
		JsonNode definition) {

	static WorkflowView of(StoredWorkflow workflow) {
		return new WorkflowView(workflow.id(), workflow.name(), workflow.owner(), workflow.tags(), workflow.version(),
				workflow.createdAt(), workflow.createdBy(), workflow.updatedAt(), workflow.updatedBy(), workflow.deletedAt(),
				workflow.definition());
	}

	static String etag(int version) {
		return ETags.of(version);
	}
}
