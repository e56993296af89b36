package dev.rampart.agents.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.rampart.agents.AgentDefinition;
import dev.rampart.agents.AgentDefinition.Limits;
import dev.rampart.agents.AgentDefinition.MemoryScope;
import dev.rampart.agents.AgentDefinition.MemorySettings;
import dev.rampart.agents.AgentDefinition.ModelStep;
import dev.rampart.agents.AgentDefinition.ScreeningAction;
import dev.rampart.agents.AgentDefinition.ToolBinding;
import dev.rampart.providers.ModelTarget;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads a definition that already passed the {@code agent-definition} schema into its typed form, applying the named
 * defaults of {@link AgentDefinition}'s records. A document that did not pass the schema may throw.
 */
final class DefinitionReader {

	private DefinitionReader() {
	}

	static AgentDefinition read(JsonNode node) {
		List<ModelStep> models = new ArrayList<>();
		for (JsonNode step : node.path("model").path("chain")) {
			models.add(new ModelStep(new ModelTarget(step.path("provider").asString(), step.path("model").asString()),
					step.has("temperature") ? step.get("temperature").asDouble() : null,
					step.has("maxTokens") ? step.get("maxTokens").asInt() : null));
		}
		List<ToolBinding> tools = new ArrayList<>();
		for (JsonNode tool : node.path("tools")) {
			tools.add(new ToolBinding(tool.path("name").asString(), tool.path("required").asBoolean(false),
					tool.has("timeoutSeconds") ? Duration.ofSeconds(tool.get("timeoutSeconds").asLong())
							: ToolBinding.DEFAULT_TIMEOUT,
					tool.path("maxCallsPerRun").asInt(ToolBinding.DEFAULT_MAX_CALLS), tool.path("approvalRequired").asBoolean(false)));
		}
		return new AgentDefinition(node.path("name").asString(), text(node, "description"), node.path("instructions").asString(),
				models, tools, memory(node.path("memory")), limits(node.path("limits")), screening(node.path("screening")),
				strings(node.path("masking")), node.has("outputSchema") ? node.get("outputSchema").deepCopy() : null,
				strings(node.path("tags")));
	}

	private static MemorySettings memory(JsonNode memory) {
		if (memory.isMissingNode()) {
			return MemorySettings.DISABLED;
		}
		return new MemorySettings(memory.path("enabled").asBoolean(false),
				MemoryScope.valueOf(memory.path("scope").asString("agent").toUpperCase(Locale.ROOT)),
				memory.path("topK").asInt(MemorySettings.DEFAULT_TOP_K),
				memory.path("capacity").asInt(MemorySettings.DEFAULT_CAPACITY), memory.path("summarizeTurns").asBoolean(false),
				memory.has("embedding") ? new ModelTarget(memory.path("embedding").path("provider").asString(),
						memory.path("embedding").path("model").asString()) : null);
	}

	private static Limits limits(JsonNode limits) {
		return new Limits(limits.path("maxSteps").asInt(Limits.DEFAULT_MAX_STEPS),
				limits.path("maxTokens").asLong(Limits.DEFAULT_MAX_TOKENS),
				limits.has("maxCostUsd") ? limits.get("maxCostUsd").decimalValue() : null,
				limits.has("maxWallTimeSeconds") ? Duration.ofSeconds(limits.get("maxWallTimeSeconds").asLong())
						: Limits.DEFAULT_MAX_WALL_TIME);
	}

	private static @Nullable ScreeningAction screening(JsonNode screening) {
		return screening.has("action") ? ScreeningAction.valueOf(screening.get("action").asString().toUpperCase(Locale.ROOT))
				: null;
	}

	private static Map<String, String> strings(JsonNode object) {
		Map<String, String> values = new LinkedHashMap<>();
		object.properties().forEach(entry -> values.put(entry.getKey(), entry.getValue().asString()));
		return values;
	}

	private static @Nullable String text(JsonNode node, String field) {
		return node.has(field) ? node.get(field).asString() : null;
	}
}
