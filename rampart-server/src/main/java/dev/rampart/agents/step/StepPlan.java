package dev.rampart.agents.step;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.rampart.providers.ModelChain;
import dev.rampart.providers.spi.ScreeningAction;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Everything one agent step needs from the agent version it runs, in the shape the pipeline uses: taken from the
 * version once, so a step never reads the agent's definition again while it runs.
 *
 * @param agentId the agent
 * @param version the pinned version
 * @param instructions the system prompt
 * @param chain the model chain (primary and fallbacks)
 * @param maxTokens the most output tokens per model call, or null for the provider's default
 * @param temperature sampling temperature, or null for the provider's default
 * @param tools the tools the agent binds, with their policies
 * @param memory the agent's memory settings, or null when it has no long-term memory
 * @param limits when the step stops
 * @param screening the agent's own screening action for untrusted text, or null for the tenant's
 * @param outputSchema a JSON Schema the final answer must satisfy, or null
 */
record StepPlan(UUID agentId, int version, String instructions, ModelChain chain, @Nullable Integer maxTokens,
		@Nullable Double temperature, List<Binding> tools, @Nullable MemoryPlan memory, Limits limits,
		@Nullable ScreeningAction screening, @Nullable JsonNode outputSchema) {

	StepPlan {
		tools = List.copyOf(tools);
	}

	/**
	 * A tool the agent binds and how it may be used.
	 *
	 * @param required whether the step fails when the tool cannot be loaded or a call of it fails
	 * @param timeout the most one call may take
	 * @param maxCallsPerRun how often the model may call it in one run
	 * @param approvalRequired whether a person must approve each call (the step stops and waits)
	 */
	record Binding(String name, boolean required, Duration timeout, int maxCallsPerRun, boolean approvalRequired) {
	}

	/**
	 * @param scope {@code agent}, {@code thread} or {@code user}: which memories a step reads and writes
	 * @param topK how many memories a step retrieves
	 * @param capacity the most memories the agent keeps (eviction beyond)
	 * @param summarizeTurns whether a finished step saves a summary of its turn as a memory
	 */
	record MemoryPlan(String scope, int topK, int capacity, boolean summarizeTurns) {
	}

	/**
	 * @param maxRounds the most model calls in one step (each tool round trip is one more)
	 * @param maxTokens the most tokens (input and output, all calls) the step may use, or null for no limit
	 * @param maxCostUsd the most the step's model calls may cost, or null for no limit
	 * @param maxWallTime the longest the step may run
	 */
	record Limits(int maxRounds, @Nullable Long maxTokens, @Nullable BigDecimal maxCostUsd, Duration maxWallTime) {
	}
}
