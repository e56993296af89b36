package dev.rampart.agents.step;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import dev.rampart.agents.AgentDefinition;
import dev.rampart.agents.AgentDefinition.ToolBinding;
import dev.rampart.agents.AgentsProperties;
import dev.rampart.agents.StepEvent;
import dev.rampart.agents.Turn;
import dev.rampart.agents.step.ToolRound.Offered;
import dev.rampart.memory.ScoredMemory;
import dev.rampart.providers.spi.ModelMessage;
import dev.rampart.providers.spi.ModelMessage.Origin;
import dev.rampart.providers.spi.ModelMessage.Role;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.RampartException;
import dev.rampart.shared.TracedThreads;
import dev.rampart.tools.Tool;
import dev.rampart.tools.Tools;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The start of a step: its memories, its tools and its prompt, loaded at the same time on virtual threads, each under
 * its own time limit, inside one scope that no load outlives. Memory is optional to a step: when it cannot be served,
 * the step goes on without it and says so ({@code degraded}). A required tool that cannot be loaded fails the step; an
 * optional one is left out and the step says so ({@code tool_skipped}).
 */
@Component
class StepLoads {

	private final MemoryAccess memory;
	private final Tools tools;
	private final JsonMapper json;
	private final AgentsProperties.Step settings;

	StepLoads(MemoryAccess memory, Tools tools, JsonMapper json, AgentsProperties properties) {
		this.memory = memory;
		this.tools = tools;
		this.json = json;
		this.settings = properties.step();
	}

	/** What a step starts with. */
	record Loaded(List<ModelMessage> prompt, Map<String, Offered> tools) {
	}

	Loaded load(StepRun run) {
		AgentDefinition definition = run.agent().definition();
		try (ExecutorService scope = Executors.newThreadPerTaskExecutor(TracedThreads.virtual("step-load-"))) {
			// a replay's model answers are recorded: it recalls no memories (and calls no embedding model)
			Future<List<ScoredMemory>> memories = !definition.memory().enabled() || run.invocation().tape().strict() ? null
					: scope.submit(() -> memory.recall(run));
			Future<Map<String, Offered>> offered = scope.submit(() -> tools(run));
			Future<List<ModelMessage>> prompt = scope.submit(() -> prompt(run));
			if (memories != null) {
				List<ScoredMemory> recalled = await(memories, settings.memoryTimeout(), () -> null, "memory", run);
				run.memories(recalled == null ? List.of() : recalled);
			}
			Map<String, Offered> loadedTools = await(offered, settings.toolsTimeout(), () -> {
				throw new RampartException(ErrorCode.AGENT_TOOL_FAILED,
						"The agent's tools could not be loaded within " + settings.toolsTimeout().toMillis() + " ms.");
			}, null, run);
			return new Loaded(await(prompt, settings.toolsTimeout(), () -> {
				throw new RampartException(ErrorCode.SERVICE_UNAVAILABLE, "The prompt could not be prepared in time.");
			}, null, run), loadedTools);
		}
	}

	private Map<String, Offered> tools(StepRun run) {
		Map<String, Offered> offered = new LinkedHashMap<>();
		if (run.agent().definition().tools().isEmpty()) {
			return offered;
		}
		Map<String, Tool> available = new LinkedHashMap<>();
		tools.available(run.invocation().tenant()).forEach(tool -> available.put(tool.name(), tool));
		List<String> missingRequired = new ArrayList<>();
		for (ToolBinding binding : run.agent().definition().tools()) {
			Tool tool = available.get(binding.name());
			if (tool != null) {
				offered.put(binding.name(), new Offered(tool, binding));
			}
			else if (binding.required()) {
				missingRequired.add(binding.name());
			}
			else {
				run.emit(new StepEvent.ToolSkipped(binding.name(), "not available in this tenant now"));
			}
		}
		if (!missingRequired.isEmpty()) {
			throw new RampartException(ErrorCode.AGENT_TOOL_FAILED,
					"required tool(s) not available in this tenant now: " + String.join(", ", missingRequired));
		}
		return offered;
	}

	private List<ModelMessage> prompt(StepRun run) {
		AgentDefinition definition = run.agent().definition();
		String instructions = definition.instructions();
		if (definition.outputSchema() != null) {
			instructions += "\n\nAnswer with one JSON value only, no other text, that satisfies this JSON Schema:\n"
					+ json.writeValueAsString(definition.outputSchema());
		}
		List<ModelMessage> prompt = new ArrayList<>();
		prompt.add(new ModelMessage(Role.SYSTEM, instructions, Origin.CONFIGURATION));
		// a thread's earlier turns (#8): untrusted both ways, the answers may echo untrusted input
		for (Turn turn : run.invocation().history()) {
			prompt.add(new ModelMessage(Role.USER, turn.input(), Origin.USER_INPUT));
			prompt.add(new ModelMessage(Role.ASSISTANT, turn.output(), Origin.MODEL));
		}
		prompt.add(new ModelMessage(Role.USER, run.invocation().input(), Origin.USER_INPUT));
		return List.copyOf(prompt);
	}

	/**
	 * The load's value; when it fails or runs out of time, {@code fallback}'s (which may throw) — after a
	 * {@code degraded} event naming {@code component}, when one is given.
	 */
	private static <T> T await(Future<T> load, Duration limit, Supplier<T> fallback, @Nullable String component, StepRun run) {
		try {
			return load.get(limit.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			load.cancel(true);
			degraded(component, "did not answer within " + limit.toMillis() + " ms", run);
			return fallback.get();
		}
		catch (ExecutionException ex) {
			if (component == null && ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			degraded(component, reason(ex.getCause()), run);
			return fallback.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new RampartException(ErrorCode.SERVICE_UNAVAILABLE, "The step was interrupted while it was loading.");
		}
	}

	private static void degraded(@Nullable String component, String reason, StepRun run) {
		if (component != null) {
			run.emit(new StepEvent.Degraded(component, reason));
		}
	}

	private static String reason(Throwable failure) {
		return failure instanceof RampartException rampart ? rampart.getMessage()
				: "unavailable (" + failure.getClass().getSimpleName() + ")";
	}
}
