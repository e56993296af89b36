package dev.rampart.workflows;

import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One immutable version of a workflow, what a run pins: the definition never changes for a given id and version.
 * Owner and tags are the workflow's current ones (they decide access, not behaviour).
 *
 * @param id the workflow
 * @param version 1 for the first definition, raised by every change
 * @param definition the typed definition with defaults applied
 * @param owner the user id that created the workflow, or null if it has none
 * @param tags key/value labels for role conditions such as {@code env=staging}
 */
public record WorkflowVersion(UUID id, int version, WorkflowDefinition definition, @Nullable String owner,
		Map<String, String> tags) {

	public WorkflowVersion {
		tags = Map.copyOf(tags);
	}
}
