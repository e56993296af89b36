package dev.rampart.workflows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The typed form of a workflow definition (schema {@code workflow-definition}, docs/workflows.md) that passed every
 * check: ids are unique, every step a step names exists, and the only repetition is through {@link Step.Loop} and
 * {@link Step.ForEach}. The engine never reads raw JSON nor guesses a default.
 *
 * @param name the display name, unique among the tenant's live workflows
 * @param description what it is for, or null
 * @param start the id of the entry step
 * @param inputSchema a JSON Schema the run's input must satisfy, or null for any input
 * @param steps every step in the order written, main path, branches, bodies and compensations alike
 * @param tags key/value labels
 */
public record WorkflowDefinition(String name, @Nullable String description, String start, @Nullable JsonNode inputSchema,
		List<Step> steps, Map<String, String> tags) {

	public WorkflowDefinition {
		steps = List.copyOf(steps);
		tags = Map.copyOf(tags);
	}

	/** The steps by id, in the order written. */
	public Map<String, Step> byId() {
		Map<String, Step> byId = new LinkedHashMap<>();
		steps.forEach(step -> byId.putIfAbsent(step.id(), step));
		return byId;
	}

	public Optional<Step> step(String id) {
		return steps.stream().filter(step -> step.id().equals(id)).findFirst();
	}

	/** The entry step. */
	public Step entry() {
		return step(start).orElseThrow();
	}
}
