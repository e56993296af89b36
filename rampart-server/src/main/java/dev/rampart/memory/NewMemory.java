package dev.rampart.memory;

import org.jspecify.annotations.Nullable;

/**
 * A memory to save. Saving the same text in the same scope again touches the stored one instead of adding a copy.
 *
 * @param text 1 to 8,000 characters
 * @param scope {@code ""} for the whole agent, {@code thread:<id>} or {@code user:<id>} (see {@link MemoryScopes})
 * @param importance 0 to 1, or null to let a heuristic estimate it (docs/memory.md, "Importance")
 * @param source where it came from
 * @param runId the run that saved it, if any
 * @param settings the agent's memory settings (capacity and embedding model)
 */
public record NewMemory(String text, String scope, @Nullable Float importance, MemorySource source,
		@Nullable String runId, MemorySettings settings) {

	/** An agent-wide memory saved through the API, importance estimated, default settings. */
	public static NewMemory of(String text) {
		return new NewMemory(text, MemoryScopes.AGENT, null, MemorySource.API, null, MemorySettings.DEFAULTS);
	}

	public NewMemory withScope(String newScope) {
		return new NewMemory(text, newScope, importance, source, runId, settings);
	}

	public NewMemory withImportance(@Nullable Float newImportance) {
		return new NewMemory(text, scope, newImportance, source, runId, settings);
	}

	public NewMemory withSettings(MemorySettings newSettings) {
		return new NewMemory(text, scope, importance, source, runId, newSettings);
	}

	public NewMemory withSource(MemorySource newSource, @Nullable String newRunId) {
		return new NewMemory(text, scope, importance, newSource, newRunId, settings);
	}
}
