package dev.rampart.agents.step;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.rampart.agents.AgentDefinition;
import dev.rampart.agents.AgentVersion;
import dev.rampart.agents.Agents;
import dev.rampart.agents.Invocation;
import dev.rampart.memory.Memories;
import dev.rampart.memory.Memory;
import dev.rampart.memory.MemoryQuery;
import dev.rampart.memory.MemorySource;
import dev.rampart.memory.NewMemory;
import dev.rampart.memory.ScoredMemory;
import dev.rampart.shared.RampartException;
import dev.rampart.shared.TenantId;
import dev.rampart.tools.Tool;
import dev.rampart.tools.ToolCall;
import dev.rampart.tools.ToolResult;
import dev.rampart.tools.ToolSource;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The built-in memory tools, {@code memory_search} and {@code memory_save} (docs/tools.md): an agent with long-term
 * memory can look things up and remember them on purpose, in the scopes its step reads and writes
 * ({@link MemoryAccess}). Offered to every tenant; they work only inside an agent that has memory enabled, and say so
 * otherwise.
 */
@Component
@Order(0)
class MemoryTools implements ToolSource {

	private static final int MAX_TEXT = 8_000;

	private final List<Tool> tools;

	MemoryTools(Agents agents, Memories memories, JsonMapper json) {
		this.tools = List.of(new Search(agents, memories, json), new Save(agents, memories, json));
	}

	@Override
	public List<Tool> tools(TenantId tenant) {
		return tools;
	}

	/** What both tools share: the calling agent's pinned version, or why there is none. */
	private abstract static class MemoryTool implements Tool {

		private final String name;
		private final String description;
		private final JsonNode parameters;
		private final Agents agents;
		final Memories memories;

		MemoryTool(String name, String description, JsonNode parameters, Agents agents, Memories memories) {
			this.name = name;
			this.description = description;
			this.parameters = parameters;
			this.agents = agents;
			this.memories = memories;
		}

		@Override
		public String name() {
			return name;
		}

		@Override
		public String description() {
			return description;
		}

		@Override
		public JsonNode parameters() {
			return parameters;
		}

		@Override
		public String source() {
			return "built-in";
		}

		@Override
		public final ToolResult call(ToolCall call) {
			ToolCall.Agent caller = call.agent();
			if (caller == null) {
				return ToolResult.failed("The " + name + " tool works only inside an agent with long-term memory.");
			}
			Optional<AgentVersion> agent = agents.resolve(call.tenant(), caller.id(), Integer.toString(caller.version()));
			if (agent.isEmpty() || !agent.get().definition().memory().enabled()) {
				return ToolResult.failed("This agent has no long-term memory (memory.enabled is false).");
			}
			Invocation scopes = new Invocation(call.tenant(), "tool", caller.id(), null, "", caller.threadId(),
					caller.userId(), call.runId());
			try {
				return call(call, agent.get().definition(), scopes);
			}
			catch (RampartException ex) {
				return ToolResult.failed("Memory is unavailable right now (" + ex.code().name().toLowerCase(Locale.ROOT)
						+ "); go on without it.");
			}
		}

		abstract ToolResult call(ToolCall call, AgentDefinition definition, Invocation scopes);
	}

	/** {@code memory_search}: the memories closest to a query. */
	private static final class Search extends MemoryTool {

		Search(Agents agents, Memories memories, JsonMapper json) {
			super("memory_search", "Searches your long-term memory for what you remembered earlier that matches the query.",
					json.readTree("""
							{"type":"object","additionalProperties":false,"required":["query"],
							 "properties":{"query":{"type":"string","minLength":1,"maxLength":2000,"description":"What to look for"},
							   "topK":{"type":"integer","minimum":1,"maximum":20,"description":"How many memories (default: the agent's topK)"}}}"""),
					agents, memories);
		}

		@Override
		ToolResult call(ToolCall call, AgentDefinition definition, Invocation scopes) {
			JsonNode topK = call.arguments().get("topK");
			MemoryQuery query = MemoryQuery.of(call.arguments().get("query").asString(), MemoryAccess.settings(definition))
				.inScopes(MemoryAccess.readScopes(definition, scopes))
				.withTopK(topK != null && topK.isInt() ? topK.asInt() : null)
				.withKeywordWeight(MemoryAccess.KEYWORD_WEIGHT);
			List<ScoredMemory> found = memories.search(call.tenant(), scopes.agentId(), query);
			if (found.isEmpty()) {
				return ToolResult.ok("Nothing in memory matches.");
			}
			StringBuilder out = new StringBuilder();
			for (int i = 0; i < found.size(); i++) {
				out.append(i + 1).append(". ").append(found.get(i).memory().text()).append('\n');
			}
			return ToolResult.ok(out.toString().strip());
		}
	}

	/** {@code memory_save}: remembers a fact on purpose. */
	private static final class Save extends MemoryTool {

		Save(Agents agents, Memories memories, JsonMapper json) {
			super("memory_save", "Saves a fact to your long-term memory so that later conversations can find it.",
					json.readTree("""
							{"type":"object","additionalProperties":false,"required":["text"],
							 "properties":{"text":{"type":"string","minLength":1,"maxLength":%d,"description":"The fact, in one or two sentences"},
							   "importance":{"type":"number","minimum":0,"maximum":1,"description":"How important it is to keep (0..1)"}}}"""
						.formatted(MAX_TEXT)),
					agents, memories);
		}

		@Override
		ToolResult call(ToolCall call, AgentDefinition definition, Invocation scopes) {
			Optional<String> scope = MemoryAccess.writeScope(definition, scopes);
			if (scope.isEmpty()) {
				return ToolResult.failed("Nothing was saved: this agent keeps memories per "
						+ definition.memory().scope().name().toLowerCase(Locale.ROOT) + " and this conversation names none.");
			}
			JsonNode importance = call.arguments().get("importance");
			Memory saved = memories.save(call.tenant(), scopes.agentId(), new NewMemory(call.arguments().get("text").asString(),
					scope.get(), importance != null && importance.isNumber() ? importance.floatValue() : null,
					MemorySource.TOOL, call.runId(), MemoryAccess.settings(definition)));
			return ToolResult.ok("Saved (importance " + String.format(Locale.ROOT, "%.2f", saved.importance()) + ").");
		}
	}
}
