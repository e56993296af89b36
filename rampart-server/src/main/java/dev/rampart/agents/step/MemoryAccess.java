package dev.rampart.agents.step;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.rampart.agents.AgentDefinition;
import dev.rampart.agents.AgentDefinition.MemoryScope;
import dev.rampart.agents.Invocation;
import dev.rampart.agents.StepEvent;
import dev.rampart.memory.Memories;
import dev.rampart.memory.MemoryQuery;
import dev.rampart.memory.MemoryScopes;
import dev.rampart.memory.MemorySettings;
import dev.rampart.memory.MemorySource;
import dev.rampart.memory.NewMemory;
import dev.rampart.memory.ScoredMemory;
import dev.rampart.shared.RampartException;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.stereotype.Component;

/**
 * A step's long-term memory, by the agent's settings (docs/agents.md, "Memory in a step"). A step reads the agent-wide
 * memories and those of its own thread or user (scope {@code thread} or {@code user}); it writes into its thread's or
 * user's scope, or agent-wide for scope {@code agent}. A step whose scope needs a thread or user id it was not given
 * reads only agent-wide memories and writes none, so one conversation never leaks into another's.
 */
@Component
class MemoryAccess {

	/** How much of the query's keyword match blends into the vector similarity. */
	static final float KEYWORD_WEIGHT = 0.3f;
	private static final int SUMMARY_INPUT_CHARS = 300;
	private static final int SUMMARY_OUTPUT_CHARS = 500;

	private final Memories memories;
	private final ObservationRegistry observations;

	MemoryAccess(Memories memories, ObservationRegistry observations) {
		this.memories = memories;
		this.observations = observations;
	}

	/** The memory module's settings for the agent's. */
	static MemorySettings settings(AgentDefinition definition) {
		return new MemorySettings(definition.memory().capacity(), Math.min(definition.memory().topK(),
				MemorySettings.MAX_TOP_K), definition.memory().embedding());
	}

	/** The scopes a step reads: agent-wide, plus its thread's or user's. */
	static List<String> readScopes(AgentDefinition definition, Invocation invocation) {
		return writeScope(definition, invocation).filter(scope -> !scope.equals(MemoryScopes.AGENT))
			.map(scope -> List.of(MemoryScopes.AGENT, scope))
			.orElse(List.of(MemoryScopes.AGENT));
	}

	/** The scope a step writes, or empty when its scope needs an id the step was not given. */
	static Optional<String> writeScope(AgentDefinition definition, Invocation invocation) {
		MemoryScope scope = definition.memory().scope();
		return switch (scope) {
			case AGENT -> Optional.of(MemoryScopes.AGENT);
			case THREAD -> Optional.ofNullable(invocation.threadId()).map(MemoryScopes::thread);
			case USER -> Optional.ofNullable(invocation.userId()).map(MemoryScopes::user);
		};
	}

	/**
	 * The memories closest to the step's input, as a {@code rampart.memory.recall} span and timer; throws when memory
	 * cannot serve (the step degrades).
	 */
	List<ScoredMemory> recall(StepRun run) {
		AgentDefinition definition = run.agent().definition();
		MemoryQuery query = MemoryQuery.of(run.invocation().input(), settings(definition))
			.inScopes(readScopes(definition, run.invocation()))
			.withKeywordWeight(KEYWORD_WEIGHT);
		Observation observation = Observation.createNotStarted("rampart.memory.recall", observations)
			.contextualName("memory recall")
			.highCardinalityKeyValue("agent.id", run.agent().agentId().toString())
			.highCardinalityKeyValue("tenant.id", run.invocation().tenant().toString())
			.highCardinalityKeyValue("input.size", Integer.toString(run.invocation().input().length()))
			.highCardinalityKeyValue("memory.top_k", Integer.toString(query.settings().topK()));
		return observation.observe(() -> {
			List<ScoredMemory> found = memories.search(run.invocation().tenant(), run.agent().agentId(), query);
			observation.highCardinalityKeyValue("memory.results", Integer.toString(found.size()));
			return found;
		});
	}

	/**
	 * Saves a summary of the finished turn when the agent asks for it ({@code memory.summarizeTurns}): the start of the
	 * user's message and of the answer, extractive, with an estimated importance. A failure is a {@code degraded}
	 * event, never a failed step: the answer is already there.
	 */
	void summarize(StepRun run, String output) {
		AgentDefinition definition = run.agent().definition();
		if (!definition.memory().enabled() || !definition.memory().summarizeTurns() || output.isBlank()) {
			return;
		}
		Optional<String> scope = writeScope(definition, run.invocation());
		if (scope.isEmpty()) {
			run.emit(new StepEvent.Degraded("memory", "the turn was not remembered: the agent keeps memories per "
					+ definition.memory().scope().name().toLowerCase(Locale.ROOT) + " and the step named none"));
			return;
		}
		String summary = "User said: " + shortened(run.invocation().input(), SUMMARY_INPUT_CHARS) + "\nYou answered: "
				+ shortened(output, SUMMARY_OUTPUT_CHARS);
		try {
			memories.save(run.invocation().tenant(), run.agent().agentId(), new NewMemory(summary, scope.get(), null,
					MemorySource.SUMMARY, run.invocation().runId(), settings(definition)));
		}
		catch (RampartException ex) {
			run.emit(new StepEvent.Degraded("memory", "the turn was not remembered: " + ex.getMessage()));
		}
	}

	private static String shortened(String text, int chars) {
		String flat = text.strip().replaceAll("\\s+", " ");
		return flat.length() <= chars ? flat : flat.substring(0, chars - 1) + "…";
	}
}
