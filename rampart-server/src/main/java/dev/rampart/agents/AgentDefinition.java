package dev.rampart.agents;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.rampart.providers.ModelChain;
import dev.rampart.providers.ModelTarget;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The typed form of an agent definition (schema {@code agent-definition}, docs/agents.md) with every default applied,
 * so the step pipeline never reads raw JSON nor guesses a default.
 *
 * @param name the agent's display name, unique among the tenant's live agents
 * @param description what it is for, or null
 * @param instructions the system prompt
 * @param models the model chain: primary first, then fallbacks, each with its sampling settings
 * @param tools the tools it may call, each with its policy
 * @param memory long-term memory settings
 * @param limits what one run may use
 * @param screening what to do with untrusted text that looks like a prompt injection; null: the tenant's policy
 * @param masking output masking per category ({@code email} → {@code partial}); categories left out follow the tenant
 * @param outputSchema a JSON Schema the final answer must satisfy, or null for free text
 * @param tags key/value labels
 */
public record AgentDefinition(String name, @Nullable String description, String instructions, List<ModelStep> models,
		List<ToolBinding> tools, MemorySettings memory, Limits limits, @Nullable ScreeningAction screening,
		Map<String, String> masking, @Nullable JsonNode outputSchema, Map<String, String> tags) {

	public AgentDefinition {
		models = List.copyOf(models);
		tools = List.copyOf(tools);
		masking = Map.copyOf(masking);
		tags = Map.copyOf(tags);
		if (models.isEmpty()) {
			throw new IllegalArgumentException("an agent needs at least one model");
		}
	}

	/** The model chain for {@code LlmGateway}, with the default cache mode. */
	public ModelChain chain() {
		return new ModelChain(models.stream().map(ModelStep::target).toList(), ModelChain.CacheMode.AUTO);
	}

	/**
	 * One model of the chain.
	 *
	 * @param temperature null: the provider's default
	 * @param maxTokens most output tokens per call, null: the provider's default
	 */
	public record ModelStep(ModelTarget target, @Nullable Double temperature, @Nullable Integer maxTokens) {
	}

	/**
	 * A tool bound to the agent and its policy.
	 *
	 * @param required true: a failure of the tool fails the step; false (the default): it is skipped and reported
	 * @param timeout how long one call may take ({@link #DEFAULT_TIMEOUT} unless set)
	 * @param maxCallsPerRun calls of this tool allowed in one run ({@link #DEFAULT_MAX_CALLS} unless set)
	 * @param approvalRequired a call pauses the run until a human approves it (#8)
	 */
	public record ToolBinding(String name, boolean required, Duration timeout, int maxCallsPerRun,
			boolean approvalRequired) {

		public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
		public static final int DEFAULT_MAX_CALLS = 10;
	}

	/**
	 * Long-term memory of the agent.
	 *
	 * @param scope whose memories a run sees: the agent's, or the agent's for the run's thread or user
	 * @param topK memories retrieved per step
	 * @param capacity memories kept before the lowest-scored are evicted
	 * @param summarizeTurns whether a finished turn is summarized into memories
	 * @param embedding a provider's embedding model for the memories, or null for the in-process MiniLM
	 */
	public record MemorySettings(boolean enabled, MemoryScope scope, int topK, int capacity, boolean summarizeTurns,
			@Nullable ModelTarget embedding) {

		public static final int DEFAULT_TOP_K = 5;
		public static final int DEFAULT_CAPACITY = 10_000;
		public static final MemorySettings DISABLED = new MemorySettings(false, MemoryScope.AGENT, DEFAULT_TOP_K,
				DEFAULT_CAPACITY, false, null);

		/** Memory embedded by the in-process model. */
		public MemorySettings(boolean enabled, MemoryScope scope, int topK, int capacity, boolean summarizeTurns) {
			this(enabled, scope, topK, capacity, summarizeTurns, null);
		}
	}

	/** Whose memories a run reads and writes. */
	public enum MemoryScope {
		AGENT, THREAD, USER
	}

	/**
	 * What one run may use; a run that reaches a limit stops.
	 *
	 * @param maxSteps model calls per run
	 * @param maxTokens input plus output tokens per run
	 * @param maxCostUsd cost per run, null: no cost limit
	 * @param maxWallTime elapsed time per run
	 */
	public record Limits(int maxSteps, long maxTokens, @Nullable BigDecimal maxCostUsd, Duration maxWallTime) {

		public static final int DEFAULT_MAX_STEPS = 10;
		public static final long DEFAULT_MAX_TOKENS = 100_000;
		public static final Duration DEFAULT_MAX_WALL_TIME = Duration.ofMinutes(5);
		public static final Limits DEFAULTS = new Limits(DEFAULT_MAX_STEPS, DEFAULT_MAX_TOKENS, null,
				DEFAULT_MAX_WALL_TIME);
	}

	/** What happens to untrusted text that looks like a prompt injection (the gateway's screening actions). */
	public enum ScreeningAction {
		FLAG, BLOCK, WRAP
	}
}
